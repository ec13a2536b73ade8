# expect: timeout
# time_limit: 3
# An infinite loop that spends its time inside numpy (C code, GIL released at times).
import numpy as np


def softmax(x, axis=-1):
    a = np.random.default_rng(0).standard_normal((256, 256))
    while True:
        a = np.tanh(a @ a.T) + np.sort(a, axis=0)
