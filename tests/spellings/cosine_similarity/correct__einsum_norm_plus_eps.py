import numpy as np


def cosine_similarity(A: np.ndarray, B: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    dots = np.einsum("nd,md->nm", A, B)
    na = np.sqrt(np.einsum("nd,nd->n", A, A))
    nb = np.sqrt(np.einsum("md,md->m", B, B))
    return dots / (na[:, None] * nb[None, :] + eps)
