import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, hh, ww = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h_out = 1 + (h + 2 * padding - hh) // stride
    w_out = 1 + (wd + 2 * padding - ww) // stride
    out = np.zeros((n, f, h_out, w_out))
    wmat = w.reshape(f, -1)  # (F, C*HH*WW)
    for i in range(h_out):
        for j in range(w_out):
            field = xp[:, :, i:i + hh, j:j + ww].reshape(n, -1)  # (N, C*HH*WW)
            out[:, :, i, j] = field @ wmat.T
    if b is not None:
        out += b[None, :, None, None]
    return out
