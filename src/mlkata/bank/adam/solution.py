import numpy as np


def _adam_update(grad, m, v, t, lr, beta1, beta2, eps):
    """The core both variants share: the new moments, and the step to subtract from the parameter."""
    m = beta1 * m + (1.0 - beta1) * grad  # first moment: running mean of the gradient
    v = beta2 * v + (1.0 - beta2) * grad * grad  # second moment: running mean of its square
    # m and v start at 0, so after t steps they are shrunk towards 0 by a factor (1 - beta**t)
    bias1 = 1.0 - beta1**t
    bias2 = 1.0 - beta2**t
    m_hat = m / bias1
    v_hat = v / bias2
    step = lr * m_hat / (np.sqrt(v_hat) + eps)  # eps outside the root, after the bias correction
    return step, m, v


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    """One Adam step, t counting from 1; weight decay as an L2 term. Returns (param, m, v)."""
    if weight_decay != 0.0:
        grad = grad + weight_decay * param  # L2: the decay goes into the gradient, hence into m and v
    step, m, v = _adam_update(grad, m, v, t, lr, beta1, beta2, eps)
    return param - step, m, v


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    """One AdamW step, t counting from 1; decoupled weight decay. Returns (param, m, v)."""
    param = param * (1.0 - lr * weight_decay)  # decoupled: shrink the parameter; m and v never see it
    step, m, v = _adam_update(grad, m, v, t, lr, beta1, beta2, eps)
    return param - step, m, v
