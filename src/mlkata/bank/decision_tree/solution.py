import numpy as np


def _gini(counts: np.ndarray) -> np.ndarray:
    """Gini impurity 1 - sum_k p_k^2 of each row of class counts [m, K] (every row has a positive total)."""
    p = counts / counts.sum(axis=1, keepdims=True)  # [m, K] class proportions
    return 1.0 - (p ** 2).sum(axis=1)  # [m]


class DecisionTree:
    """A CART classification tree: axis-aligned binary splits chosen to minimise the weighted Gini impurity."""

    def __init__(self, max_depth: int | None = None, min_samples_split: int = 2):
        self.max_depth = max_depth  # None: grow until every leaf is pure or too small to split
        self.min_samples_split = min_samples_split

    def fit(self, X, y) -> "DecisionTree":
        X = np.asarray(X, dtype=np.float64)  # [N, D]
        self.classes_, codes = np.unique(np.asarray(y), return_inverse=True)  # [K] sorted labels, [N] in 0..K-1
        self.root_ = self._grow(X, codes.reshape(-1), depth=0)
        return self

    def _grow(self, X: np.ndarray, codes: np.ndarray, depth: int) -> dict:
        """The subtree for the samples X [n, D] with class codes [n], rooted at `depth`."""
        n = len(codes)
        counts = np.bincount(codes, minlength=len(self.classes_))  # [K]
        leaf = {"code": np.argmax(counts)}  # argmax takes the first maximum: the smallest label wins a tie
        if n < self.min_samples_split or counts.max() == n:  # too few samples, or pure
            return leaf
        if self.max_depth is not None and depth >= self.max_depth:
            return leaf
        split = self._best_split(X, codes)
        if split is None:  # every feature is constant on these samples: nothing to split on
            return leaf
        feature, threshold = split
        go_left = X[:, feature] <= threshold  # [n]
        return {
            "feature": feature,
            "threshold": threshold,
            "left": self._grow(X[go_left], codes[go_left], depth + 1),
            "right": self._grow(X[~go_left], codes[~go_left], depth + 1),
        }

    def _best_split(self, X: np.ndarray, codes: np.ndarray) -> tuple[int, float] | None:
        """(feature, threshold) of the split with the lowest weighted Gini impurity, or None if there is none."""
        n = len(codes)
        onehot = np.eye(len(self.classes_))[codes]  # [n, K]
        n_left = np.arange(1, n)  # [n-1] samples left of each cut
        best_impurity, best = np.inf, None
        for feature in range(X.shape[1]):
            order = np.argsort(X[:, feature], kind="stable")
            xs = X[order, feature]  # [n] sorted values
            cum = np.cumsum(onehot[order], axis=0)  # [n, K] class counts of the first i+1 sorted samples
            left, right = cum[:-1], cum[-1] - cum[:-1]  # [n-1, K] each: the cut after sorted sample i
            impurity = (n_left * _gini(left) + (n - n_left) * _gini(right)) / n  # [n-1] weighted by size
            valid = np.flatnonzero(xs[1:] > xs[:-1])  # cuts between two distinct values only
            if valid.size == 0:
                continue
            i = valid[np.argmin(impurity[valid])]
            if impurity[i] < best_impurity:
                threshold = (xs[i] + xs[i + 1]) / 2  # midpoint of the two neighbouring distinct values
                best_impurity, best = impurity[i], (feature, float(threshold))
        return best

    def predict(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)  # [M, D]
        codes = np.array([self._leaf(x)["code"] for x in X], dtype=np.int64)  # [M] class indices
        return self.classes_[codes]  # [M] the labels themselves

    def _leaf(self, x: np.ndarray) -> dict:
        node = self.root_
        while "feature" in node:
            node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
        return node

    def get_depth(self) -> int:
        """Edges on the longest root-to-leaf path: a lone root has depth 0."""

        def depth(node: dict) -> int:
            if "feature" not in node:
                return 0
            return 1 + max(depth(node["left"]), depth(node["right"]))

        return depth(self.root_)
