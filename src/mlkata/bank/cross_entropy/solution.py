import numpy as np


def _slice_max(x: np.ndarray, axis: int) -> np.ndarray:
    """Max of every slice along `axis`, kept as a size-1 axis so that it broadcasts against x.

    A slice with no finite entry (all -inf) gets 0 instead of -inf: x - m would otherwise
    compute -inf - (-inf) = NaN there."""
    m = x.max(axis=axis, keepdims=True)  # [..., 1, ...]
    return np.where(np.isfinite(m), m, 0).astype(x.dtype, copy=False)


def logsumexp(x: np.ndarray, axis: int = -1, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(x))) along `axis`, in x's dtype; a slice of all -inf gives -inf."""
    m = _slice_max(x, axis)  # [..., 1, ...]
    with np.errstate(divide="ignore"):  # log(0) = -inf for an all -inf slice: the right answer
        out = np.log(np.exp(x - m).sum(axis=axis, keepdims=True)) + m  # [..., 1, ...]; every exponent <= 0
    return out if keepdims else out.squeeze(axis=axis)


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """x minus the logsumexp of its slice along `axis`: log-probabilities, same shape and dtype."""
    shifted = x - _slice_max(x, axis)  # same shape; each slice's max is now 0
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))  # sum is in [1, C]: log is safe


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean over the batch of -log softmax(logits[b])[labels[b]]."""
    B = logits.shape[0]
    log_probs = log_softmax(logits, axis=-1)  # [B, C]
    picked = log_probs[np.arange(B), labels]  # [B]: each example's log-probability of its own label
    return float(-picked.mean())
