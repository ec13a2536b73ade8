import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    N = X.shape[0]
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    z2 = h1 @ W2 + b2
    z2 = z2 - z2.max(axis=1, keepdims=True)
    log_sm = z2 - np.log(np.exp(z2).sum(axis=1, keepdims=True))
    loss = -log_sm[np.arange(N), y].mean()

    onehot = np.zeros_like(z2)
    onehot[np.arange(N), y] = 1
    d2 = (np.exp(log_sm) - onehot) / N
    d1 = (d2 @ W2.T) * (z1 > 0)
    grads = {
        "W2": h1.T @ d2,
        "b2": d2.mean(axis=0),   # bias grad: average over the batch
        "W1": X.T @ d1,
        "b1": d1.mean(axis=0),
    }
    return loss, grads
