import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    O, _, KH, KW = w.shape
    H2, W2 = H + 2 * padding, W + 2 * padding
    xp = np.zeros((N, C, H2, W2), dtype=x.dtype)
    xp[:, :, padding:padding + H, padding:padding + W] = x
    OH, OW = (H2 - KH) // stride + 1, (W2 - KW) // stride + 1
    y = np.zeros((N, O, OH, OW))
    for n in range(N):
        for o in range(O):
            for i in range(OH):
                for j in range(OW):
                    acc = 0.0
                    for u in range(KH):
                        for v in range(KW):
                            # y[i] = sum x[i - u] w[u]: the kernel runs backwards over the window
                            acc += np.dot(xp[n, :, i * stride + KH - 1 - u, j * stride + KW - 1 - v], w[o, :, u, v])
                    y[n, o, i, j] = acc + (b[o] if b is not None else 0.0)
    return y
