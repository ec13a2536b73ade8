import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = len(X)
    z1 = X @ W1 + b1
    h = z1 * (z1 > 0)
    logits = h @ W2 + b2
    mx = logits.max(axis=1, keepdims=True)
    lse = mx + np.log(np.sum(np.exp(logits - mx), axis=1, keepdims=True))
    loss = np.mean(lse[:, 0] - logits[np.arange(N), y])

    dlogits = np.exp(logits - lse)
    dlogits[np.arange(N), y] -= 1
    dlogits = dlogits / N
    dW2 = h.T @ dlogits
    db2 = dlogits.sum(axis=0)
    dz1 = (dlogits @ W2.T) * (z1 > 0)
    dW1 = X.T @ dz1
    db1 = dz1
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
