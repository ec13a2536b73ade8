import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    num = A @ B.T  # [N, M]
    den = np.outer(np.sqrt((A * A).sum(axis=1)), np.sqrt((B * B).sum(axis=1)))
    return num / den
