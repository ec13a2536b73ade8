import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    out = []
    for x in X_test:
        order = np.argsort(((X_train - x) ** 2).sum(axis=1))
        votes = {}
        i = 0
        while i <= k and i < len(order):
            lab = int(y_train[order[i]])
            votes[lab] = votes.get(lab, 0) + 1
            i += 1
        top = max(votes.values())
        out.append(min(lab for lab in votes if votes[lab] == top))
    return np.array(out)
