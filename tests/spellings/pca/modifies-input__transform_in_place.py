import numpy as np


def pca_fit(X, k):
    mean = X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:k]
    comps = comps * np.sign(comps[np.arange(k), np.abs(comps).argmax(axis=1)])[:, None]
    return comps, S[:k] ** 2 / (X.shape[0] - 1), mean


def pca_transform(X, components, mean):
    X -= mean
    return X @ components.T
