import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    predictions = []
    for x in X_test:
        dist = np.linalg.norm(X_train - x, axis=1)
        k_labels = list(y_train[np.argsort(dist)[:k]])
        predictions.append(max(set(k_labels), key=k_labels.count))
    return np.array(predictions)
