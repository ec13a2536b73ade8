import torch
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.h = num_heads
        self.norm_first = norm_first
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.act = nn.GELU() if activation == "gelu" else nn.ReLU()

    def _self_attn(self, x, pad, causal):
        b, n, c = x.shape
        dk = c // self.h
        qkv = self.qkv(x).reshape(b, n, 3, self.h, dk)
        q = qkv[:, :, 0].permute(0, 2, 1, 3)
        k = qkv[:, :, 1].permute(0, 2, 1, 3)
        v = qkv[:, :, 2].permute(0, 2, 1, 3)
        s = torch.einsum("bhqd,bhkd->bhqk", q, k) * dk ** -0.5
        ok = torch.ones(b, 1, n, n, dtype=torch.bool)
        if pad is not None:
            ok = ok & pad.reshape(b, 1, 1, n)
        if causal:
            ok = ok & torch.tril(torch.ones(n, n, dtype=torch.bool))
        s = s.masked_fill(~ok, -1e30)
        p = torch.softmax(s, -1) * ok.any(-1, keepdim=True)
        y = torch.einsum("bhqk,bhkd->bqhd", p, v).reshape(b, n, c)
        return self.out_proj(y)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self._self_attn(self.norm1(x), key_padding_mask, is_causal)
            h = self.norm2(x)
            x = h + self.linear2(self.act(self.linear1(h)))
            return x
        x = self.norm1(x + self._self_attn(x, key_padding_mask, is_causal))
        return self.norm2(x + self.linear2(self.act(self.linear1(x))))
