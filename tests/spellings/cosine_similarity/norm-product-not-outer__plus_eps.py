import numpy as np


def cosine_similarity(A: np.ndarray, B: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    """cos = a.b / (|a| |b| + eps) for every pair."""
    a_len = np.sqrt(np.einsum("nd,nd->n", A, A))
    b_len = np.sqrt(np.einsum("md,md->m", B, B))
    return np.dot(A, B.T) / (a_len * b_len + eps)
