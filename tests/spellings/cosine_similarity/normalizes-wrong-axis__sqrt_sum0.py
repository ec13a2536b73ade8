import numpy as np


def cosine_similarity(A: np.ndarray, B: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    # scale to unit length, then all dot products at once
    len_a = np.sqrt(np.sum(A * A, axis=0))
    len_b = np.sqrt(np.sum(B * B, axis=0))
    return np.dot(A / np.maximum(len_a, eps), (B / np.maximum(len_b, eps)).T)
