import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    sq_a = np.einsum("ij,ij->i", A, A)
    sq_b = np.einsum("ij,ij->i", B, B)
    denom = np.maximum(np.outer(sq_a, sq_b), eps)
    return (A @ B.T) / denom
