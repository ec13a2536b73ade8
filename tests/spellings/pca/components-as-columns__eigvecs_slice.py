import numpy as np


def pca_fit(X, k):
    mean = X.mean(axis=0)
    Xc = X - mean
    cov = Xc.T @ Xc / (X.shape[0] - 1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:k]
    W = vecs[:, order]                       # D x k
    W = W * np.sign(W[np.abs(W).argmax(axis=0), np.arange(k)])
    return W, vals[order], mean


def pca_transform(X, components, mean):
    return (X - mean) @ components
