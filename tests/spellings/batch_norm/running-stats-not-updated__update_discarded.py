import numpy as np


def batch_norm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    rm = np.copy(running_mean)
    rv = np.copy(running_var)
    if training:
        N = x.shape[0]
        m = np.mean(x, axis=0)
        v = np.mean(np.square(x - m), axis=0)
        # running statistics for inference
        running_mean = (1 - momentum) * running_mean + momentum * m
        running_var = (1 - momentum) * running_var + momentum * v * N / (N - 1)
    else:
        m, v = running_mean, running_var
    out = (x - m) / np.sqrt(v + eps)
    return out * gamma + beta, rm, rv


def batch_norm_backward(dy, x, gamma, eps=1e-5):
    N = x.shape[0]
    m = np.mean(x, axis=0)
    inv = 1 / np.sqrt(np.mean(np.square(x - m), axis=0) + eps)
    xh = (x - m) * inv
    d = dy * gamma
    dx = inv / N * (N * d - np.sum(d, axis=0) - xh * np.sum(d * xh, axis=0))
    return dx, np.sum(dy * xh, axis=0), np.sum(dy, axis=0)
