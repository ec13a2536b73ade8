import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    logits = h @ W2 + b2
    logits = logits - logits.max(axis=1, keepdims=True)
    lp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    loss = -lp[np.arange(N), y].mean()
    g = np.exp(lp)
    g[np.arange(N), y] -= 1
    g /= N
    gz = g @ W2.T * (z1 > 0)
    return float(loss), {"W1": gz.T @ X, "b1": gz.sum(0), "W2": g.T @ h, "b2": g.sum(0)}
