import numpy as np


def _update(g, m, v, t, beta1, beta2):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    return m / (1 - beta1 ** t), v / (1 - beta2 ** t)


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    m_hat, v_hat = _update(grad + weight_decay * param, m, v, t, beta1, beta2)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m_hat, v_hat


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    m_hat, v_hat = _update(grad, m, v, t, beta1, beta2)
    new = param * (1 - lr * weight_decay) - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new, m_hat, v_hat
