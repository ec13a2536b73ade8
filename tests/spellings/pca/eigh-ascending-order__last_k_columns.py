import numpy as np


def pca_fit(X, k):
    n = X.shape[0]
    mean = X.mean(axis=0)
    Xc = X - mean
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (n - 1))
    top_vals = vals[-k:]
    top_vecs = vecs[:, -k:].T
    for i in range(k):
        if top_vecs[i, np.argmax(np.abs(top_vecs[i]))] < 0:
            top_vecs[i] = -top_vecs[i]
    return top_vecs, top_vals, mean


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
