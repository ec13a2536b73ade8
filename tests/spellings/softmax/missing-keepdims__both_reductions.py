import numpy as np


def softmax(x, axis=-1):
    x_max = np.max(x, axis=axis)
    e = np.exp(x - x_max)
    return e / np.sum(e, axis=axis)
