import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    d = np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    # skip the point itself
    neighbours = np.argsort(d, axis=1)[:, 1:k + 1]
    votes = y_train[neighbours]
    return np.array([np.bincount(v).argmax() for v in votes])
