import numpy as np


def _impurity(y):
    if len(y) == 0:
        return 0.0
    _, c = np.unique(y, return_counts=True)
    return 1.0 - ((c / c.sum()) ** 2).sum()


class DecisionTree:
    def __init__(self, max_depth: int | None = None, min_samples_split: int = 2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        self.index = {label: i for i, label in enumerate(sorted(set(np.asarray(y).tolist())))}
        codes = np.array([self.index[label] for label in np.asarray(y).tolist()])
        self.tree = self._grow(np.asarray(X, dtype=np.float64), codes, depth=0)
        return self

    def _leaf_value(self, y):
        labels, counts = np.unique(y, return_counts=True)
        winners = labels[counts == counts.max()]
        return min(winners)

    def _grow(self, X, y, depth):
        stop = (
            len(set(y.tolist())) <= 1
            or len(y) < self.min_samples_split
            or (self.max_depth is not None and depth == self.max_depth)
        )
        if stop:
            return {"leaf": self._leaf_value(y)}
        parent = _impurity(y)
        best_gain, best = 0.0, None
        for f in range(X.shape[1]):
            xs = np.sort(np.unique(X[:, f]))
            for t in (xs[:-1] + xs[1:]) / 2:
                left = X[:, f] <= t
                w = left.mean()
                gain = parent - (w * _impurity(y[left]) + (1 - w) * _impurity(y[~left]))
                if gain > best_gain:  # only splits that lower the impurity
                    best_gain, best = gain, (f, t)
        if best is None:
            return {"leaf": self._leaf_value(y)}
        f, t = best
        left = X[:, f] <= t
        return {
            "f": f,
            "t": t,
            "lo": self._grow(X[left], y[left], depth + 1),
            "hi": self._grow(X[~left], y[~left], depth + 1),
        }

    def predict(self, X):
        X = np.asarray(X, dtype=np.float64)
        result = []
        for x in X:
            node = self.tree
            while "leaf" not in node:
                node = node["lo"] if x[node["f"]] <= node["t"] else node["hi"]
            result.append(node["leaf"])
        return np.array(result)

    def get_depth(self):
        def d(node):
            return 0 if "leaf" in node else 1 + max(d(node["lo"]), d(node["hi"]))
        return d(self.tree)
