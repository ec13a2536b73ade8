import numpy as np


def mlp_loss_and_grads(X: np.ndarray, y: np.ndarray, params: dict) -> tuple[float, dict]:
    """Mean softmax cross-entropy of a one-hidden-layer ReLU network, and its gradients."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    rows = np.arange(N)

    # forward
    z1 = X @ W1 + b1                                       # [N, H] pre-activations
    h = np.maximum(z1, 0.0)                                # [N, H] ReLU
    logits = h @ W2 + b2                                   # [N, C]
    shifted = logits - logits.max(axis=1, keepdims=True)   # [N, C]; each row's max is 0, so exp <= 1
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # [N, C] log-softmax
    loss = -log_probs[rows, y].mean()                      # mean over the batch

    # backward: d(loss)/d(logits) for a mean of softmax cross-entropies is (softmax - one_hot(y)) / N
    dlogits = np.exp(log_probs)                            # [N, C] softmax probabilities
    dlogits[rows, y] -= 1.0                                # minus the one-hot targets
    dlogits /= N                                           # the loss is a mean over N examples
    dW2 = h.T @ dlogits                                    # [H, C]
    db2 = dlogits.sum(axis=0)                              # [C]: b2 was broadcast over the N rows
    dh = dlogits @ W2.T                                    # [N, H]
    dz1 = dh * (z1 > 0)                                    # [N, H]; ReLU passes gradient only where z1 > 0
    dW1 = X.T @ dz1                                        # [D, H]
    db1 = dz1.sum(axis=0)                                  # [H]
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
