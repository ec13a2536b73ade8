import numpy as np


def sinusoidal_positions(L: int, d: int, base: float = 10000.0) -> np.ndarray:
    """Sinusoidal position encodings ("Attention Is All You Need").

    L:      number of positions (0 .. L - 1), L >= 1
    d:      number of columns, d >= 1 (odd d allowed)
    return: [L, d] float64 with PE[p, 2i] = sin(p / base ** (2i / d)) and
            PE[p, 2i + 1] = cos(p / base ** (2i / d)); for odd d the last column is a sin
    """
    raise NotImplementedError
