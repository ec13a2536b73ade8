import numpy as np


def pca_fit(X, k):
    mean = X.mean(axis=0)
    Xc = X - mean
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    order = vals.argsort()[::-1][:k]
    comps = vecs[:, order].T
    comps *= np.sign(comps[np.arange(k), np.abs(comps).argmax(1)])[:, None]
    return comps, vals[order], mean


def pca_transform(X, components, mean):
    Xc = X - X.mean(axis=0)
    return Xc @ components.T
