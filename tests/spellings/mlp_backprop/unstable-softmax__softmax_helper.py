import numpy as np


def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def mlp_loss_and_grads(X, y, params):
    n = X.shape[0]
    pre = X @ params["W1"] + params["b1"]
    hid = np.maximum(pre, 0.0)
    logits = hid @ params["W2"] + params["b2"]
    P = softmax(logits)
    Y = np.eye(P.shape[1])[y]
    loss = -np.mean(np.log(np.sum(P * Y, axis=1)))
    d_logits = (P - Y) / n
    d_pre = (d_logits @ params["W2"].T) * (pre > 0)
    return float(loss), {"W1": X.T @ d_pre, "b1": d_pre.sum(0), "W2": hid.T @ d_logits, "b2": d_logits.sum(0)}
