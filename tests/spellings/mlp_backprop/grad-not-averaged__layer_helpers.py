import numpy as np


def log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def linear_backward(dout, x, W):
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)


def mlp_loss_and_grads(X, y, params):
    z1 = X @ params["W1"] + params["b1"]
    a1 = np.maximum(z1, 0.0)
    z2 = a1 @ params["W2"] + params["b2"]
    logp = log_softmax(z2)
    idx = np.arange(len(y))
    loss = float(-logp[idx, y].mean())

    onehot = np.zeros_like(z2)
    onehot[idx, y] = 1.0
    dz2 = np.exp(logp) - onehot  # dL/dz2
    da1, dW2, db2 = linear_backward(dz2, a1, params["W2"])
    dz1 = da1 * (z1 > 0)
    _, dW1, db1 = linear_backward(dz1, X, params["W1"])
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
