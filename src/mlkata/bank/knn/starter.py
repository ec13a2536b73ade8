import numpy as np


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """k-nearest-neighbour classification.

    X_train: [N, D] float64 training points; y_train: [N] non-negative integer labels
             (any values, not necessarily 0..K-1).
    X_test:  [M, D] float64 points to classify.
    k:       number of neighbours, 1 <= k <= N.
    return:  [M] integer labels: for each test row, the most frequent label among its
             k nearest training rows (Euclidean distance); a tied vote goes to the
             smallest of the tied labels.
    """
    raise NotImplementedError
