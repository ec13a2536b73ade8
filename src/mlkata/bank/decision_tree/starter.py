import numpy as np


class DecisionTree:
    """A classification tree grown by CART with the Gini impurity (as sklearn's DecisionTreeClassifier)."""

    def __init__(self, max_depth: int | None = None, min_samples_split: int = 2):
        """max_depth: the deepest a node may sit (the root is depth 0), or None for no limit.
        min_samples_split: a node with fewer samples than this is a leaf."""
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X: np.ndarray, y: np.ndarray) -> "DecisionTree":
        """X [N, D] features, y [N] integer labels (any integers). Grows the tree; returns self.

        A split sends x[feature] <= threshold left; thresholds are midpoints between neighbouring
        distinct values of the node's samples; the best split minimises the weighted Gini impurity."""
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """X [M, D] -> [M] labels: the majority label of each row's leaf (a tie goes to the smallest label)."""
        raise NotImplementedError

    def get_depth(self) -> int:
        """The number of edges on the longest root-to-leaf path (a lone root is 0)."""
        raise NotImplementedError
