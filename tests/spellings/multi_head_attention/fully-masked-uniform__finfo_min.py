import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadSelfAttention(nn.Module):
    """Computes the attention in float64 and answers in float64."""

    def __init__(self, d_model, num_heads, bias=True, max_len=1024):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=bias)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)
        self.register_buffer("causal", torch.tril(torch.ones(max_len, max_len, dtype=torch.bool)))

    def forward(self, x, attn_mask=None, key_padding_mask=None, is_causal=False):
        B, L, D = x.shape
        H = self.num_heads
        hd = D // H
        q, k, v = self.qkv(x).double().split(D, dim=2)
        q, k, v = (t.unflatten(-1, (H, hd)).transpose(1, 2) for t in (q, k, v))  # (B, H, L, hd)

        mask = None
        if attn_mask is not None:
            mask = attn_mask.view(-1, 1, L, L)
        if key_padding_mask is not None:
            kpm = key_padding_mask.view(B, 1, 1, L)
            mask = kpm if mask is None else mask & kpm
        if is_causal:
            c = self.causal[:L, :L]
            mask = c if mask is None else mask & c

        att = (q / hd ** 0.5) @ k.transpose(-1, -2)
        if mask is not None:
            att = att.masked_fill(mask.logical_not(), torch.finfo(att.dtype).min)
        att = att.softmax(-1)
        y = (att @ v).transpose(1, 2).flatten(2)  # (B, L, D)
        w = self.out_proj.weight.double()
        b = None if self.out_proj.bias is None else self.out_proj.bias.double()
        return F.linear(y, w, b)
