import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    na = np.maximum(np.linalg.norm(A, axis=1), eps)
    nb = np.maximum(np.linalg.norm(B, axis=1), eps)
    return (A / na) @ (B / nb).T
