import torch
from torch import nn
from torch.nn import functional as F


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.H = num_heads
        self.norm_first = norm_first
        self.gelu = activation == "gelu"
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def _attention(self, x, pad, causal):
        B, L, D = x.shape
        dh = D // self.H
        heads = []
        q, k, v = self.qkv(x).split(D, -1)
        ok = torch.ones(B, L, L, dtype=torch.bool)
        if pad is not None:
            ok &= pad[:, None, :]
        if causal:
            ok &= torch.arange(L)[:, None] >= torch.arange(L)[None, :]
        for h in range(self.H):
            qh, kh, vh = (t[:, :, h * dh:(h + 1) * dh] for t in (q, k, v))
            s = qh @ kh.transpose(1, 2) / dh ** 0.5
            s = s.masked_fill(~ok, -float("inf"))
            p = F.softmax(s, -1).masked_fill(~ok.any(-1, keepdim=True), 0.0)
            heads.append(p @ vh)
        return self.out_proj(torch.cat(heads, -1))

    def _mlp(self, x):
        z = self.linear1(x)
        z = F.gelu(z) if self.gelu else F.relu(z)
        return self.linear2(z)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = self._attention(self.norm1(x), key_padding_mask, is_causal)
            x = x + self._mlp(self.norm2(x))
        else:
            x = self.norm1(x + self._attention(x, key_padding_mask, is_causal))
            x = self.norm2(x + self._mlp(x))
        return x
