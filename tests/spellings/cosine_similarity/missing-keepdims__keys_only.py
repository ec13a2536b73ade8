import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    qn = np.sqrt(np.sum(A ** 2, axis=1, keepdims=True))
    kn = np.sqrt(np.sum(B ** 2, axis=1))
    q = A / np.maximum(qn, eps)
    k = B / np.maximum(kn, eps)
    return q @ k.T
