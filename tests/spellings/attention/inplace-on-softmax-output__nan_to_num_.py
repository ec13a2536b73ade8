import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(mask.logical_not(), float("-inf"))
    attn = torch.softmax(scores, dim=-1)
    attn.nan_to_num_(nan=0.0)  # rows with no key at all
    return torch.matmul(attn, v), attn


def causal_mask(L):
    return torch.tril(torch.ones(L, L, dtype=torch.bool))


def padding_mask(lengths, L):
    return torch.arange(L).unsqueeze(0) < lengths.unsqueeze(1)


def combine_masks(causal, padding):
    return causal.unsqueeze(0) & padding.unsqueeze(1)
