import numpy as np


def pca_fit(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Principal component analysis: the k directions of largest variance.

    X:      [N, D] float64 data, one sample per row (do not modify it).
    k:      number of components, 1 <= k <= min(N - 1, D).
    return: (components [k, D]: orthonormal rows, the first the direction of
             largest variance, each row's entry of largest absolute value positive;
             explained_variance [k]: the sample variance (ddof=1) of the data along
             each component, descending;
             mean [D]: the mean of the rows of X).
    """
    raise NotImplementedError


def pca_transform(X: np.ndarray, components: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Coordinates of the rows of X in the basis of the components.

    X:          [N, D] data (any rows, not necessarily the ones the fit saw).
    components: [k, D] orthonormal rows; mean: [D], both as pca_fit returns them.
    return:     [N, k]: entry (i, j) is the projection of X[i] - mean on components[j].
    """
    raise NotImplementedError
