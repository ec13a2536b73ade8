import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.num_heads = num_heads
        self.norm_first = norm_first
        self.activation = activation
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def attention(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        H, dk = self.num_heads, D // self.num_heads
        q, k, v = self.qkv(x).split(D, dim=-1)
        q, k, v = [t.view(B, L, H, dk).transpose(1, 2) for t in (q, k, v)]
        att = (q @ k.transpose(-2, -1)) / math.sqrt(dk)
        keep = torch.ones(B, 1, L, L, dtype=torch.bool)
        if key_padding_mask is not None:
            keep = keep & key_padding_mask[:, None, None, :]
        if is_causal:
            keep = keep & torch.ones(L, L, dtype=torch.bool).tril()
        att = F.softmax(att.masked_fill(~keep, float("-inf")), dim=-1)
        att = att.masked_fill(~keep.any(-1, keepdim=True), 0.0)
        return self.out_proj((att @ v).transpose(1, 2).reshape(B, L, D))

    def mlp(self, x):
        h = self.linear1(x)
        h = F.gelu(h) if self.activation == "gelu" else F.relu(h)
        return self.linear2(h)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = self.norm1(x)
            x = x + self.attention(x, key_padding_mask, is_causal)
            x = self.norm2(x)
            x = x + self.mlp(x)
        else:
            x = self.norm1(x + self.attention(x, key_padding_mask, is_causal))
            x = self.norm2(x + self.mlp(x))
        return x
