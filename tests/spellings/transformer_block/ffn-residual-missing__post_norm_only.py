import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.heads = num_heads
        self.norm_first = norm_first
        self.act = activation
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def _attend(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        d = D // self.heads
        q, k, v = self.qkv(x).tensor_split(3, dim=-1)
        q = q.unflatten(-1, (self.heads, d)).transpose(1, 2)
        k = k.unflatten(-1, (self.heads, d)).transpose(1, 2)
        v = v.unflatten(-1, (self.heads, d)).transpose(1, 2)
        bias = torch.zeros(B, 1, L, L)
        if key_padding_mask is not None:
            bias = bias.masked_fill(~key_padding_mask[:, None, None, :], float("-inf"))
        if is_causal:
            bias = bias + torch.full((L, L), float("-inf")).triu(1)
        p = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
        p = torch.nan_to_num(p, nan=0.0)
        return self.out_proj((p @ v).transpose(1, 2).flatten(2))

    def _ff(self, x):
        h = self.linear1(x)
        h = F.gelu(h) if self.act == "gelu" else F.relu(h)
        return self.linear2(h)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self._attend(self.norm1(x), key_padding_mask, is_causal)
            return x + self._ff(self.norm2(x))
        x = self.norm1(x + self._attend(x, key_padding_mask, is_causal))
        return self.norm2(self._ff(x))
