import numpy as np


def softmax(x, axis=-1):
    # subtract the max for stability
    z = x - np.max(x)
    exp_z = np.exp(z)
    return exp_z / np.sum(exp_z, axis=axis, keepdims=True)
