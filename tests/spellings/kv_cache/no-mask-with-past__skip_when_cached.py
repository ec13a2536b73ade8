import math

import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.n_head = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, C = x.shape
        hs = C // self.n_head
        q, k, v = (t.reshape(B, T, self.n_head, hs).transpose(1, 2) for t in self.qkv(x).chunk(3, dim=-1))
        t_past = 0
        if past_kv is not None:
            t_past = past_kv[0].shape[-2]
            k = torch.cat((past_kv[0], k), dim=-2)
            v = torch.cat((past_kv[1], v), dim=-2)
        att = torch.einsum("bhtd,bhsd->bhts", q, k) * (1.0 / math.sqrt(hs))
        if t_past == 0:
            att = att + torch.triu(torch.full((T, T), float("-inf")), diagonal=1)
        att = att.softmax(dim=-1)
        y = torch.einsum("bhts,bhsd->bhtd", att, v).transpose(1, 2).reshape(B, T, C)
        return self.out_proj(y), (k, v)
