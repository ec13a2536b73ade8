import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def gelu(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.num_heads = num_heads
        self.norm_first = norm_first
        self.act = gelu if activation == "gelu" else F.relu
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def attn(self, x, key_padding_mask, is_causal):
        B, T, C = x.shape
        nh = self.num_heads
        q, k, v = self.qkv(x).split(C, dim=2)
        k = k.view(B, T, nh, C // nh).transpose(1, 2)
        q = q.view(B, T, nh, C // nh).transpose(1, 2)
        v = v.view(B, T, nh, C // nh).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        mask = torch.ones(B, 1, T, T, dtype=torch.bool)
        if is_causal:
            mask = mask & torch.tril(torch.ones(T, T, dtype=torch.bool))
        if key_padding_mask is not None:
            mask = mask & key_padding_mask[:, None, None, :]
        att = F.softmax(att.masked_fill(~mask, float("-inf")), dim=-1)
        att = att.masked_fill(~mask.any(-1, keepdim=True), 0.0)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.out_proj(y)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self.attn(self.norm1(x), key_padding_mask, is_causal)
            x = x + self.linear2(self.act(self.linear1(self.norm2(x))))
        else:
            x = self.norm1(x + self.attn(x, key_padding_mask, is_causal))
            x = self.norm2(x + self.linear2(self.act(self.linear1(x))))
        return x
