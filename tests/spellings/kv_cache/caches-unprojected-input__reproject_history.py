import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    """Keeps the token inputs around and re-projects them every call."""

    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, D = x.shape
        H, dk = self.num_heads, D // self.num_heads
        history = x
        if past_kv is not None:
            old = past_kv[0].transpose(1, 2).reshape(B, -1, D)  # the earlier inputs
            history = torch.cat([old, x], dim=1)
        S = history.shape[1]
        q, k, v = self.qkv(history).split(D, dim=-1)
        q = q[:, S - T:].view(B, T, H, dk).transpose(1, 2)
        k = k.view(B, S, H, dk).transpose(1, 2)
        v = v.view(B, S, H, dk).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(dk)
        keep = torch.ones(T, S, dtype=torch.bool).tril(S - T)
        scores = scores.masked_fill(~keep, float("-inf"))
        y = (F.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(B, T, D)
        cached = history.view(B, S, H, dk).transpose(1, 2)
        return self.out_proj(y), (cached, cached)
