import numpy as np


def pca_fit(X, k):
    mean = X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
    return Vt[:k], S[:k] ** 2 / (len(X) - 1), mean


def pca_transform(X, components, mean):
    return (X - mean) @ components.T
