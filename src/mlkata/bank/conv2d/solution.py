import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    """2-D cross-correlation as F.conv2d: x [N, C_in, H, W], w [C_out, C_in, kh, kw], b [C_out] or None."""
    N = x.shape[0]
    C_out, C_in, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))  # [N, C_in, H + 2p, W + 2p], zeros
    Hp, Wp = xp.shape[2:]
    H_out = (Hp - kh) // stride + 1  # the last window still fits inside the padded input
    W_out = (Wp - kw) // stride + 1
    out = np.zeros((N, C_out, H_out, W_out), dtype=np.result_type(x, w))
    # one step per kernel offset (u, v): output pixel (i, j) reads xp[..., i * stride + u, j * stride + v]
    for u in range(kh):
        for v in range(kw):
            tap = xp[:, :, u : u + stride * H_out : stride, v : v + stride * W_out : stride]  # [N, C_in, H_out, W_out]
            # [C_out, C_in] @ [N, C_in, H_out * W_out] -> [N, C_out, H_out * W_out]: sums over the input channels
            out += (w[:, :, u, v] @ tap.reshape(N, C_in, H_out * W_out)).reshape(N, C_out, H_out, W_out)
    if b is not None:
        out = out + b[:, None, None]  # one bias per output channel
    return out
