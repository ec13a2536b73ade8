"""Calls the implementation's pad_batch, masked_mean and masked_token_loss. Runs in the sandbox;
holds no answers.

Arrays arrive as numpy arrays and are handed over as fresh torch tensors of the same dtype;
token lists arrive as lists of ints.
"""

import torch


def _tensor(x):
    return torch.tensor(x)  # a copy: the case's own array is never touched


def _pair(result):
    if not isinstance(result, tuple | list) or len(result) != 2:
        kind = type(result).__name__ if not isinstance(result, tuple | list) else f"{len(result)} values"
        raise TypeError(f"pad_batch must return a pair (ids, mask), got {kind}")
    return result


def _pad(impl, seqs, pad_id, side):
    seqs = [list(seq) for seq in seqs]
    if side is None:
        return _pair(impl.pad_batch(seqs, pad_id))
    return _pair(impl.pad_batch(seqs, pad_id, side=side))


def pad(impl, seqs, pad_id, side=None):
    """(ids, mask) for the token lists; without a side the argument is left to its default."""
    ids, mask = _pad(impl, seqs, pad_id, side)
    return {"ids": ids, "mask": mask}


def mean(impl, x, mask):
    with torch.no_grad():
        return impl.masked_mean(_tensor(x), _tensor(mask))


def mean_backward(impl, x, mask, grad_output):
    """The output, and the gradient of sum(output * grad_output) w.r.t. x."""
    x = _tensor(x).requires_grad_(True)
    out = impl.masked_mean(x, _tensor(mask))
    (out * _tensor(grad_output)).sum().backward()
    return {"output": out.detach(), "grad_x": x.grad}


def loss(impl, logits, targets, mask):
    with torch.no_grad():
        return impl.masked_token_loss(_tensor(logits), _tensor(targets), _tensor(mask))


def loss_backward(impl, logits, targets, mask):
    """The loss, and its gradient w.r.t. the logits."""
    logits = _tensor(logits).requires_grad_(True)
    value = impl.masked_token_loss(logits, _tensor(targets), _tensor(mask))
    value.backward()
    return {"loss": value.detach(), "grad_logits": logits.grad}


def pad_then_mean(impl, seqs, pad_id, side, embedding):
    """pad_batch, an embedding lookup, masked_mean: one vector per sequence, [B, d]."""
    ids, mask = _pad(impl, seqs, pad_id, side)
    with torch.no_grad():
        return impl.masked_mean(_tensor(embedding)[ids], mask)


def pad_then_loss(impl, seqs, pad_id, side, weights):
    """pad_batch, logits read off a table by token id, the loss of predicting each next token."""
    ids, mask = _pad(impl, seqs, pad_id, side)
    logits = _tensor(weights)[ids]  # (B, L, V)
    targets = torch.roll(ids, shifts=-1, dims=1)  # (B, L): the next column's id, a valid id everywhere
    with torch.no_grad():
        return impl.masked_token_loss(logits, targets, mask)
