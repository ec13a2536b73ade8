import numpy as np


def pca_fit(X, k):
    mean = X.mean(axis=0)
    U, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:k]
    comps = comps * np.sign(comps[np.arange(k), np.argmax(np.abs(comps), axis=1)])[:, None]
    explained_variance = S[:k] / (X.shape[0] - 1)
    return comps, explained_variance, mean


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
