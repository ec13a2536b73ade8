import math

import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        assert d_model % num_heads == 0
        self.heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def split_heads(self, t):
        B, L, D = t.shape
        return t.view(B, L, self.heads, D // self.heads).transpose(1, 2)

    def forward(self, x, past_kv=None):
        B, L, D = x.shape
        q, k, v = map(self.split_heads, self.qkv(x).split(D, dim=2))
        if past_kv is None:
            empty = k.new_zeros(B, self.heads, 0, D // self.heads)
            past_kv = (empty, empty)
        k = torch.cat([past_kv[0], k], dim=2)
        v = torch.cat([past_kv[1], v], dim=2)
        P = k.shape[2] - L
        bias = torch.full((L, P + L), float("-inf")).triu(P + 1)  # 0 where visible, -inf after the query
        scale = 1 / math.sqrt(D // self.heads)
        att = torch.baddbmm(bias.expand(B * self.heads, L, P + L),
                            q.reshape(B * self.heads, L, -1), k.reshape(B * self.heads, P + L, -1).transpose(1, 2),
                            alpha=scale)
        att = att.softmax(dim=-1)
        y = torch.bmm(att, v.reshape(B * self.heads, P + L, -1)).view(B, self.heads, L, -1)
        y = y.transpose(1, 2).reshape(B, L, D)
        return self.out_proj(y), (k, v)
