import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    preds = []
    for x in X_test:
        distances = np.sqrt(np.sum((X_train - x) ** 2, axis=0))
        nn = np.argsort(distances)[:k]
        preds.append(np.bincount(y_train[nn]).argmax())
    return np.array(preds)
