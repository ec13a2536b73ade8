import numpy as np


def pca_fit(X, k):
    mu = X.mean(axis=0)
    U, S, Vt = np.linalg.svd(X - mu, full_matrices=False)
    comps = Vt[:k].copy()
    for i in range(k):
        j = np.argmax(np.abs(comps[i]))
        if comps[i, j] < 0:
            comps[i] = -comps[i]
    var = S[:k] ** 2 / (X.shape[0] - 1)
    return comps, var, mu


def pca_transform(X, components, mean):
    return np.dot(X - mean, components.T)
