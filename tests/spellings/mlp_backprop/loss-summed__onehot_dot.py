import numpy as np


def mlp_loss_and_grads(X, y, params):
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    N, C = X.shape[0], W2.shape[1]
    Y = np.eye(C)[y]                                  # [N, C]
    z = np.einsum("nd,dh->nh", X, W1) + b1
    h = np.where(z > 0, z, 0.0)
    logits = np.einsum("nh,hc->nc", h, W2) + b2
    m = logits.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    loss = float((Y * (lse - logits)).sum())          # cross-entropy
    G = (np.exp(logits - lse) - Y) / N
    Gz = np.einsum("nc,hc->nh", G, W2) * (z > 0)
    return loss, {
        "W1": np.einsum("nd,nh->dh", X, Gz), "b1": Gz.sum(axis=0),
        "W2": np.einsum("nh,nc->hc", h, G), "b2": G.sum(axis=0),
    }
