import math

import numpy as np


def _inplace_adam(param, grad, m, v, t, lr, beta1, beta2, eps):
    # the order torch.optim.Adam uses: lerp-free in-place moments, step size lr / bc1,
    # denominator sqrt(v) / sqrt(bc2) + eps
    np.multiply(m, beta1, out=m)
    m += (1 - beta1) * grad
    np.multiply(v, beta2, out=v)
    v += (1 - beta2) * grad * grad
    bc1 = 1 - beta1 ** t
    bc2_sqrt = math.sqrt(1 - beta2 ** t)
    denom = np.sqrt(v) / bc2_sqrt + eps
    param -= (lr / bc1) * m / denom


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    param, m, v = np.array(param), np.array(m), np.array(v)  # 0-d inputs become writable arrays
    if weight_decay != 0:
        grad = grad + weight_decay * param
    _inplace_adam(param, grad, m, v, t, lr, beta1, beta2, eps)
    return param, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    param, m, v = np.array(param), np.array(m), np.array(v)
    param *= 1 - lr * weight_decay
    _inplace_adam(param, grad, m, v, t, lr, beta1, beta2, eps)
    return param, m, v
