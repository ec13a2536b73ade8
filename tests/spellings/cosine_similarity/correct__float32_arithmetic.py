import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    # single precision is plenty for cosines
    a = A.astype(np.float32)
    b = B.astype(np.float32)
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), np.float32(eps))
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), np.float32(eps))
    return a @ b.T
