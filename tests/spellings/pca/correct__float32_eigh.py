import numpy as np


def pca_fit(X, k):
    X32 = X.astype(np.float32)
    n = X32.shape[0]
    mean = X32.mean(axis=0)
    centred = X32 - mean
    cov = centred.T @ centred / np.float32(n - 1)
    w, v = np.linalg.eigh(cov)
    w, v = w[::-1][:k], v[:, ::-1][:, :k]
    idx = np.abs(v).argmax(axis=0)
    v = v * np.sign(v[idx, np.arange(k)])
    return v.T, w, mean


def pca_transform(X, components, mean):
    X32 = np.asarray(X, dtype=np.float32)
    return (X32 - mean.astype(np.float32)) @ components.T.astype(np.float32)
