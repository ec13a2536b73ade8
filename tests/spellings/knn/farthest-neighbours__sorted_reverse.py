import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    out = []
    for x in X_test:
        dist = [float(np.sum((row - x) ** 2)) for row in X_train]
        ranked = sorted(range(len(dist)), key=lambda j: dist[j], reverse=True)
        votes = np.bincount(y_train[ranked[:k]])
        out.append(int(np.argmax(votes)))
    return np.array(out)
