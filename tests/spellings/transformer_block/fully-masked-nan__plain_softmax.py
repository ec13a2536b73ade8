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

    def _attention(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        H = self.num_heads
        q, k, v = self.qkv(x).split(D, dim=-1)
        q = q.view(B, L, H, -1).transpose(1, 2)
        k = k.view(B, L, H, -1).transpose(1, 2)
        v = v.view(B, L, H, -1).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(D // H)
        if key_padding_mask is not None:
            scores = scores.masked_fill(~key_padding_mask[:, None, None, :], float("-inf"))
        if is_causal:
            scores = scores.masked_fill(torch.ones(L, L, dtype=torch.bool).triu(1), float("-inf"))
        attn = F.softmax(scores, dim=-1)
        return self.out_proj((attn @ v).transpose(1, 2).reshape(B, L, D))

    def _ffn(self, x):
        h = self.linear1(x)
        h = F.gelu(h) if self.activation == "gelu" else F.relu(h)
        return self.linear2(h)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self._attention(self.norm1(x), key_padding_mask, is_causal)
            return x + self._ffn(self.norm2(x))
        x = self.norm1(x + self._attention(x, key_padding_mask, is_causal))
        return self.norm2(x + self._ffn(x))
