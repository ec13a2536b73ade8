import numpy as np


def _normalize(x, eps):
    """x_hat = (x - mean) / sqrt(var + eps) over the last axis, and rstd = 1 / sqrt(var + eps)."""
    mean = x.mean(axis=-1, keepdims=True)                 # [..., 1]
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)  # [..., 1], biased: divides by D
    rstd = 1.0 / np.sqrt(var + eps)                       # [..., 1]
    return (x - mean) * rstd, rstd                        # [..., D], [..., 1]


def layer_norm(x, gamma, beta, eps=1e-5):
    """Layer norm over the last axis of x [..., D]; gamma, beta [D]. Same shape and dtype as x."""
    x_hat, _ = _normalize(x, eps)
    return x_hat * gamma + beta  # [..., D]


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    """Gradients of sum(dy * layer_norm(x, gamma, beta, eps)): (dx [..., D], dgamma [D], dbeta [D])."""
    x_hat, rstd = _normalize(x, eps)
    lead = tuple(range(x.ndim - 1))    # every axis but the last: gamma and beta are shared across them
    dgamma = (dy * x_hat).sum(axis=lead)  # [D]
    dbeta = dy.sum(axis=lead)             # [D]
    g = dy * gamma                        # [..., D], the gradient with respect to x_hat
    # x_hat depends on x directly, through the mean and through the variance
    dx = rstd * (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta
