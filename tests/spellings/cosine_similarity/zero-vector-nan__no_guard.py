import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    A_hat = A / np.linalg.norm(A, axis=1, keepdims=True)
    B_hat = B / np.linalg.norm(B, axis=1, keepdims=True)
    return A_hat @ B_hat.T
