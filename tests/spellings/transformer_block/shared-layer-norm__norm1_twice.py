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

    def _attn(self, x, kpm, causal):
        B, L, D = x.shape
        dk = D // self.num_heads
        q, k, v = self.qkv(x).chunk(3, -1)
        split = lambda t: t.view(B, L, self.num_heads, dk).transpose(1, 2)  # noqa: E731
        q, k, v = split(q), split(k), split(v)
        s = q @ k.transpose(-1, -2) / math.sqrt(dk)
        m = torch.ones(B, 1, L, L, dtype=torch.bool)
        if kpm is not None:
            m = m & kpm[:, None, None]
        if causal:
            m = m & torch.ones(L, L, dtype=torch.bool).tril()
        p = s.masked_fill(~m, float("-inf")).softmax(-1)
        p = p.masked_fill(~m.any(-1, keepdim=True), 0.0)
        return self.out_proj((p @ v).transpose(1, 2).reshape(B, L, D))

    def _ffn(self, x):
        h = self.linear1(x)
        return self.linear2(F.gelu(h) if self.activation == "gelu" else F.relu(h))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        norm = self.norm1  # one norm for the whole block
        if self.norm_first:
            x = x + self._attn(norm(x), key_padding_mask, is_causal)
            x = x + self._ffn(norm(x))
        else:
            x = norm(x + self._attn(x, key_padding_mask, is_causal))
            x = norm(x + self._ffn(x))
        return x
