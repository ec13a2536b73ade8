import math

import torch
import torch.nn.functional as F
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.H = num_heads
        self.norm_first = norm_first
        self.activation = activation
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def sa(self, x, pad, causal):
        B, L, D = x.shape
        outs = []
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        vis = torch.ones(B, L, L, dtype=torch.bool)
        if pad is not None:
            vis = vis & pad[:, None, :]
        if causal:
            vis = vis & torch.ones(L, L, dtype=torch.bool).tril()
        for qh, kh, vh in zip(q.chunk(self.H, -1), k.chunk(self.H, -1), v.chunk(self.H, -1)):
            s = torch.bmm(qh, kh.transpose(1, 2)) / math.sqrt(qh.shape[-1])
            p = F.softmax(s.masked_fill(~vis, float("-inf")), dim=-1)
            outs.append(torch.bmm(torch.nan_to_num(p), vh))
        return self.out_proj(torch.cat(outs, dim=-1))

    def ff(self, x):
        h = self.linear1(x)
        if self.activation == "gelu":
            h = F.gelu(h)
        return self.linear2(h)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self.sa(self.norm1(x), key_padding_mask, is_causal)
            x = x + self.ff(self.norm2(x))
        else:
            x = self.norm1(x + self.sa(x, key_padding_mask, is_causal))
            x = self.norm2(x + self.ff(x))
        return x
