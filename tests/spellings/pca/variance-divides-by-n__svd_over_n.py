import numpy as np


def pca_fit(X, k):
    m = X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X - m, full_matrices=False)
    V = Vt[:k]
    flip = np.where(V[np.arange(k), np.argmax(np.abs(V), axis=1)] < 0, -1.0, 1.0)
    V = V * flip[:, None]
    explained = S[:k] ** 2 / X.shape[0]
    return V, explained, m


def pca_transform(X, components, mean):
    return (X - mean).dot(components.T)
