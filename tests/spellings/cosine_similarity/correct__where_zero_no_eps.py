import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    num = A @ B.T
    den = np.linalg.norm(A, axis=1)[:, None] * np.linalg.norm(B, axis=1)[None, :]
    safe = np.where(den == 0, 1.0, den)
    return np.where(den == 0, 0.0, num / safe)
