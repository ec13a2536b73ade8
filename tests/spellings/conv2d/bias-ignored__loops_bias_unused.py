import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    x_padded = np.zeros((N, C, H + 2 * padding, W + 2 * padding), dtype=x.dtype)
    x_padded[:, :, padding:H + padding, padding:W + padding] = x
    H_out = 1 + (H + 2 * padding - HH) // stride
    W_out = 1 + (W + 2 * padding - WW) // stride
    out = np.zeros((N, F, H_out, W_out), dtype=x.dtype)
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    hs, ws = i * stride, j * stride
                    out[n, f, i, j] = np.sum(x_padded[n, :, hs:hs + HH, ws:ws + WW] * w[f])
    return out
