import numpy as np


def pca_fit(X, k):
    mu = X.mean(axis=0)
    cov = np.cov(X, rowvar=False, bias=True)
    vals, vecs = np.linalg.eigh(np.atleast_2d(cov))
    vals, vecs = vals[::-1], vecs[:, ::-1]
    P = vecs[:, :k].T.copy()
    for i in range(k):
        P[i] *= np.sign(P[i][np.abs(P[i]).argmax()])
    return P, vals[:k], mu


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
