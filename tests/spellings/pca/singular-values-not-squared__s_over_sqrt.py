import numpy as np


def pca_fit(X, k):
    n = X.shape[0]
    mu = np.mean(X, axis=0)
    _, sing, vt = np.linalg.svd(X - mu)
    C = vt[:k, :]
    for r in range(k):
        C[r] = C[r] if C[r][np.argmax(abs(C[r]))] > 0 else -C[r]
    return C, sing[:k] / np.sqrt(n - 1), mu


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
