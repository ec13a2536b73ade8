import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    logits = h @ W2 + b2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(N), y]).mean()
    dl = p.copy()
    dl[np.arange(N), y] -= 1
    dl /= N
    dz1 = dl @ W2.T * (z1 > 0)
    return float(loss), {"W1": X.T @ dz1, "b1": dz1.sum(0), "W2": h.T @ dl, "b2": dl.sum(0)}
