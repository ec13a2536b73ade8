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
        q, k, v = (z.reshape(b, t, self.heads, hd).permute(0, 2, 1, 3) for z in self.qkv(x).chunk(3, -1))
        offset = 0
        if past_kv is not None:
            offset = past_kv[0].shape[2]
            k = torch.cat([past_kv[0], k], dim=2)
            v = torch.cat([past_kv[1], v], dim=2)
        q_pos = torch.arange(t) + offset
        k_pos = torch.arange(offset + t)
        sees = k_pos[None, :] < q_pos[:, None]  # earlier tokens only
        s = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(hd)
        s = s.masked_fill(~sees, float("-inf"))
        out = torch.einsum("bhij,bhjd->bhid", s.softmax(-1), v)
        return self.out_proj(out.permute(0, 2, 1, 3).reshape(b, t, d)), (k, v)
