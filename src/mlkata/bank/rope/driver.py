"""Calls the implementation's rope_cos_sin and apply_rope. Runs in the sandbox; holds no answers.

Inputs arrive as numpy arrays and are handed over as fresh torch tensors of the same dtype.
"""

import torch


def _tensor(x):
    return torch.tensor(x)  # a copy: the case's own array is never touched


def _pair(result):
    if not isinstance(result, tuple | list) or len(result) != 2:
        kind = type(result).__name__ if not isinstance(result, tuple | list) else f"{len(result)} values"
        raise TypeError(f"rope_cos_sin must return a pair (cos, sin), got {kind}")
    return result


def _table(impl, positions, head_dim, base=None):
    if base is None:
        return _pair(impl.rope_cos_sin(positions, head_dim))
    return _pair(impl.rope_cos_sin(positions, head_dim, base))


def _rope(impl, x, positions, base=None):
    cos, sin = _table(impl, positions, x.shape[-1], base)
    return impl.apply_rope(x, cos, sin)


def cos_sin(impl, positions, head_dim, base=None):
    """The two tables for int64 positions; without a base the argument is left to its default."""
    with torch.no_grad():
        cos, sin = _table(impl, _tensor(positions), head_dim, base)
    return {"cos": cos, "sin": sin}


def apply(impl, x, cos, sin):
    """apply_rope on given tables."""
    with torch.no_grad():
        return impl.apply_rope(_tensor(x), _tensor(cos), _tensor(sin))


def rope(impl, x, positions, base=None):
    """Both functions end to end: the tables for the positions, then the rotation of x."""
    with torch.no_grad():
        return _rope(impl, _tensor(x), _tensor(positions), base)


def backward(impl, x, positions, grad_output):
    """The output, and the gradient of sum(output * grad_output) w.r.t. x."""
    x = _tensor(x).requires_grad_(True)
    out = _rope(impl, x, _tensor(positions))
    (out * _tensor(grad_output)).sum().backward()
    return {"output": out.detach(), "grad_x": x.grad}


def norms(impl, x, positions):
    """The norm of every rotated vector, [B, H, T]."""
    with torch.no_grad():
        return torch.linalg.vector_norm(_rope(impl, _tensor(x), _tensor(positions)), dim=-1)


def relative(impl, q, k, positions_q, positions_k, shift):
    """How much the scores rope(q) . rope(k) change when every position moves by `shift`, [B, H, Tq, Tk]."""
    q, k, pq, pk = _tensor(q), _tensor(k), _tensor(positions_q), _tensor(positions_k)
    with torch.no_grad():
        scores = _rope(impl, q, pq) @ _rope(impl, k, pk).transpose(-2, -1)
        moved = _rope(impl, q, pq + shift) @ _rope(impl, k, pk + shift).transpose(-2, -1)
    return moved - scores
