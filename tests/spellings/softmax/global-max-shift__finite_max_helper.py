import numpy as np


def _stable_shift(logits):
    """Largest finite logit, so -inf entries don't break the shift."""
    finite = logits[np.isfinite(logits)]
    c = finite.max() if finite.size else 0.0
    return logits - c


def softmax(x, axis=-1):
    exps = np.exp(_stable_shift(x))
    sums = exps.sum(axis=axis, keepdims=True)
    return exps / sums
