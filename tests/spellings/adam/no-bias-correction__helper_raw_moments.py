import numpy as np


def _moments_and_step(g, m, v, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g ** 2
    return m, v, lr * m / (np.sqrt(v) + eps)


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = grad + weight_decay * param
    m, v, step = _moments_and_step(g, m, v, lr, beta1, beta2, eps)
    return param - step, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    m, v, step = _moments_and_step(grad, m, v, lr, beta1, beta2, eps)
    return param * (1 - lr * weight_decay) - step, m, v
