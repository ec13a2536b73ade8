import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    dots = A @ B.T
    norms = np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1)
    return dots / np.maximum(norms, eps)
