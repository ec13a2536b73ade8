import numpy as np


class DecisionTree:
    """Maximises sum_k cL_k^2 / nL + sum_k cR_k^2 / nR (the weighted Gini up to a constant);
    predict routes whole index arrays down the tree."""

    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        self.labels_, codes = np.unique(y, return_inverse=True)
        self.root_ = self._node(X, codes.reshape(-1), 0)
        return self

    def _node(self, X, c, depth):
        counts = np.bincount(c, minlength=len(self.labels_))
        node = {"counts": counts}
        if len(c) < self.min_samples_split or (counts > 0).sum() < 2:
            return node
        if self.max_depth is not None and depth >= self.max_depth:
            return node
        best = -1.0
        for j in range(X.shape[1]):
            col = X[:, j]
            uniq = np.unique(col)
            if len(uniq) < 2:
                continue
            cuts = (uniq[1:] + uniq[:-1]) / 2                       # [T]
            goes_left = col[None, :] <= cuts[:, None]                 # [T, n]
            onehot = np.eye(len(self.labels_))[c]                     # [n, K]
            cl = goes_left.astype(float) @ onehot                     # [T, K]
            cr = counts[None, :] - cl
            nl, nr = cl.sum(1), cr.sum(1)
            proxy = (cl ** 2).sum(1) / nl + (cr ** 2).sum(1) / nr
            t = int(np.argmax(proxy))
            if proxy[t] > best:
                best, node["feature"], node["threshold"] = proxy[t], j, cuts[t]
        if "feature" not in node:
            return node
        m = X[:, node["feature"]] <= node["threshold"]
        node["left"] = self._node(X[m], c[m], depth + 1)
        node["right"] = self._node(X[~m], c[~m], depth + 1)
        return node

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        out = np.empty(len(X), dtype=self.labels_.dtype)

        def route(node, idx):
            if "feature" not in node:
                out[idx] = np.argmax(node["counts"])
                return
            m = X[idx, node["feature"]] <= node["threshold"]
            route(node["left"], idx[m])
            route(node["right"], idx[~m])

        route(self.root_, np.arange(len(X)))
        return out

    def get_depth(self):
        stack, deepest = [(self.root_, 0)], 0
        while stack:
            node, d = stack.pop()
            deepest = max(deepest, d)
            if "feature" in node:
                stack += [(node["left"], d + 1), (node["right"], d + 1)]
        return deepest
