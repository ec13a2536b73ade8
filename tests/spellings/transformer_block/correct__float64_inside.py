import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class TransformerBlock(nn.Module):
    """Computes in float64 and returns the input's dtype."""

    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.n_head = num_heads
        self.norm_first = norm_first
        self.use_gelu = activation == "gelu"
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    @staticmethod
    def _lin(layer, x):
        return F.linear(x, layer.weight.double(), layer.bias.double())

    @staticmethod
    def _ln(layer, x):
        return F.layer_norm(x, x.shape[-1:], layer.weight.double(), layer.bias.double(), layer.eps)

    def _attn(self, x, kpm, causal):
        B, T, C = x.shape
        hs = C // self.n_head
        q, k, v = self._lin(self.qkv, x).split(C, dim=2)
        q = q.view(B, T, self.n_head, hs).permute(0, 2, 1, 3)
        k = k.view(B, T, self.n_head, hs).permute(0, 2, 3, 1)  # (B, nh, hs, T)
        v = v.view(B, T, self.n_head, hs).permute(0, 2, 1, 3)
        att = torch.matmul(q, k) * (1.0 / math.sqrt(hs))
        bias = torch.zeros(B, 1, T, T, dtype=x.dtype)
        if kpm is not None:
            bias = bias.masked_fill(~kpm.view(B, 1, 1, T), float("-inf"))
        if causal:
            bias = bias.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
        att = torch.softmax(att + bias, dim=-1)
        att = torch.nan_to_num(att, nan=0.0)
        y = torch.matmul(att, v).permute(0, 2, 1, 3).reshape(B, T, C)
        return self._lin(self.out_proj, y)

    def _mlp(self, x):
        h = self._lin(self.linear1, x)
        h = F.gelu(h) if self.use_gelu else F.relu(h)
        return self._lin(self.linear2, h)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        dtype = x.dtype
        x = x.double()
        if self.norm_first:
            x = x + self._attn(self._ln(self.norm1, x), key_padding_mask, is_causal)
            x = x + self._mlp(self._ln(self.norm2, x))
        else:
            x = self._ln(self.norm1, x + self._attn(x, key_padding_mask, is_causal))
            x = self._ln(self.norm2, x + self._mlp(x))
        return x.to(dtype)
