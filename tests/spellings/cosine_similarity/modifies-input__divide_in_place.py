import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    A /= np.maximum(np.linalg.norm(A, axis=1, keepdims=True), eps)
    B /= np.maximum(np.linalg.norm(B, axis=1, keepdims=True), eps)
    return A @ B.T
