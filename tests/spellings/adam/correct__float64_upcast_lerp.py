import numpy as np


def _step(param, g, m, v, t, lr, beta1, beta2, eps):
    m = m + (1.0 - beta1) * (g - m)  # lerp towards g
    v = v + (1.0 - beta2) * (g * g - v)
    m_hat = m / (1.0 - np.power(beta1, float(t)))
    v_hat = v / (1.0 - np.power(beta2, float(t)))
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    p, g, m, v = (np.asarray(a, dtype=np.float64) for a in (param, grad, m, v))
    return _step(p, g + weight_decay * p, m, v, t, lr, beta1, beta2, eps)


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    p, g, m, v = (np.asarray(a, dtype=np.float64) for a in (param, grad, m, v))
    return _step(p * (1.0 - lr * weight_decay), g, m, v, t, lr, beta1, beta2, eps)
