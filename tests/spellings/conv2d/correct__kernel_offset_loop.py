import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding), dtype=x.dtype)
    xp[:, :, padding:padding + H, padding:padding + W] = x
    out = np.zeros((N, F, Ho, Wo), dtype=x.dtype)
    for u in range(KH):
        for v in range(KW):
            sl = xp[:, :, u:u + stride * (Ho - 1) + 1:stride, v:v + stride * (Wo - 1) + 1:stride]  # (N, C, Ho, Wo)
            out += np.einsum("nchw,fc->nfhw", sl, w[:, :, u, v])
    if b is not None:
        out += b[None, :, None, None]
    return out
