import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    gW1, gb1 = np.zeros_like(W1), np.zeros_like(b1)
    gW2, gb2 = np.zeros_like(W2), np.zeros_like(b2)
    total = 0.0
    for x, label in zip(X, y):
        z = x @ W1 + b1
        a = np.maximum(z, 0)
        s = a @ W2 + b2
        s = s - s.max()
        p = np.exp(s) / np.exp(s).sum()
        total += np.log(np.exp(s).sum()) - s[label]
        ds = p.copy()
        gW2 += np.outer(a, ds)
        gb2 += ds
        dz = (W2 @ ds) * (z > 0)
        gW1 += np.outer(x, dz)
        gb1 += dz
    return total / n, {"W1": gW1 / n, "b1": gb1 / n, "W2": gW2 / n, "b2": gb2 / n}
