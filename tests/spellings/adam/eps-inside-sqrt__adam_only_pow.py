import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = grad + weight_decay * param
    m_new = beta1 * m + (1 - beta1) * g
    v_new = beta2 * v + (1 - beta2) * g * g
    mh = m_new / (1 - beta1 ** t)
    vh = v_new / (1 - beta2 ** t)
    return param - lr * mh / (vh + eps) ** 0.5, m_new, v_new


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad * grad
    mh = m_new / (1 - beta1 ** t)
    vh = v_new / (1 - beta2 ** t)
    return param * (1 - lr * weight_decay) - lr * mh / (np.sqrt(vh) + eps), m_new, v_new
