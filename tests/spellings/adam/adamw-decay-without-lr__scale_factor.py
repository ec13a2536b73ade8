import numpy as np


def _adam_direction(g, m, v, t, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    return (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    d, m, v = _adam_direction(grad + weight_decay * param, m, v, t, beta1, beta2, eps)
    return param - lr * d, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    d, m, v = _adam_direction(grad, m, v, t, beta1, beta2, eps)
    param = param * (1 - weight_decay)
    return param - lr * d, m, v
