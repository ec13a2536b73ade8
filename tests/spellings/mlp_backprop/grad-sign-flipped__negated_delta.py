import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    hidden = np.maximum(0, X @ W1 + b1)
    scores = hidden @ W2 + b2
    scores = scores - scores.max(axis=1, keepdims=True)
    sums = np.exp(scores).sum(axis=1)
    loss = np.mean(np.log(sums) - scores[np.arange(N), y])
    # d log p_y / d scores = onehot - softmax
    delta = -np.exp(scores) / sums[:, None]
    delta[np.arange(N), y] += 1
    delta /= N
    dhidden = delta @ W2.T
    dhidden[hidden <= 0] = 0
    return loss, {"W1": X.T @ dhidden, "b1": dhidden.sum(0), "W2": hidden.T @ delta, "b2": delta.sum(0)}
