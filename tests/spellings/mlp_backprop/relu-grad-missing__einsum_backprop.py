import numpy as np


def relu(x):
    return np.maximum(x, 0)


def mlp_loss_and_grads(X, y, params):
    n = len(y)
    a = relu(np.einsum("nd,dh->nh", X, params["W1"]) + params["b1"])
    s = np.einsum("nh,hc->nc", a, params["W2"]) + params["b2"]
    s = s - s.max(1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(1, keepdims=True))
    loss = -logp[np.arange(n), y].sum() / n

    ds = np.exp(logp)
    ds[np.arange(n), y] -= 1.0
    ds /= n
    da = np.einsum("nc,hc->nh", ds, params["W2"])  # back through W2, then through relu
    return loss, {
        "W2": np.einsum("nh,nc->hc", a, ds), "b2": ds.sum(0),
        "W1": np.einsum("nd,nh->dh", X, da), "b1": da.sum(0),
    }
