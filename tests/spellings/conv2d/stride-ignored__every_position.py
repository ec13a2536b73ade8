import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    M, _, R, S = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    P, Q = xp.shape[2] - R + 1, xp.shape[3] - S + 1
    out = np.zeros((N, M, P, Q), dtype=x.dtype)
    for r in range(R):
        for s in range(S):
            # [N, C, P, Q] x [M, C] -> [N, M, P, Q]
            out += np.einsum("ncpq,mc->nmpq", xp[:, :, r:r + P, s:s + Q], w[:, :, r, s])
    if b is not None:
        out += b[:, None, None]
    return out
