import numpy as np


def pca_fit(X, k):
    n = X.shape[0]
    _, s, vt = np.linalg.svd(X, full_matrices=False)
    comps = vt[:k]
    signs = np.sign(comps[np.arange(k), np.abs(comps).argmax(axis=1)])
    comps = comps * signs[:, None]
    return comps, s[:k] ** 2 / (n - 1), X.mean(axis=0)


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
