import numpy as np


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Majority label [M] among the k nearest training rows (Euclidean) of each test row; ties go to the smallest."""
    diff = X_test[:, None, :] - X_train[None, :, :]        # [M, 1, D] - [1, N, D] -> [M, N, D]
    d2 = (diff ** 2).sum(axis=-1)                          # [M, N] squared distances (same order as distances)
    nearest = np.argsort(d2, axis=1)[:, :k]                # [M, k] indices of the k nearest training rows
    votes = y_train[nearest]                               # [M, k] their labels
    classes = np.unique(y_train)                           # [C] sorted: the first maximum is the smallest label
    counts = (votes[:, :, None] == classes).sum(axis=1)    # [M, k, 1] == [C] -> [M, k, C] -> [M, C]
    return classes[counts.argmax(axis=1)]                  # [M]
