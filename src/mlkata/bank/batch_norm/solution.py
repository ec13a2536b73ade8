import numpy as np


def _batch_stats(x):
    """Per-channel mean and biased variance of x [N, C], taken over the batch axis."""
    mean = x.mean(axis=0)                 # [C]
    var = ((x - mean) ** 2).mean(axis=0)  # [C], biased: divides by N
    return mean, var


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    """Batch norm of x [N, C] as torch.nn.BatchNorm1d: (y [N, C], new_running_mean [C], new_running_var [C])."""
    if training:
        n = x.shape[0]
        mean, var = _batch_stats(x)  # [C], [C]
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * n / (n - 1)  # tracks the unbiased variance
    else:  # eval: normalise with the running statistics and update nothing
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    y = (x - mean) / np.sqrt(var + eps) * gamma + beta  # [N, C]
    return y, new_mean, new_var


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    """Gradients of sum(dy * y) for training-mode batch norm: (dx [N, C], dgamma [C], dbeta [C])."""
    mean, var = _batch_stats(x)
    rstd = 1.0 / np.sqrt(var + eps)  # [C]
    x_hat = (x - mean) * rstd        # [N, C]
    dgamma = (dy * x_hat).sum(axis=0)  # [C]
    dbeta = dy.sum(axis=0)             # [C]
    g = dy * gamma                     # [N, C], the gradient with respect to x_hat
    # x_hat depends on x directly, through the batch mean and through the batch variance
    dx = rstd * (g - g.mean(axis=0) - x_hat * (g * x_hat).mean(axis=0))
    return dx, dgamma, dbeta
