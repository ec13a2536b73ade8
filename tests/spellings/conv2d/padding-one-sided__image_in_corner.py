import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Hp, Wp = H + 2 * padding, W + 2 * padding
    padded = np.zeros((N, C, Hp, Wp), dtype=x.dtype)
    padded[:, :, :H, :W] = x
    Ho = (Hp - HH) // stride + 1
    Wo = (Wp - WW) // stride + 1
    out = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for i in range(Ho):
        for j in range(Wo):
            block = padded[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]  # (N, C, HH, WW)
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", block, w)
    if b is not None:
        out += b.reshape(1, F, 1, 1)
    return out
