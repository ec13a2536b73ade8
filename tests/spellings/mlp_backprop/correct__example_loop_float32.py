import numpy as np


def mlp_loss_and_grads(X, y, params):
    f = np.float32
    W1, b1, W2, b2 = (params[k].astype(f) for k in ("W1", "b1", "W2", "b2"))
    grads = {"W1": np.zeros_like(W1), "b1": np.zeros_like(b1), "W2": np.zeros_like(W2), "b2": np.zeros_like(b2)}
    N = len(X)
    total = 0.0
    for x, label in zip(X.astype(f), y):
        z = x @ W1 + b1
        h = np.maximum(z, 0)
        s = h @ W2 + b2
        s = s - s.max()
        e = np.exp(s)
        total += np.log(e.sum()) - s[label]
        p = e / e.sum()
        p[label] -= 1
        grads["W2"] += np.outer(h, p)
        grads["b2"] += p
        dz = (W2 @ p) * (z >= 0)
        grads["W1"] += np.outer(x, dz)
        grads["b1"] += dz
    return total / N, {k: g / N for k, g in grads.items()}
