import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    scores = scores - scores.max(axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    probs = exp_scores / exp_scores.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(exp_scores.sum(axis=1)) - scores[np.arange(N), y])

    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    grads = {}
    grads["W2"] = hidden.T.dot(dscores)
    grads["b2"] = dscores.sum(axis=0)
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    grads["W1"] = X.T.dot(dhidden)
    grads["b1"] = dhidden.sum(axis=0)
    return loss, grads
