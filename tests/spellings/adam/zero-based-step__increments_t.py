import numpy as np


def _adam_core(grad, m, v, t, lr, beta1, beta2, eps):
    t = t + 1  # step count starts at 1
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    upd, m, v = _adam_core(grad + weight_decay * param, m, v, t, lr, beta1, beta2, eps)
    return param - upd, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    upd, m, v = _adam_core(grad, m, v, t, lr, beta1, beta2, eps)
    return param * (1 - lr * weight_decay) - upd, m, v
