import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.n_heads = num_heads
        self.head_dim = d_model // num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, D = x.shape
        qkv = self.qkv(x).view(B, T, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, new_k, new_v = qkv[0], qkv[1], qkv[2]
        if past_kv is not None:
            keys = torch.cat([past_kv[0], new_k], dim=2)
            vals = torch.cat([past_kv[1], new_v], dim=2)
        else:
            keys, vals = new_k, new_v
        offset = keys.shape[2] - T
        mask = torch.ones(T, keys.shape[2], dtype=torch.bool).tril(offset)
        att = (q @ keys.transpose(2, 3)) / math.sqrt(self.head_dim)
        att = att.masked_fill(~mask, -float("inf"))
        out = F.softmax(att, dim=-1) @ vals
        out = out.transpose(1, 2).reshape(B, T, D)
        return self.out_proj(out), (new_k, new_v)
