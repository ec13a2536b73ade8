import math

import torch
from torch import Tensor


def scaled_dot_product_attention(
    q: Tensor, k: Tensor, v: Tensor, mask: Tensor | None = None
) -> tuple[Tensor, Tensor]:
    """softmax(q k^T / sqrt(d)) v over the keys each query may attend; (out, weights)."""
    d = q.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)  # [..., Lq, Lk]: query i against key j
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))  # hidden keys drop out of the max and the sum
    weights = torch.softmax(scores, dim=-1)  # [..., Lq, Lk], each row sums to 1 over the keys
    if mask is not None:
        # a query that may attend no key has a row of -inf, which softmax turns into NaN: define it as 0
        no_key = ~mask.any(dim=-1, keepdim=True)  # [..., Lq or 1, 1]
        weights = weights.masked_fill(no_key, 0.0)
    out = weights @ v  # [..., Lq, dv]: weighted average of the visible values
    return out, weights


def causal_mask(L: int) -> Tensor:
    """bool [L, L]: query i may attend key j exactly when j <= i."""
    return torch.ones(L, L, dtype=torch.bool).tril()


def padding_mask(lengths: Tensor, L: int) -> Tensor:
    """bool [B, L]: position j of sequence b is a real token exactly when j < lengths[b]."""
    positions = torch.arange(L, device=lengths.device)  # [L]
    return positions[None, :] < lengths[:, None]  # [1, L] vs [B, 1] -> [B, L]


def combine_masks(causal: Tensor, padding: Tensor) -> Tensor:
    """bool [B, L, L]: query i of sequence b may attend key j if causal allows it and key j is real."""
    return causal[None, :, :] & padding[:, None, :]  # [1, L, L] & [B, 1, L]: padding hides keys (columns)
