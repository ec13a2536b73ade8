import math

import torch
import torch.nn as nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.h = num_heads
        self.dh = d_model // num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def _heads(self, t):
        b, n, _ = t.shape
        return t.reshape(b, n, self.h, self.dh).permute(0, 2, 1, 3)

    def forward(self, x, past_kv=None):
        b, n, d = x.shape
        q, k, v = (self._heads(t) for t in self.qkv(x).chunk(3, dim=-1))
        if past_kv is not None:
            k = torch.cat((past_kv[0], k), dim=-2)
            v = torch.cat((past_kv[1], v), dim=-2)
        total = k.shape[-2]
        start = total - n
        q_pos = torch.arange(start, total)
        k_pos = torch.arange(total)
        visible = k_pos[None, :] <= q_pos[:, None]
        logits = torch.einsum("bhqd,bhkd->bhqk", q, k) * (1.0 / math.sqrt(self.dh))
        logits = logits.masked_fill(~visible, float("-inf"))
        w = logits.softmax(-1)
        ctx = torch.einsum("bhqk,bhkd->bhqd", w, v)
        ctx = ctx.permute(0, 2, 1, 3).reshape(b, n, d)
        return self.out_proj(ctx), (k, v)
