import numpy as np


class Linear:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class ReLU:
    def forward(self, x):
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, dout):
        return dout * self.mask


def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(n), y].mean()
    dlogits = np.exp(log_probs)
    dlogits[np.arange(n), y] -= 1
    return loss, dlogits / n


def mlp_loss_and_grads(X, y, params):
    fc1, act, fc2 = Linear(params["W1"], params["b1"]), ReLU(), Linear(params["W2"], params["b2"])
    loss, d = softmax_cross_entropy(fc2.forward(act.forward(fc1.forward(X))), y)
    fc1.backward(act.backward(fc2.backward(d)))
    return float(loss), {"W1": fc1.dW, "b1": fc1.db, "W2": fc2.dW, "b2": fc2.db}
