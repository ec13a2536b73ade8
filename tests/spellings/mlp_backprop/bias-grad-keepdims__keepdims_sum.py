import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    hidden = np.maximum(0, X @ W1 + b1)
    scores = hidden @ W2 + b2
    scores -= np.max(scores, axis=1, keepdims=True)
    e = np.exp(scores)
    s = np.sum(e, axis=1, keepdims=True)
    loss = np.mean(np.log(s[:, 0]) - scores[np.arange(N), y])
    dscores = e / s
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dhidden = dscores @ W2.T
    dhidden[hidden <= 0] = 0
    return loss, {
        "W1": X.T @ dhidden, "b1": np.sum(dhidden, axis=0, keepdims=True),
        "W2": hidden.T @ dscores, "b2": np.sum(dscores, axis=0, keepdims=True),
    }
