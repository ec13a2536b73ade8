import numpy as np


def numerical_gradient(f, x, h=1e-5):
    xf = x.ravel()
    grad = np.zeros(xf.shape[0])
    for i in range(xf.shape[0]):
        tmp = xf[i]
        xf[i] = tmp + h
        fp = f(x)
        xf[i] = tmp - h
        fm = f(x)
        xf[i] = tmp
        grad[i] = (fp - fm) / (2 * h)
    return grad.reshape(x.shape)


def relative_error(a, b, eps=1e-12):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps)))
