import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    """Causal multi-head self-attention with a key/value cache for incremental decoding."""

    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        assert d_model % num_heads == 0, "d_model must be divisible by num_heads"
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_k = d_model // num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)  # weight rows: [W_q; W_k; W_v]
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T_new, D = x.shape
        H, d_k = self.num_heads, self.d_k

        q, k, v = self.qkv(x).split(D, dim=-1)  # 3 x (B, T_new, D)
        q = q.view(B, T_new, H, d_k).transpose(1, 2)  # (B, H, T_new, d_k)
        k = k.view(B, T_new, H, d_k).transpose(1, 2)  # (B, H, T_new, d_k)
        v = v.view(B, T_new, H, d_k).transpose(1, 2)  # (B, H, T_new, d_k)
        if past_kv is not None:
            past_k, past_v = past_kv  # (B, H, T_past, d_k) each: projected keys and values
            k = torch.cat([past_k, k], dim=2)  # (B, H, T_total, d_k)
            v = torch.cat([past_v, v], dim=2)  # (B, H, T_total, d_k)
        present = (k, v)
        T_total = k.size(2)
        T_past = T_total - T_new

        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d_k)  # (B, H, T_new, T_total)
        # query i sits at absolute position T_past + i and may attend keys 0 .. T_past + i
        allowed = torch.ones(T_new, T_total, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))
        attn = F.softmax(scores, dim=-1)  # (B, H, T_new, T_total)

        y = attn @ v  # (B, H, T_new, d_k)
        y = y.transpose(1, 2).contiguous().view(B, T_new, D)  # heads side by side
        return self.out_proj(y), present  # (B, T_new, D), cache of T_total positions
