import numpy as np


def _adam_update(g, m, v, t, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    return lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps), m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    # decay the weights directly
    delta, m, v = _adam_update(grad, m, v, t, lr, beta1, beta2, eps)
    return param * (1 - lr * weight_decay) - delta, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    # decay added to the gradient
    delta, m, v = _adam_update(grad + weight_decay * param, m, v, t, lr, beta1, beta2, eps)
    return param - delta, m, v
