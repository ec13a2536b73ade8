import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    hidden = np.maximum(0, np.dot(X, W1) + b1)
    scores = np.dot(hidden, W2) + b2
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[range(N), y])) / N

    dscores = probs
    dscores[range(N), y] -= 1
    dscores /= N
    dhidden = np.dot(dscores, W2.T)
    dhidden[hidden <= 0] = 0
    return loss, {"W1": np.dot(X.T, dhidden), "b1": np.sum(dhidden, axis=0),
                  "W2": np.dot(hidden.T, dscores), "b2": np.sum(dscores, axis=0)}
