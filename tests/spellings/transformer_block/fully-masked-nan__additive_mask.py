import torch
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.h = num_heads
        self.pre = norm_first
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.act = nn.GELU() if activation == "gelu" else nn.ReLU()

    def mha(self, x, pad, causal):
        b, n, c = x.shape
        d = c // self.h
        q, k, v = self.qkv(x).view(b, n, 3, self.h, d).permute(2, 0, 3, 1, 4)
        bias = torch.zeros(b, 1, n, n)
        if pad is not None:
            bias = bias + torch.where(pad, 0.0, float("-inf"))[:, None, None, :]
        if causal:
            bias = bias + torch.full((n, n), float("-inf")).triu(1)
        w = torch.softmax(q @ k.transpose(-2, -1) * d ** -0.5 + bias, dim=-1)
        return self.out_proj((w @ v).transpose(1, 2).reshape(b, n, c))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.pre:
            x = x + self.mha(self.norm1(x), key_padding_mask, is_causal)
            return x + self.linear2(self.act(self.linear1(self.norm2(x))))
        x = self.norm1(x + self.mha(x, key_padding_mask, is_causal))
        return self.norm2(x + self.linear2(self.act(self.linear1(x))))
