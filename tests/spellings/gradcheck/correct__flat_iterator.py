import numpy as np


def numerical_gradient(f, x, h=1e-5):
    g = np.zeros(x.shape)
    for k in range(x.size):
        saved = x.flat[k]
        x.flat[k] = saved + h
        up = f(x)
        x.flat[k] = saved - h
        down = f(x)
        x.flat[k] = saved
        g.flat[k] = (up - down) / (2.0 * h)
    return g


def relative_error(a, b, eps=1e-12):
    diff = np.abs(np.subtract(a, b))
    scale = np.maximum(np.abs(a) + np.abs(b), eps)
    return (diff / scale).max().item()
