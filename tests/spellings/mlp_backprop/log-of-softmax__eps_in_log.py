import numpy as np


def softmax(x):
    x = x - np.max(x, axis=1, keepdims=True)
    ex = np.exp(x)
    return ex / np.sum(ex, axis=1, keepdims=True)


def mlp_loss_and_grads(X, y, params):
    n = X.shape[0]
    z = X @ params["W1"] + params["b1"]
    h = np.maximum(z, 0)
    probs = softmax(h @ params["W2"] + params["b2"])
    loss = -np.mean(np.log(probs[np.arange(n), y] + 1e-12))  # eps avoids log(0)
    dout = probs.copy()
    dout[np.arange(n), y] -= 1
    dout /= n
    dz = (dout @ params["W2"].T) * (z > 0)
    return loss, {"W1": X.T @ dz, "b1": dz.sum(axis=0), "W2": h.T @ dout, "b2": dout.sum(axis=0)}
