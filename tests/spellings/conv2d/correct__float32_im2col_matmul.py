import numpy as np


def im2col(xp, kh, kw, stride, out_h, out_w):
    """Rows: one per (n, i, j); columns: (c, u, v) in C order."""
    n, c = xp.shape[:2]
    cols = np.empty((n, out_h, out_w, c, kh, kw), dtype=xp.dtype)
    for i in range(kh):
        for j in range(kw):
            tap = xp[:, :, i:i + stride * out_h:stride, j:j + stride * out_w:stride]  # (n, c, out_h, out_w)
            cols[:, :, :, :, i, j] = tap.transpose(0, 2, 3, 1)
    return cols.reshape(n * out_h * out_w, c * kh * kw)


def conv2d(x, w, b=None, stride=1, padding=0):
    # float32 inputs are computed in float32 throughout
    dtype = np.float32 if x.dtype == np.float32 else np.float64
    x, w = x.astype(dtype), w.astype(dtype)
    n, c, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    out_h = (h + 2 * padding - kh) // stride + 1
    out_w = (wd + 2 * padding - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), mode="constant")
    cols = im2col(xp, kh, kw, stride, out_h, out_w)  # (n*oh*ow, c*kh*kw)
    y = cols @ w.reshape(c_out, -1).T  # (n*oh*ow, c_out)
    if b is not None:
        y = y + b.astype(dtype)
    return y.reshape(n, out_h, out_w, c_out).transpose(0, 3, 1, 2)
