import math

import torch
from torch import nn


def _layer_norm(x, ln):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + ln.eps) * ln.weight + ln.bias


def _gelu(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.h = num_heads
        self.pre = norm_first
        self.act = _gelu if activation == "gelu" else torch.relu
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def attend(self, x, pad, causal):
        b, n, d = x.shape
        dk = d // self.h
        q, k, v = self.qkv(x).reshape(b, n, 3, self.h, dk).unbind(2)  # (b, n, h, dk)
        s = torch.einsum("bihd,bjhd->bhij", q, k) / math.sqrt(dk)
        ok = torch.ones(b, 1, n, n, dtype=torch.bool)
        if pad is not None:
            ok = ok & pad[:, None, None, :]
        if causal:
            ok = ok & (torch.arange(n)[None, :] <= torch.arange(n)[:, None])
        s = s.masked_fill(~ok, float("-inf"))
        p = torch.softmax(s, dim=-1)
        p = torch.where(ok.any(-1, keepdim=True), p, torch.zeros_like(p))
        o = torch.einsum("bhij,bjhd->bihd", p, v).reshape(b, n, d)
        return self.out_proj(o)

    def mlp(self, x):
        return self.linear2(self.act(self.linear1(x)))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.pre:
            x = x + self.attend(_layer_norm(x, self.norm1), key_padding_mask, is_causal)
            return x + self.mlp(_layer_norm(x, self.norm2))
        x = _layer_norm(x + self.attend(x, key_padding_mask, is_causal), self.norm1)
        return _layer_norm(x + self.mlp(x), self.norm2)
