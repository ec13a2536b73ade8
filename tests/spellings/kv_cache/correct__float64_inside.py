import torch
import torch.nn as nn


class CausalSelfAttention(nn.Module):
    """Does the attention arithmetic in float64, hands back float32."""

    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.n_head = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, C = x.size()
        nh = self.n_head
        proj = self.qkv(x)
        q, k, v = proj.split(C, dim=2)
        k = k.view(B, T, nh, C // nh).transpose(1, 2)
        v = v.view(B, T, nh, C // nh).transpose(1, 2)
        q = q.view(B, T, nh, C // nh).transpose(1, 2)
        if past_kv is not None:
            pk, pv = past_kv
            k = torch.cat((pk, k), dim=2)
            v = torch.cat((pv, v), dim=2)
        S = k.size(2)
        att = q.double() @ k.double().transpose(-2, -1) * (C // nh) ** -0.5
        blocked = torch.triu(torch.ones(T, S, dtype=torch.bool), diagonal=S - T + 1)
        att = att.masked_fill(blocked, float("-inf"))
        att = torch.softmax(att, dim=-1)
        out = (att @ v.double()).float()
        out = out.transpose(1, 2).reshape(B, T, C)
        return self.out_proj(out), (k, v)
