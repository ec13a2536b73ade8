import math

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    preds = []
    for x in X_test:
        dists = []
        for j in range(len(X_train)):
            d = math.sqrt(sum((float(a) - float(b)) ** 2 for a, b in zip(x, X_train[j])))
            dists.append((d, j))
        dists.sort()
        counts = {}
        for _, j in dists[:k]:
            label = int(y_train[j])
            counts[label] = counts.get(label, 0) + 1
        best = max(counts.values())
        preds.append(min(label for label, c in counts.items() if c == best))
    return np.array(preds)
