import math

import torch
import torch.nn as nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        bsz, n_new, dim = x.shape
        hd = dim // self.num_heads
        q, k, v = torch.chunk(self.qkv(x), 3, dim=-1)
        q = q.reshape(bsz, n_new, self.num_heads, hd).permute(0, 2, 1, 3)
        k = k.reshape(bsz, n_new, self.num_heads, hd).permute(0, 2, 1, 3)
        v = v.reshape(bsz, n_new, self.num_heads, hd).permute(0, 2, 1, 3)
        if past_kv is not None:
            k = torch.cat([past_kv[0], k], dim=2)
            v = torch.cat([past_kv[1], v], dim=2)
        n_all = k.shape[2]
        query_idx = torch.arange(n_new).view(-1, 1)
        key_idx = torch.arange(n_all).view(1, -1)
        future = key_idx > query_idx
        logits = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(hd)
        logits = logits.masked_fill(future, float("-inf"))
        probs = torch.softmax(logits, dim=-1)
        out = torch.einsum("bhqk,bhkd->bhqd", probs, v).permute(0, 2, 1, 3).reshape(bsz, n_new, dim)
        return self.out_proj(out), (k, v)
