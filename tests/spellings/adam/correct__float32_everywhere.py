import numpy as np

F = np.float32


def _adam(g, m, v, t, lr, beta1, beta2, eps):
    m = F(beta1) * m.astype(F) + F(1 - beta1) * g
    v = F(beta2) * v.astype(F) + F(1 - beta2) * g * g
    m_hat = m / F(1 - beta1 ** t)
    v_hat = v / F(1 - beta2 ** t)
    return F(lr) * m_hat / (np.sqrt(v_hat) + F(eps)), m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    p = param.astype(F)
    g = grad.astype(F) + F(weight_decay) * p
    step, m, v = _adam(g, m, v, t, lr, beta1, beta2, eps)
    return p - step, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    p = param.astype(F)
    step, m, v = _adam(grad.astype(F), m, v, t, lr, beta1, beta2, eps)
    return p * F(1 - lr * weight_decay) - step, m, v
