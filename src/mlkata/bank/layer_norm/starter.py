import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Layer normalisation over the last axis.

    x:      [..., D] float32 or float64 (any number of leading axes, none included)
    gamma:  [D] scale; beta: [D] shift (same dtype as x)
    return: [..., D], same dtype as x:
            (x - mean) / sqrt(var + eps) * gamma + beta, with mean and the biased variance
            taken over the last axis of each row
    """
    raise NotImplementedError


def layer_norm_backward(dy: np.ndarray, x: np.ndarray, gamma: np.ndarray,
                        eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of layer_norm, given dy = dL/dy [..., D] (same shape as x).

    return: (dx [..., D], dgamma [D], dbeta [D]), each in x's dtype; dgamma and dbeta
            sum over every leading axis of x
    """
    raise NotImplementedError
