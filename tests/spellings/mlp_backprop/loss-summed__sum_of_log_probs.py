import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    rows = np.arange(n)
    pre = X @ W1 + b1
    act = np.maximum(pre, 0)
    out = act @ W2 + b2
    shifted = out - np.max(out, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.sum(log_probs[rows, y])

    d_out = np.exp(log_probs)
    d_out[rows, y] -= 1
    d_out /= n
    d_act = d_out @ W2.T
    d_pre = d_act * (pre > 0)
    return loss, {"W1": X.T @ d_pre, "b1": d_pre.sum(0), "W2": act.T @ d_out, "b2": d_out.sum(0)}
