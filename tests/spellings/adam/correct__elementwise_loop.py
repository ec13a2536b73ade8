import math

import numpy as np


def _adam_loop(param, grad, m, v, t, lr, b1, b2, eps, l2, decoupled):
    p, m, v = param.copy(), m.copy(), v.copy()
    bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
    for i in np.ndindex(p.shape):
        g = grad[i] + l2 * p[i]
        m[i] = b1 * m[i] + (1 - b1) * g
        v[i] = b2 * v[i] + (1 - b2) * g * g
        p[i] = p[i] * (1 - lr * decoupled) - lr * (m[i] / bc1) / (math.sqrt(v[i] / bc2) + eps)
    return p, m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    return _adam_loop(param, grad, m, v, t, lr, beta1, beta2, eps, weight_decay, 0.0)


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    return _adam_loop(param, grad, m, v, t, lr, beta1, beta2, eps, 0.0, weight_decay)
