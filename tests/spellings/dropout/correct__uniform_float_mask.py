import numpy as np


def dropout(x, p, training, rng):
    """Inverted dropout; the mask comes back as 0/1 in x's dtype."""
    if training:
        keep = (rng.uniform(0.0, 1.0, size=x.shape) >= p).astype(x.dtype)
        scale = x.dtype.type(1.0 / (1.0 - p))
        return x * keep * scale, keep
    return x.copy(), np.ones_like(x, dtype=bool)
