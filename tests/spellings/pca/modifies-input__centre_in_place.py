import numpy as np


def pca_fit(X, k):
    mean = X.mean(axis=0)
    X -= mean
    vals, vecs = np.linalg.eigh(X.T @ X / (X.shape[0] - 1))
    idx = np.argsort(vals)[::-1][:k]
    comps = vecs[:, idx].T
    comps *= np.sign(comps[np.arange(k), np.abs(comps).argmax(axis=1)])[:, None]
    return comps, vals[idx], mean


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
