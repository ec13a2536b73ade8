import math

import torch
import torch.nn as nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.nh = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, C = x.shape
        hs = C // self.nh
        qkv = self.qkv(x).view(B, T, 3, self.nh, hs)
        q, k, v = qkv.unbind(dim=2)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        if past_kv is not None:
            k = torch.cat([past_kv[0], k], dim=-2)
            v = torch.cat([past_kv[1], v], dim=-2)
        S = k.shape[-2]
        future = torch.triu(torch.ones(T, S, dtype=torch.bool), diagonal=1)
        att = q @ k.transpose(-2, -1) / math.sqrt(hs)
        att = torch.where(future, float("-inf"), att)
        y = att.softmax(dim=-1) @ v
        return self.out_proj(y.transpose(1, 2).reshape(B, T, C)), (k, v)
