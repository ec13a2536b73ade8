import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.nh = num_heads
        self.norm_first = norm_first  # stored, but the block below is always pre-norm
        self.activation = activation
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def attn(self, x, pad, causal):
        B, T, C = x.shape
        hd = C // self.nh
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.nh, hd).transpose(1, 2) for t in (q, k, v))
        a = q @ k.transpose(-2, -1) / math.sqrt(hd)
        m = torch.ones(B, 1, T, T, dtype=torch.bool)
        if pad is not None:
            m = m & pad[:, None, None, :]
        if causal:
            m = m & torch.ones(T, T, dtype=torch.bool).tril()
        a = F.softmax(a.masked_fill(~m, float("-inf")), dim=-1)
        a = a.masked_fill(~m.any(-1, keepdim=True), 0.0)
        return self.out_proj((a @ v).transpose(1, 2).reshape(B, T, C))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        x = x + self.attn(self.norm1(x), key_padding_mask, is_causal)
        h = self.linear1(self.norm2(x))
        h = F.gelu(h) if self.activation == "gelu" else F.relu(h)
        return x + self.linear2(h)
