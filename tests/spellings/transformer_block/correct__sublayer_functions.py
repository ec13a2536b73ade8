import math

import torch
import torch.nn as nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        if activation not in {"relu", "gelu"}:
            raise ValueError(activation)
        self.num_heads = num_heads
        self.norm_first = norm_first
        self.act = nn.GELU() if activation == "gelu" else nn.ReLU()
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def _sublayer(self, x, fn, norm):
        # one residual sublayer, in either placement
        if self.norm_first:
            return x + fn(norm(x))
        return norm(x + fn(x))

    def _mha(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        H = self.num_heads
        qkv = self.qkv(x).view(B, L, 3, H, D // H).permute(2, 0, 3, 1, 4)  # (3, B, H, L, dk)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = q @ k.transpose(-1, -2) / math.sqrt(D // H)
        keep = torch.ones(L, L, dtype=torch.bool)
        if is_causal:
            keep = keep.tril()
        keep = keep.expand(B, 1, L, L)
        if key_padding_mask is not None:
            keep = keep & key_padding_mask.view(B, 1, 1, L)
        scores = scores.masked_fill(~keep, float("-inf"))
        probs = scores.softmax(-1)
        probs = probs.masked_fill(~keep.any(-1, keepdim=True), 0)
        return self.out_proj((probs @ v).transpose(1, 2).reshape(B, L, D))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        x = self._sublayer(x, lambda z: self._mha(z, key_padding_mask, is_causal), self.norm1)
        x = self._sublayer(x, lambda z: self.linear2(self.act(self.linear1(z))), self.norm2)
        return x
