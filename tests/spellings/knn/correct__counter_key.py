from collections import Counter

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    result = []
    for x in X_test:
        d = np.linalg.norm(X_train - x, axis=1)
        nearest = np.argsort(d)[:k]
        votes = Counter(y_train[nearest].tolist())
        result.append(max(votes, key=lambda label: (votes[label], -label)))
    return np.asarray(result, dtype=np.int64)
