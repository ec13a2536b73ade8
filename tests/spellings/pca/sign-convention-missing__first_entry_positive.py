import numpy as np


def pca_fit(X, k):
    mean = X.mean(axis=0)
    C = np.cov(X, rowvar=False)
    lam, V = np.linalg.eigh(C)
    order = np.argsort(lam)[::-1][:k]
    comps = V[:, order].T
    # make the sign deterministic
    comps = comps * np.where(comps[:, 0] < 0, -1.0, 1.0)[:, None]
    return comps, lam[order], mean


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
