import numpy as np


def pca_fit(X, k):
    mean = np.mean(X, axis=0)
    cov = np.cov((X - mean).T)
    eigenvalues, eigenvectors = np.linalg.eigh(cov)
    components = eigenvectors[:, :k].T
    idx = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(k), idx])[:, None]
    return components, eigenvalues[:k], mean


def pca_transform(X, components, mean):
    return np.matmul(X - mean, components.T)
