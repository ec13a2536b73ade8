import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # row-wise softmax
    mx = x.max(-1)[..., None]
    p = np.exp(x - mx)
    p /= p.sum(-1)[..., None]
    return p
