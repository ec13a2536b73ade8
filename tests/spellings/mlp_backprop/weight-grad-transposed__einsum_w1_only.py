import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    n = X.shape[0]
    pre = np.einsum("nd,dh->nh", X, W1) + b1
    act = np.maximum(pre, 0.0)
    out = np.einsum("nh,hc->nc", act, W2) + b2
    out = out - out.max(axis=1, keepdims=True)
    lse = np.log(np.exp(out).sum(axis=1))
    loss = np.mean(lse - out[np.arange(n), y])
    dout = np.exp(out - lse[:, None])
    dout[np.arange(n), y] -= 1.0
    dout /= n
    dpre = np.einsum("nc,hc->nh", dout, W2) * (pre > 0)
    return loss, {
        "W2": np.einsum("nh,nc->hc", act, dout), "b2": dout.sum(0),
        "W1": np.einsum("nh,nd->hd", dpre, X), "b1": dpre.sum(0),
    }
