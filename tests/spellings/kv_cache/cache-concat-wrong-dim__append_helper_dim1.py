import torch
from torch import nn


def append(cache, new):
    return new if cache is None else torch.cat((cache, new), dim=1)


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, D = x.shape
        hd = D // self.heads
        parts = self.qkv(x).reshape(B, T, 3, self.heads, hd)
        q = parts[:, :, 0].transpose(1, 2)
        k = parts[:, :, 1].transpose(1, 2)
        v = parts[:, :, 2].transpose(1, 2)
        past_k, past_v = past_kv if past_kv is not None else (None, None)
        k, v = append(past_k, k), append(past_v, v)
        L = k.shape[2]
        att = torch.matmul(q, k.transpose(2, 3)) * hd ** -0.5
        hide = torch.ones(T, L, dtype=torch.bool).triu(L - T + 1)
        att = att.masked_fill(hide, float("-inf")).softmax(dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(B, T, D)
        return self.out_proj(y), (k, v)
