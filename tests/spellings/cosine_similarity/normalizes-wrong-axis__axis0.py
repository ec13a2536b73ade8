import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    a = A / np.maximum(np.linalg.norm(A, axis=0, keepdims=True), eps)
    b = B / np.maximum(np.linalg.norm(B, axis=0, keepdims=True), eps)
    return a @ b.T
