import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    # dot products divided by the magnitudes
    dots = np.einsum("id,jd->ij", A, B)
    mags = np.sqrt(np.sum(A ** 2)) * np.sqrt(np.sum(B ** 2))
    return dots / np.maximum(mags, eps)
