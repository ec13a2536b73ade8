import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax of x along `axis`.

    x:      any shape, float32 or float64; may contain -inf (masked logits)
            and values as large as 1e4 in magnitude.
    axis:   the axis to normalise over (negative values count from the end).
    return: same shape and dtype as x; every slice along `axis` sums to 1.
    """
    raise NotImplementedError
