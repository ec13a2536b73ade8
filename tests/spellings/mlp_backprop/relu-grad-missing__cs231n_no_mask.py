import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    num = X.shape[0]
    hidden = np.maximum(0, X @ W1 + b1)
    scores = hidden @ W2 + b2
    scores -= scores.max(axis=1, keepdims=True)
    exp_s = np.exp(scores)
    sum_s = exp_s.sum(axis=1, keepdims=True)
    loss = np.sum(np.log(sum_s).ravel() - scores[range(num), y]) / num

    dscores = exp_s / sum_s
    dscores[range(num), y] -= 1
    dscores /= num
    dW2 = hidden.T @ dscores
    db2 = np.sum(dscores, axis=0)
    dhidden = dscores @ W2.T
    dW1 = X.T @ dhidden
    db1 = np.sum(dhidden, axis=0)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
