import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, D = x.shape
        H = self.num_heads
        dk = D // H
        q, k, v = self.qkv(x).split(D, dim=-1)
        q = q.view(B, T, H, dk).transpose(1, 2)
        k = k.view(B, T, H, dk).transpose(1, 2)
        v = v.view(B, T, H, dk).transpose(1, 2)
        if past_kv is not None:
            k = torch.cat([past_kv[0], k], dim=-1)
            v = torch.cat([past_kv[1], v], dim=-1)
        Tk = k.size(2)
        scores = q @ k.transpose(-1, -2) / math.sqrt(dk)
        causal = torch.tril(torch.ones(T, Tk, dtype=torch.bool), diagonal=Tk - T)
        scores = scores.masked_fill(causal.logical_not(), float("-inf"))
        y = F.softmax(scores, -1) @ v
        return self.out_proj(y.transpose(1, 2).reshape(B, T, D)), (k, v)
