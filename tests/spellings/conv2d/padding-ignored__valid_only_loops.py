import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    batch, c_in, h, width = x.shape
    c_out, _, kh, kw = w.shape
    h_out = (h - kh) // stride + 1
    w_out = (width - kw) // stride + 1
    y = np.zeros((batch, c_out, h_out, w_out))
    for n in range(batch):
        for o in range(c_out):
            for i in range(h_out):
                for j in range(w_out):
                    window = x[n, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    y[n, o, i, j] = np.sum(window * w[o])
            if b is not None:
                y[n, o] += b[o]
    return y
