import torch
import torch.nn.functional as F
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.nh = num_heads
        self.norm_first = norm_first
        self.act = F.gelu if activation == "gelu" else F.relu
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.ln = nn.LayerNorm(d_model)
        self.norm1 = self.ln  # both names point at the same LayerNorm
        self.norm2 = self.ln

    def attend(self, x, kpm, causal):
        B, T, C = x.shape
        d = C // self.nh
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.nh, d).permute(0, 2, 1, 3)
        k = k.view(B, T, self.nh, d).permute(0, 2, 1, 3)
        v = v.view(B, T, self.nh, d).permute(0, 2, 1, 3)
        s = torch.matmul(q, k.transpose(-2, -1)) / (d ** 0.5)
        ok = torch.ones(T, T, dtype=torch.bool)
        if causal:
            ok = ok.tril()
        ok = ok[None, None].expand(B, 1, T, T)
        if kpm is not None:
            ok = ok & kpm[:, None, None, :]
        p = torch.softmax(s.masked_fill(~ok, float("-inf")), -1)
        p = torch.where(ok.any(-1, keepdim=True), p, torch.zeros_like(p))
        return self.out_proj(torch.matmul(p, v).permute(0, 2, 1, 3).reshape(B, T, C))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self.attend(self.norm1(x), key_padding_mask, is_causal)
            x = x + self.linear2(self.act(self.linear1(self.norm2(x))))
        else:
            x = self.norm1(x + self.attend(x, key_padding_mask, is_causal))
            x = self.norm2(x + self.linear2(self.act(self.linear1(x))))
        return x
