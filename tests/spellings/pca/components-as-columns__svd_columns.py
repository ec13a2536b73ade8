import numpy as np


def pca_fit(X, k):
    N = X.shape[0]
    mean = X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
    V = Vt.T[:, :k]
    for j in range(k):
        if V[np.abs(V[:, j]).argmax(), j] < 0:
            V[:, j] = -V[:, j]
    return V, S[:k] ** 2 / (N - 1), mean


def pca_transform(X, components, mean):
    return np.dot(X - mean, components)
