import numpy as np


def _moments(g, m, v, beta1, beta2):
    return beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g


def _direction(m, v, t, beta1, beta2, eps):
    return (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    m, v = _moments(grad, m, v, beta1, beta2)
    param = param - lr * weight_decay * param  # weight decay
    return param - lr * _direction(m, v, t, beta1, beta2, eps), m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    m, v = _moments(grad, m, v, beta1, beta2)
    return param * (1 - lr * weight_decay) - lr * _direction(m, v, t, beta1, beta2, eps), m, v
