import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    img = x[:, 0]  # (N, H, W)
    ker = w[:, 0]  # (C_out, kh, kw)
    img = np.pad(img, ((0, 0), (padding, padding), (padding, padding)))
    kh, kw = ker.shape[1:]
    ho = (img.shape[1] - kh) // stride + 1
    wo = (img.shape[2] - kw) // stride + 1
    out = np.zeros((x.shape[0], w.shape[0], ho, wo))
    for a in range(kh):
        for c in range(kw):
            tap = img[:, a:a + stride * ho:stride, c:c + stride * wo:stride]  # (N, ho, wo)
            out += tap[:, None] * ker[None, :, a, c, None, None]
    if b is not None:
        out += b[:, None, None]
    return out
