import numpy as np


def batch_norm_forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, running_mean: np.ndarray,
                       running_var: np.ndarray, momentum: float = 0.1, eps: float = 1e-5,
                       training: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Batch normalisation of x [N, C] over the batch axis, as torch.nn.BatchNorm1d.

    gamma, beta:              [C] scale and shift
    running_mean, running_var: [C] running statistics (left unmodified: return new arrays)
    training=True:  normalise with the batch mean and the biased batch variance (N >= 2);
                    new = (1 - momentum) * old + momentum * batch, with the unbiased variance for running_var
    training=False: normalise with the running statistics; they come back unchanged
    return: (y [N, C], new_running_mean [C], new_running_var [C])
    """
    raise NotImplementedError


def batch_norm_backward(dy: np.ndarray, x: np.ndarray, gamma: np.ndarray,
                        eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of training-mode batch norm, given dy = dL/dy [N, C].

    return: (dx [N, C], dgamma [C], dbeta [C])
    """
    raise NotImplementedError
