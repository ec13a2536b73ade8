import numpy as np


def pca_fit(X, k):
    """Power iteration with deflation on the sample covariance."""
    n, d = X.shape
    mean = X.sum(axis=0) / n
    Z = X - mean
    C = Z.T @ Z / (n - 1)
    rng = np.random.default_rng(0)
    comps = np.zeros((k, d))
    var = np.zeros(k)
    for i in range(k):
        v = rng.standard_normal(d)
        for _ in range(2000):
            v = C @ v
            v /= np.linalg.norm(v)
        lam = v @ C @ v
        top = np.argmax(np.abs(v))
        comps[i] = v * np.sign(v[top])
        var[i] = lam
        C = C - lam * np.outer(v, v)
    return comps, var, mean


def pca_transform(X, components, mean):
    return np.einsum("nd,kd->nk", X - mean, components)
