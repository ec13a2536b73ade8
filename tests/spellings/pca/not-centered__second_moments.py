import numpy as np


def pca_fit(X, k):
    N = len(X)
    M = X.T @ X / (N - 1)
    evals, evecs = np.linalg.eigh(M)
    idx = np.argsort(-evals)[:k]
    W = evecs[:, idx].T
    for r in range(k):
        if W[r, np.argmax(np.abs(W[r]))] < 0:
            W[r] *= -1
    return W, evals[idx], X.mean(0)


def pca_transform(X, components, mean):
    # project the samples onto the principal axes
    return X @ components.T
