import math

import torch
import torch.nn as nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.h = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, D = x.shape
        dh = D // self.h
        q, k, v = [t.view(B, T, self.h, dh).transpose(1, 2) for t in self.qkv(x).split(D, -1)]
        if past_kv is not None:
            pk, pv = past_kv
            k, v = torch.cat([pk, k], 2), torch.cat([pv, v], 2)
        w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh), dim=-1)
        y = (w @ v).transpose(1, 2).reshape(B, T, D)
        return self.out_proj(y), (k, v)
