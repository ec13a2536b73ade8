import numpy as np


def softmax(x, axis=-1):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    num = np.exp(shifted)
    return num / np.sum(num, axis=-1, keepdims=True)
