import math  # noqa: F401  (for math.sqrt)

import torch  # noqa: F401  (torch.softmax, torch.ones, torch.arange, ...)
from torch import Tensor


def scaled_dot_product_attention(
    q: Tensor, k: Tensor, v: Tensor, mask: Tensor | None = None
) -> tuple[Tensor, Tensor]:
    """Attention of every query over the keys it may attend.

    q:      [..., Lq, d]   queries; float32 or float64.
    k:      [..., Lk, d]   keys (same leading dims and dtype as q).
    v:      [..., Lk, dv]  values.
    mask:   None, or bool, broadcastable to [..., Lq, Lk]; True = query i may attend key j.
    return: (out [..., Lq, dv], weights [..., Lq, Lk]), where
            weights = softmax(q k^T / sqrt(d)) over the visible keys (hidden keys get 0) and
            out = weights @ v. A query that may attend no key gets zero weights and a zero output.
    """
    raise NotImplementedError


def causal_mask(L: int) -> Tensor:
    """bool [L, L]: True where query i may attend key j, i.e. j <= i (diagonal included)."""
    raise NotImplementedError


def padding_mask(lengths: Tensor, L: int) -> Tensor:
    """lengths: int64 [B], each in 0..L. Returns bool [B, L]: True where j < lengths[b] (a real token)."""
    raise NotImplementedError


def combine_masks(causal: Tensor, padding: Tensor) -> Tensor:
    """causal bool [L, L], padding bool [B, L] -> bool [B, L, L]:
    [b, i, j] is True when causal[i, j] allows it and key j of sequence b is a real token."""
    raise NotImplementedError
