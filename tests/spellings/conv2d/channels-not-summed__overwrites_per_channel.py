import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C_in, H, W = x.shape
    C_out, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out = (H + 2 * padding - kh) // stride + 1
    W_out = (W + 2 * padding - kw) // stride + 1
    out = np.zeros((N, C_out, H_out, W_out))
    for n in range(N):
        for o in range(C_out):
            for c in range(C_in):
                for i in range(H_out):
                    for j in range(W_out):
                        region = xp[n, c, i * stride:i * stride + kh, j * stride:j * stride + kw]
                        out[n, o, i, j] = (region * w[o, c]).sum()
    if b is not None:
        out += b[None, :, None, None]
    return out
