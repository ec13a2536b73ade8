import numpy as np


def mlp_loss_and_grads(X, y, params):
    N = X.shape[0]
    ones = np.ones((1, N))  # bias gradient = 1^T @ delta
    z1 = X @ params["W1"] + params["b1"]
    h = np.maximum(z1, 0)
    logits = h @ params["W2"] + params["b2"]
    shifted = logits - logits.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = float(-logp[np.arange(N), y].mean())

    delta2 = np.exp(logp)
    delta2[np.arange(N), y] -= 1
    delta2 /= N
    delta1 = (delta2 @ params["W2"].T) * (z1 > 0)
    return loss, {"W1": X.T @ delta1, "b1": ones @ delta1, "W2": h.T @ delta2, "b2": ones @ delta2}
