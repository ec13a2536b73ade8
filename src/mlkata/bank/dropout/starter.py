import numpy as np


def dropout(x: np.ndarray, p: float, training: bool,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Inverted dropout.

    x:        float32 or float64 array of any shape (not modified)
    p:        the probability of DROPPING a unit, 0 <= p < 1
    training: True: drop each unit independently with probability p and scale the kept ones
              by 1 / (1 - p); False: the identity
    rng:      np.random.Generator, the only source of randomness
    return:   (y, mask): y shaped like x with x's dtype; mask a bool array shaped like x,
              True where the unit was kept (all True in evaluation).
    """
    raise NotImplementedError
