import math

import torch
import torch.nn as nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.n_heads = num_heads
        self.norm_first = norm_first
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.ffn = nn.Sequential(self.linear1, nn.GELU() if activation == "gelu" else nn.ReLU(), self.linear2)

    def attention(self, x, key_padding_mask=None, is_causal=False):
        B, L, D = x.shape
        dk = D // self.n_heads
        q, k, v = self.qkv(x).view(B, L, 3, self.n_heads, dk).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(dk)
        allowed = torch.ones(B, 1, L, L, dtype=torch.bool)
        if is_causal:
            allowed = allowed & torch.ones(L, L, dtype=torch.bool).tril()
        if key_padding_mask is not None:
            allowed = allowed & key_padding_mask.view(B, 1, 1, L)
        attn = scores.masked_fill(~allowed, float("-inf")).softmax(dim=-1)
        attn = attn.masked_fill(~allowed.any(dim=-1, keepdim=True), 0.0)
        y = torch.matmul(attn, v).transpose(1, 2).reshape(B, L, D)
        return self.out_proj(y)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self.attention(self.norm1(x), key_padding_mask, is_causal)
            x = self.ffn(self.norm2(x))
        else:
            x = self.norm1(x + self.attention(x, key_padding_mask, is_causal))
            x = self.norm2(self.ffn(x))
        return x
