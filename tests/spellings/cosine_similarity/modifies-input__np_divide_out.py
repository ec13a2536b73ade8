import numpy as np


def _normalise_(X, eps):
    """Scale the rows of X to unit length (in place)."""
    lengths = np.sqrt((X * X).sum(axis=1, keepdims=True))
    np.divide(X, np.maximum(lengths, eps), out=X)
    return X


def cosine_similarity(A, B, eps=1e-8):
    a = _normalise_(A, eps)
    b = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), eps)
    return a @ b.T
