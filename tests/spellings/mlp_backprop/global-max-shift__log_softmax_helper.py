import numpy as np


def log_softmax(z):
    z = z - z.max()
    return z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))


def mlp_loss_and_grads(X, y, params):
    N = len(y)
    idx = np.arange(N)
    a = X @ params["W1"] + params["b1"]
    h = np.maximum(a, 0)
    o = h @ params["W2"] + params["b2"]
    lp = log_softmax(o)
    loss = -lp[idx, y].mean()
    d = np.exp(lp)
    d[idx, y] -= 1
    d /= N
    da = (d @ params["W2"].T) * (a > 0)
    return float(loss), {"W1": X.T @ da, "b1": da.sum(0), "W2": h.T @ d, "b2": d.sum(0)}
