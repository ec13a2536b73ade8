import numpy as np


def _centre(X):
    return X - X.mean(axis=0, keepdims=True)


def pca_fit(X, k):
    Z = _centre(X)
    _, s, vt = np.linalg.svd(Z, full_matrices=False)
    V = vt[:k]
    for i in range(k):
        V[i] *= 1 if V[i, np.abs(V[i]).argmax()] > 0 else -1
    return V, s[:k] ** 2 / (Z.shape[0] - 1), X.mean(axis=0)


def pca_transform(X, components, mean):
    return _centre(X) @ components.T
