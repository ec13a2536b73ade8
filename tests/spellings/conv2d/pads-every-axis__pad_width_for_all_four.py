import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n_img, n_ch = x.shape[:2]
    n_out, _, kh, kw = w.shape
    xp = np.pad(x, [(padding, padding)] * x.ndim, mode="constant")
    hp, wp = xp.shape[-2:]
    oh = (hp - kh) // stride + 1
    ow = (wp - kw) // stride + 1
    y = np.zeros((n_img, n_out, oh, ow))
    for img in range(n_img):
        for ch in range(n_ch):
            plane = xp[img, ch]  # (hp, wp)
            for u in range(kh):
                for v in range(kw):
                    tap = plane[u:u + stride * (oh - 1) + 1:stride, v:v + stride * (ow - 1) + 1:stride]  # (oh, ow)
                    y[img] += w[:, ch, u, v][:, None, None] * tap[None]
    if b is not None:
        y += b[:, None, None]
    return y
