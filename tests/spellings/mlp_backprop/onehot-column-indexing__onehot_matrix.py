import numpy as np


def mlp_loss_and_grads(X, y, params):
    n, c = X.shape[0], params["W2"].shape[1]
    target = np.zeros((n, c))
    target[:, y] = 1
    z = X @ params["W1"] + params["b1"]
    h = np.maximum(z, 0)
    o = h @ params["W2"] + params["b2"]
    o = o - o.max(axis=1, keepdims=True)
    log_p = o - np.log(np.exp(o).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[np.arange(n), y])
    d_o = (np.exp(log_p) - target) / n
    d_z = (d_o @ params["W2"].T) * (z > 0)
    return float(loss), {"W1": X.T @ d_z, "b1": d_z.sum(0), "W2": h.T @ d_o, "b2": d_o.sum(0)}
