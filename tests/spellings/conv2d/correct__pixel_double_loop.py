import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c_in, h, wid = x.shape
    c_out, _, kh, kw = w.shape
    if padding > 0:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wid + 2 * padding - kw) // stride + 1
    y = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            r, s = i * stride, j * stride
            window = x[:, :, r:r + kh, s:s + kw]  # (n, c_in, kh, kw)
            y[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
    if b is not None:
        y += b[:, None, None]
    return y
