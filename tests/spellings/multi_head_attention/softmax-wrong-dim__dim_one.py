import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads, bias=True):
        super().__init__()
        self.d_model = d_model
        self.n_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=bias)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)

    def forward(self, x, attn_mask=None, key_padding_mask=None, is_causal=False):
        B, L, D = x.shape
        dk = D // self.n_heads
        qkv = self.qkv(x)
        q, k, v = qkv[..., :D], qkv[..., D:2 * D], qkv[..., 2 * D:]

        # additive mask, 0 = allowed, -inf = not; (B, L, L)
        bias = torch.zeros(B, L, L, dtype=x.dtype, device=x.device)
        if attn_mask is not None:
            bias = bias.masked_fill(~attn_mask, float("-inf"))
        if key_padding_mask is not None:
            bias = bias.masked_fill(~key_padding_mask[:, None, :], float("-inf"))
        if is_causal:
            future = torch.triu(torch.ones(L, L, dtype=torch.bool, device=x.device), diagonal=1)
            bias = bias.masked_fill(future, float("-inf"))
        empty = torch.isinf(bias).all(dim=-1, keepdim=True)  # (B, L, 1): this query sees nothing

        heads = []
        for h in range(self.n_heads):  # one head at a time
            sl = slice(h * dk, (h + 1) * dk)
            s = q[..., sl] @ k[..., sl].transpose(1, 2) / math.sqrt(dk) + bias
            p = F.softmax(s, dim=1).masked_fill(empty, 0.0)
            heads.append(p @ v[..., sl])
        return self.out_proj(torch.cat(heads, dim=-1))
