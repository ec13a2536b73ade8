import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    a_norm = (A ** 2).sum(axis=1, keepdims=True)
    b_norm = (B ** 2).sum(axis=1, keepdims=True)
    return (A / np.maximum(a_norm, eps)) @ (B / np.maximum(b_norm, eps)).T
