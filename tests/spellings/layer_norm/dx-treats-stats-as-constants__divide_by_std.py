import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.mean(np.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.mean(np.square(x - mean), axis=-1, keepdims=True)
    std = np.sqrt(var + eps)
    xhat = (x - mean) / std
    sum_axes = tuple(range(x.ndim - 1))
    dgamma = np.sum(dy * xhat, axis=sum_axes)
    dbeta = np.sum(dy, axis=sum_axes)
    dx = dy * gamma / std          # y = gamma * (x - mean) / std + beta
    return dx, dgamma, dbeta
