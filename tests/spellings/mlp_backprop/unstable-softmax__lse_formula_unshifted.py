import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    r = np.arange(N)
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    f = h @ W2 + b2
    # loss: L_i = -f_y + log sum_j exp(f_j)
    loss = np.mean(-f[r, y] + np.log(np.sum(np.exp(f), axis=1)))

    # gradient via a shifted softmax
    g = np.exp(f - f.max(axis=1, keepdims=True))
    g /= g.sum(axis=1, keepdims=True)
    g[r, y] -= 1
    g /= N
    dz1 = g @ W2.T * (z1 > 0)
    return loss, {"W1": X.T @ dz1, "b1": dz1.sum(0), "W2": h.T @ g, "b2": g.sum(0)}
