import math

import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        b, t, d = x.shape
        hd = d // self.heads
        raw = x.reshape(b, t, self.heads, hd).permute(0, 2, 1, 3)
        if past_kv is not None:
            raw = torch.cat([past_kv[0], raw], dim=2)
        n = raw.shape[2]
        tokens = raw.permute(0, 2, 1, 3).reshape(b, n, d)
        w, bias = self.qkv.weight, self.qkv.bias
        q = torch.nn.functional.linear(tokens[:, n - t:], w[:d], bias[:d])
        k = torch.nn.functional.linear(tokens, w[d:2 * d], bias[d:2 * d])
        v = torch.nn.functional.linear(tokens, w[2 * d:], bias[2 * d:])
        q = q.reshape(b, t, self.heads, hd).permute(0, 2, 1, 3)
        k = k.reshape(b, n, self.heads, hd).permute(0, 2, 1, 3)
        v = v.reshape(b, n, self.heads, hd).permute(0, 2, 1, 3)
        pos_q = torch.arange(n - t, n)
        s = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(hd)
        s = s.masked_fill(torch.arange(n)[None, :] > pos_q[:, None], float("-inf"))
        out = torch.einsum("bhqk,bhkd->bhqd", s.softmax(-1), v)
        return self.out_proj(out.permute(0, 2, 1, 3).reshape(b, t, d)), (raw, raw)
