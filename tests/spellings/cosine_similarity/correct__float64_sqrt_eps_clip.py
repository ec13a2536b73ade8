import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    a = np.asarray(A, dtype=np.float64)
    b = np.asarray(B, dtype=np.float64)
    a = a / np.sqrt(np.sum(a * a, axis=1, keepdims=True) + eps ** 2)
    b = b / np.sqrt(np.sum(b * b, axis=1, keepdims=True) + eps ** 2)
    return np.clip(a @ b.T, -1.0, 1.0)  # float64 result
