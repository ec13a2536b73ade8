import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C_in, H, W = x.shape
    C_out, _, KH, KW = w.shape
    xp = np.pad(x, padding)
    H_out = (H + 2 * padding - KH) // stride + 1
    W_out = (W + 2 * padding - KW) // stride + 1
    y = np.zeros((N, C_out, H_out, W_out))
    for n in range(N):
        for o in range(C_out):
            for i in range(H_out):
                for j in range(W_out):
                    total = 0.0
                    for c in range(C_in):
                        total += np.sum(xp[n, c, i * stride:i * stride + KH, j * stride:j * stride + KW] * w[o, c])
                    y[n, o, i, j] = total
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y
