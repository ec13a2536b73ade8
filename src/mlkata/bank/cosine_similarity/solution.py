import numpy as np


def cosine_similarity(A: np.ndarray, B: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    """Cosine similarity of every row of A with every row of B: [N, D], [M, D] -> [N, M]."""
    A_norm = np.linalg.norm(A, axis=1, keepdims=True)  # [N, 1]: one length per row of A
    B_norm = np.linalg.norm(B, axis=1, keepdims=True)  # [M, 1]
    A_unit = A / np.maximum(A_norm, eps)  # [N, D], unit rows; a zero row stays zero (0 / eps)
    B_unit = B / np.maximum(B_norm, eps)  # [M, D]
    return A_unit @ B_unit.T  # [N, D] @ [D, M] -> [N, M]: all pairwise dot products at once
