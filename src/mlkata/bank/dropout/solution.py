import numpy as np


def dropout(x: np.ndarray, p: float, training: bool,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Inverted dropout: each unit is kept with probability 1 - p and scaled by 1 / (1 - p).

    x: float array of any shape; 0 <= p < 1. Returns (y, keep-mask), both shaped like x; y has
    x's dtype. In evaluation (training=False) the layer is the identity and the mask is all True."""
    if not training:
        return x.copy(), np.ones(x.shape, dtype=bool)
    keep = 1.0 - p
    mask = rng.random(x.shape) < keep  # same shape as x: True (kept) with probability 1 - p
    y = x * mask / keep  # the kept units scaled up, so that E[y] = x; a Python float keeps x's dtype
    return y, mask
