"""Calls the implementation's knn_predict. Runs in the sandbox; holds no answers."""

import numpy as np


def predict(impl, X_train, y_train, X_test, k):
    labels = impl.knn_predict(X_train, y_train, X_test, k)
    return np.asarray(labels) if isinstance(labels, list | tuple) else labels  # a list of labels is fine too
