import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    labels = []
    for t in X_test:
        pairs = sorted(zip(np.linalg.norm(X_train - t, axis=1), y_train.tolist()))
        chosen = [lab for _, lab in pairs[1:k + 1]]
        counts = {lab: chosen.count(lab) for lab in set(chosen)}
        best = max(counts.values())
        labels.append(min(lab for lab, c in counts.items() if c == best))
    return np.array(labels)
