import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in range(x.size):
        v = x.flat[k]
        x.flat[k] = v + h
        plus = f(x)
        x.flat[k] = v - h
        minus = f(x)
        x.flat[k] = v
        grad.flat[k] = (plus - minus) / h  # slope over the step
    return grad


def relative_error(a, b, eps=1e-12):
    num = np.abs(np.asarray(a) - np.asarray(b))
    den = np.maximum(np.abs(a) + np.abs(b), eps)
    return float(np.amax(num / den))
