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

    def mha(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        H = self.num_heads
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q = q.reshape(B, L, H, -1).transpose(1, 2)
        k = k.reshape(B, L, H, -1).transpose(1, 2)
        v = v.reshape(B, L, H, -1).transpose(1, 2)
        s = q @ k.transpose(2, 3) / math.sqrt(D // H)
        mask = torch.ones(B, 1, L, L, dtype=torch.bool)
        if key_padding_mask is not None:
            mask = mask & key_padding_mask[:, None, None, :]
        if is_causal:
            mask = mask & torch.tril(torch.ones(L, L, dtype=torch.bool))
        p = F.softmax(s.masked_fill(~mask, float("-inf")), dim=-1)
        p = torch.where(mask.any(-1, keepdim=True), p, 0.0)
        return self.out_proj((p @ v).transpose(1, 2).reshape(B, L, D))

    def ffn(self, x):
        h = self.linear1(x)
        return self.linear2(F.gelu(h) if self.activation == "gelu" else F.relu(h))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            h = self.mha(self.norm1(x), key_padding_mask, is_causal)
            return h + self.ffn(self.norm2(h))
        h = self.norm1(self.mha(x, key_padding_mask, is_causal))
        return self.norm2(h + self.ffn(h))
