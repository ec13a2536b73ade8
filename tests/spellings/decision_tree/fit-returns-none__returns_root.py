import numpy as np


class DecisionTree:
    """Nodes kept in flat lists, as sklearn's tree_ does; arithmetic in float32."""

    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float32)
        self.classes, y_idx = np.unique(y, return_inverse=True)
        y_idx = y_idx.ravel()
        K = len(self.classes)
        self.feature, self.threshold, self.left, self.right, self.value = [], [], [], [], []
        self.node_depth = []

        def new_node(rows, depth):
            counts = np.bincount(y_idx[rows], minlength=K)
            self.feature.append(-1)
            self.threshold.append(np.float32(0))
            self.left.append(-1)
            self.right.append(-1)
            self.value.append(counts)
            self.node_depth.append(depth)
            return len(self.feature) - 1

        stack = [(new_node(np.arange(len(X)), 0), np.arange(len(X)))]
        while stack:
            node, rows = stack.pop()
            depth, counts = self.node_depth[node], self.value[node]
            if len(rows) < self.min_samples_split or np.count_nonzero(counts) == 1:
                continue
            if self.max_depth is not None and depth >= self.max_depth:
                continue
            split = self._split(X[rows], y_idx[rows], K)
            if split is None:
                continue
            f, t = split
            mask = X[rows, f] <= t
            self.feature[node], self.threshold[node] = f, t
            self.left[node] = new_node(rows[mask], depth + 1)
            self.right[node] = new_node(rows[~mask], depth + 1)
            stack.append((self.left[node], rows[mask]))
            stack.append((self.right[node], rows[~mask]))

    @staticmethod
    def _split(Xn, yn, K):
        n = len(yn)
        one_hot = np.zeros((n, K), dtype=np.float32)
        one_hot[np.arange(n), yn] = 1
        best = (np.float32(np.inf), None)
        for f in range(Xn.shape[1]):
            order = np.argsort(Xn[:, f])
            x_sorted = Xn[order, f]
            left = np.cumsum(one_hot[order], axis=0)[:-1]
            right = left[-1:] + one_hot[order[-1]] - left
            nl = left.sum(axis=1)
            nr = right.sum(axis=1)
            gl = 1 - ((left / nl[:, None]) ** 2).sum(axis=1)
            gr = 1 - ((right / nr[:, None]) ** 2).sum(axis=1)
            score = (nl * gl + nr * gr) / np.float32(n)
            score[x_sorted[1:] == x_sorted[:-1]] = np.inf
            i = int(np.argmin(score))
            if score[i] < best[0]:
                best = (score[i], (f, (x_sorted[i] + x_sorted[i + 1]) / np.float32(2)))
        return best[1]

    def predict(self, X):
        X = np.asarray(X, dtype=np.float32)
        out = np.empty(len(X), dtype=self.classes.dtype)
        for i, x in enumerate(X):
            node = 0
            while self.left[node] != -1:
                node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
            out[i] = self.classes[np.argmax(self.value[node])]
        return out

    def get_depth(self):
        leaves = [d for d, l in zip(self.node_depth, self.left) if l == -1]
        return max(leaves)
