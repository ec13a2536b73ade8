import numpy as np


def mlp_loss_and_grads(X, y, params):
    f32 = np.float32
    X = X.astype(f32)
    W1, b1, W2, b2 = (params[k].astype(f32) for k in ("W1", "b1", "W2", "b2"))
    N, C = X.shape[0], W2.shape[1]
    z = np.einsum("nd,dh->nh", X, W1) + b1
    h = z * (z > 0)
    o = np.einsum("nh,hc->nc", h, W2) + b2
    mx = o.max(axis=1)
    lse = mx + np.log(np.exp(o - mx[:, None]).sum(axis=1))
    Y = np.eye(C, dtype=f32)[y]
    loss = np.mean(lse - (o * Y).sum(axis=1))  # a float32 scalar
    g = (np.exp(o - lse[:, None]) - Y) / f32(N)
    gz = np.einsum("nc,hc->nh", g, W2) * (z > 0)
    return loss, {"W1": np.einsum("nd,nh->dh", X, gz), "b1": gz.sum(0),
                  "W2": np.einsum("nh,nc->hc", h, g), "b2": g.sum(0)}
