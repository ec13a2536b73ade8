import math

import numpy as np


def _adam(g, m, v, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    # Kingma & Ba, end of section 2: fold both corrections into the step size
    alpha_t = lr * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return alpha_t * m / (np.sqrt(v) + eps), m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    step, m, v = _adam(grad + weight_decay * param, m, v, t, lr, beta1, beta2, eps)
    return param - step, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    step, m, v = _adam(grad, m, v, t, lr, beta1, beta2, eps)
    return param * (1 - lr * weight_decay) - step, m, v
