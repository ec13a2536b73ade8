import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    A_n = A / max(np.linalg.norm(A), eps)
    B_n = B / max(np.linalg.norm(B), eps)
    return A_n @ B_n.T
