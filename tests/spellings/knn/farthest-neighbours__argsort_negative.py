import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    d = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(-1)
    top = np.argsort(-d, axis=1)[:, :k]
    return np.array([np.bincount(y_train[t]).argmax() for t in top])
