import numpy as np


def pca_fit(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-k principal axes of X [N, D]: (components [k, D], explained_variance [k], mean [D])."""
    N = X.shape[0]
    mean = X.mean(axis=0)                                    # [D]
    Xc = X - mean                                            # [N, D] centred copy: X itself is untouched
    cov = Xc.T @ Xc / (N - 1)                                # [D, N] @ [N, D] -> [D, D], sample covariance (ddof=1)
    eigvals, eigvecs = np.linalg.eigh(cov)                   # ascending; eigvecs[:, i] goes with eigvals[i]
    order = np.argsort(eigvals)[::-1][:k]                    # [k] indices of the k largest, descending
    vecs = eigvecs[:, order]                                 # [D, k] one principal axis per column
    # sign convention: the entry of largest absolute value of every axis is positive
    peak = vecs[np.abs(vecs).argmax(axis=0), np.arange(k)]   # [k]
    vecs = vecs * np.sign(peak)                              # [D, k] * [k]
    components = vecs.T                                      # [k, D] one principal axis per row
    explained_variance = eigvals[order]                      # [k] variance along each axis, descending
    return components, explained_variance, mean


def pca_transform(X: np.ndarray, components: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Coordinates [N, k] of the rows of X [N, D] along the components [k, D], after removing mean [D]."""
    return (X - mean) @ components.T                         # [N, D] @ [D, k] -> [N, k]
