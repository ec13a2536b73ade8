"""Calls the implementation's attention and mask helpers. Runs in the sandbox; holds no answers.

Inputs arrive as numpy arrays and are handed over as fresh torch tensors of the same dtype.
"""

import torch


class BackwardError(RuntimeError):
    """loss.backward() failed (e.g. a tensor autograd needs was edited in place).

    Raised under its own name so that a diagnosis never confuses it with a RuntimeError of the
    forward pass (a shape mismatch, say): the engine matches failures by exception type."""


def _tensor(x):
    return None if x is None else torch.tensor(x)  # a copy: the case's own array is never touched


def _pair(result, what: str = "scaled_dot_product_attention"):
    if not isinstance(result, tuple | list) or len(result) != 2:
        kind = type(result).__name__ if not isinstance(result, tuple | list) else f"{len(result)} values"
        raise TypeError(f"{what} must return a pair (out, weights), got {kind}")
    return result


def attention(impl, q, k, v, mask=None):
    """(out, weights) for one call; without a mask the argument is left to its default."""
    q, k, v, mask = _tensor(q), _tensor(k), _tensor(v), _tensor(mask)
    with torch.no_grad():
        if mask is None:
            out, weights = _pair(impl.scaled_dot_product_attention(q, k, v))
        else:
            out, weights = _pair(impl.scaled_dot_product_attention(q, k, v, mask=mask))
    return {"out": out, "weights": weights}


def backward(impl, q, k, v, grad_out, grad_weights, mask=None):
    """The outputs, and the gradients of sum(out * grad_out) + sum(weights * grad_weights) w.r.t. q, k, v."""
    q, k, v = (_tensor(x).requires_grad_(True) for x in (q, k, v))
    out, weights = _pair(impl.scaled_dot_product_attention(q, k, v, mask=_tensor(mask)))
    loss = (out * _tensor(grad_out)).sum() + (weights * _tensor(grad_weights)).sum()
    try:
        loss.backward()
    except RuntimeError as exc:
        raise BackwardError(f"loss.backward() failed: {exc}") from None
    return {"out": out.detach(), "weights": weights.detach(), "grad_q": q.grad, "grad_k": k.grad, "grad_v": v.grad}


def causal(impl, L):
    return impl.causal_mask(L)


def padding(impl, lengths, L):
    return impl.padding_mask(_tensor(lengths), L)


def combine(impl, causal, padding):
    return impl.combine_masks(_tensor(causal), _tensor(padding))


def decoder_self_attention(impl, q, k, v, lengths):
    """The helpers end to end: causal + right-padding mask for q, k, v [B, H, L, *]."""
    L = q.shape[-2]
    mask = impl.combine_masks(impl.causal_mask(L), impl.padding_mask(_tensor(lengths), L))  # [B, L, L]
    if not isinstance(mask, torch.Tensor) or mask.dim() != 3:
        raise TypeError(f"combine_masks must return a [B, L, L] tensor, got {type(mask).__name__}"
                        f"{'' if not isinstance(mask, torch.Tensor) else ' of shape ' + str(tuple(mask.shape))}")
    q, k, v = _tensor(q), _tensor(k), _tensor(v)
    with torch.no_grad():
        out, weights = _pair(impl.scaled_dot_product_attention(q, k, v, mask=mask[:, None]))  # [B, 1, L, L]
    return {"out": out, "weights": weights}
