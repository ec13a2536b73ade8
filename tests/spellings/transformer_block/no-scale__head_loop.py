import torch
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.n = num_heads
        self.norm_first = norm_first
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.act = nn.GELU() if activation == "gelu" else nn.ReLU()

    def attention(self, x, pad, causal):
        B, L, D = x.shape
        dk = D // self.n
        q, k, v = self.qkv(x).split(D, dim=-1)
        allow = torch.ones(B, L, L, dtype=torch.bool)
        if pad is not None:
            allow = allow & pad.unsqueeze(1)
        if causal:
            allow = allow & torch.ones(L, L, dtype=torch.bool).tril()
        outs = []
        for i in range(self.n):
            cols = slice(i * dk, (i + 1) * dk)
            scores = q[:, :, cols] @ k[:, :, cols].transpose(1, 2)
            scores = scores.masked_fill(~allow, float("-inf"))
            p = torch.softmax(scores, dim=-1)
            p = torch.where(allow.any(-1, keepdim=True), p, torch.zeros_like(p))
            outs.append(p @ v[:, :, cols])
        return self.out_proj(torch.cat(outs, dim=-1))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self.attention(self.norm1(x), key_padding_mask, is_causal)
            x = x + self.linear2(self.act(self.linear1(self.norm2(x))))
            return x
        x = self.norm1(x + self.attention(x, key_padding_mask, is_causal))
        x = self.norm2(x + self.linear2(self.act(self.linear1(x))))
        return x
