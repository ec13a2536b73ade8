import numpy as np


def logsumexp(x: np.ndarray, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(x))) along `axis`, computed without overflow or underflow.

    x:        any shape, float32 or float64; finite values (as large as 1e4 in magnitude) or -inf.
    axis:     the axis to reduce (negative values count from the end).
    keepdims: keep the reduced axis with size 1, as numpy's reductions do.
    return:   x's shape without `axis` (or with it of size 1 when keepdims=True).
              A slice that is entirely -inf gives -inf.
    """
    raise NotImplementedError


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(x)) along `axis`, accurate even where softmax underflows to 0.

    x:      any shape, float32 or float64; every slice along `axis` has at least one finite entry.
    return: same shape as x; -inf exactly where x is -inf.
    """
    raise NotImplementedError


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean softmax cross-entropy of a batch.

    logits: [B, C], float32 or float64 (the logit at each label is finite).
    labels: [B], integer array (int32 or int64) with values in [0, C).
    return: mean over the batch of -log softmax(logits[b])[labels[b]], as a float.
    """
    raise NotImplementedError
