import numpy as np


def mlp_loss_and_grads(X, y, params):
    # compute in float32 (as a GPU would), hand back float64
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float32) for k in ("W1", "b1", "W2", "b2"))
    x = X.astype(np.float32)
    n = x.shape[0]
    pre = x @ W1 + b1
    h = np.maximum(pre, 0)
    logits = h @ W2 + b2
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    denom = probs.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(denom[:, 0]) - logits[np.arange(n), y])
    probs /= denom
    probs[np.arange(n), y] -= 1
    probs /= n
    dpre = (probs @ W2.T) * (pre > 0)
    grads = {"W1": x.T @ dpre, "b1": dpre.sum(0), "W2": h.T @ probs, "b2": probs.sum(0)}
    return float(loss), {k: v.astype(np.float64) for k, v in grads.items()}
