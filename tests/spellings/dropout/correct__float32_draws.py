import numpy as np


def dropout(x: np.ndarray, p: float, training: bool, rng: np.random.Generator):
    if not training:
        return np.copy(x), np.ones(x.shape, bool)
    u = rng.random(x.shape, dtype=np.float32)
    kept = u >= np.float32(p)
    scale = np.asarray(1.0 / (1.0 - p), dtype=x.dtype)
    out = np.zeros_like(x)
    out[kept] = x[kept] * scale
    return out, kept
