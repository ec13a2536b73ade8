import numpy as np


def pca_fit(X, k):
    """Eigen-decomposition of np.cov, one component at a time."""
    mean = np.mean(X, axis=0)
    C = np.atleast_2d(np.cov(X, rowvar=False))
    values, vectors = np.linalg.eig(C)
    values, vectors = values.real, vectors.real
    ranked = sorted(range(len(values)), key=lambda i: -values[i])[:k]
    components, variances = [], []
    for i in ranked:
        v = vectors[:, i] / np.linalg.norm(vectors[:, i])
        if v[np.argmax(np.abs(v))] < 0:
            v = -v
        components.append(v)
        variances.append(values[i])
    return np.array(components), np.array(variances), mean


def pca_transform(X, components, mean):
    scores = np.empty((X.shape[0], components.shape[0]))
    for j, c in enumerate(components):
        scores[:, j] = (X - mean) @ c
    return scores
