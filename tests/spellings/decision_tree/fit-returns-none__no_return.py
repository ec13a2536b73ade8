import numpy as np


class Node:
    def __init__(self, prediction, feature=None, threshold=None, left=None, right=None):
        self.prediction = prediction
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right

    def is_leaf(self):
        return self.left is None


def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / len(labels)
    return 1.0 - np.sum(p * p)


def majority(labels):
    values, counts = np.unique(labels, return_counts=True)  # sorted values
    return values[np.argmax(counts)]


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.root = None

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        self.root = self._build(X, y, 0)

    def _best_split(self, X, y):
        best_score, best_feature, best_threshold = None, None, None
        n = len(y)
        for j in range(X.shape[1]):
            values = np.unique(X[:, j])
            for k in range(len(values) - 1):
                t = (values[k] + values[k + 1]) / 2
                mask = X[:, j] <= t
                score = mask.sum() / n * gini(y[mask]) + (~mask).sum() / n * gini(y[~mask])
                if best_score is None or score < best_score:
                    best_score, best_feature, best_threshold = score, j, t
        return best_feature, best_threshold

    def _build(self, X, y, depth):
        node = Node(majority(y))
        if len(y) < self.min_samples_split:
            return node
        if len(np.unique(y)) == 1:
            return node
        if self.max_depth is not None and depth >= self.max_depth:
            return node
        feature, threshold = self._best_split(X, y)
        if feature is None:
            return node
        mask = X[:, feature] <= threshold
        node.feature, node.threshold = feature, threshold
        node.left = self._build(X[mask], y[mask], depth + 1)
        node.right = self._build(X[~mask], y[~mask], depth + 1)
        return node

    def _predict_one(self, x):
        node = self.root
        while not node.is_leaf():
            if x[node.feature] <= node.threshold:
                node = node.left
            else:
                node = node.right
        return node.prediction

    def predict(self, X):
        return np.array([self._predict_one(row) for row in np.asarray(X, dtype=float)])

    def get_depth(self):
        def walk(node):
            if node.is_leaf():
                return 0
            return 1 + max(walk(node.left), walk(node.right))
        return walk(self.root)
