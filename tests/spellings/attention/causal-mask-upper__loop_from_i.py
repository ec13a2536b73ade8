import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.shape[-1]
    logits = q @ k.transpose(-2, -1) * (1.0 / math.sqrt(d_k))

    if mask is None:
        mask = torch.ones_like(logits, dtype=torch.bool)
    else:
        mask = mask.expand_as(logits)

    # hidden keys -> -inf, so they vanish from the max and from the sum
    logits = torch.where(mask, logits, torch.full_like(logits, float("-inf")))

    # softmax by hand; a row with no key has max -inf, use 0 there so exp gives 0, not nan
    row_max = logits.max(dim=-1, keepdim=True).values
    row_max = torch.where(torch.isinf(row_max), torch.zeros_like(row_max), row_max)
    e = torch.exp(logits - row_max)
    denom = e.sum(dim=-1, keepdim=True)
    probs = e / torch.where(denom == 0, torch.ones_like(denom), denom)

    return probs @ v, probs


def causal_mask(L):
    m = torch.zeros(L, L, dtype=torch.bool)
    for i in range(L):
        m[i, i:] = True
    return m


def padding_mask(lengths, L):
    B = lengths.shape[0]
    m = torch.zeros(B, L, dtype=torch.bool)
    for b in range(B):
        m[b, : lengths[b]] = True
    return m


def combine_masks(causal, padding):
    B, L = padding.shape
    out = torch.empty(B, L, L, dtype=torch.bool)
    for b in range(B):
        out[b] = causal & padding[b]  # padding[b] lines up with the last axis: keys
    return out
