import numpy as np


def cosine_similarity(A: np.ndarray, B: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    """Cosine similarity of every row of A with every row of B.

    A:      [N, D] float32 or float64, one vector per row.
    B:      [M, D] same dtype as A (it may be the very same array as A).
    eps:    guards the division: divide each row by max(its norm, eps).
    return: [N, M]; entry (i, j) is cos(A[i], B[j]),
            and 0 wherever A[i] or B[j] is the zero vector. A and B stay unchanged.
    """
    raise NotImplementedError
