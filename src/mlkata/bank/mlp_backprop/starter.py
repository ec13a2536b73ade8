import numpy as np


def mlp_loss_and_grads(X: np.ndarray, y: np.ndarray, params: dict) -> tuple[float, dict]:
    """Loss and gradients of a one-hidden-layer ReLU network with a softmax cross-entropy loss.

    X:      [N, D] float64 inputs.
    y:      [N] int class labels in 0..C-1 (some classes may be absent from a batch).
    params: {"W1": [D, H], "b1": [H], "W2": [H, C], "b2": [C]}, all float64. Do not modify them.

    Forward:  h = relu(X @ W1 + b1); logits = h @ W2 + b2;
              loss = mean over the N examples of -log softmax(logits)[y].
    return:   (loss, grads): loss a float; grads a dict with exactly the keys
              "W1", "b1", "W2", "b2", each the gradient of loss with the shape of
              that parameter. Use relu'(0) = 0.
    """
    raise NotImplementedError
