import math

import torch
import torch.nn as nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.nh = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        b, t, c = x.shape
        hd = c // self.nh
        q, k, v = [z.reshape(b, t, self.nh, hd).transpose(1, 2) for z in self.qkv(x).chunk(3, -1)]
        cache = (k, v)  # hand back this step's keys and values
        if past_kv:
            k = torch.cat([past_kv[0], k], 2)
            v = torch.cat([past_kv[1], v], 2)
        n = k.shape[2]
        qi = torch.arange(n - t, n)[:, None]
        kj = torch.arange(n)[None, :]
        s = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(hd)
        s = s.masked_fill(kj > qi, float("-inf"))
        y = torch.einsum("bhij,bhjd->bhid", s.softmax(-1), v)
        return self.out_proj(y.transpose(1, 2).reshape(b, t, c)), cache
