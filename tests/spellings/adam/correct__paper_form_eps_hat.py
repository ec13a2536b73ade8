import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    g = grad + weight_decay * param
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
    # efficient form; eps_hat = eps * sqrt(bc2) keeps eps after the bias correction
    lr_t = lr * np.sqrt(bc2) / bc1
    eps_hat = eps * np.sqrt(bc2)
    return param - lr_t * m / (np.sqrt(v) + eps_hat), m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    old = param
    param, m, v = adam_step(param, grad, m, v, t, lr, beta1, beta2, eps, weight_decay=0.0)
    return param - lr * weight_decay * old, m, v
