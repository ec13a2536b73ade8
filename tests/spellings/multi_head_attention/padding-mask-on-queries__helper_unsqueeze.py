import torch
from torch import nn


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int, bias: bool = True):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = d_model // num_heads
        self.scale = self.head_dim ** -0.5
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=bias)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)

    def _split(self, t):
        # (B, L, D) -> (B, H, L, hd)
        B, L, _ = t.shape
        return t.reshape(B, L, self.num_heads, self.head_dim).permute(0, 2, 1, 3)

    def _merge(self, t):
        # (B, H, L, hd) -> (B, L, D)
        B, H, L, hd = t.shape
        return t.permute(0, 2, 1, 3).reshape(B, L, H * hd)

    def _allowed(self, B, L, attn_mask, key_padding_mask, is_causal, device):
        ok = torch.ones(B, L, L, dtype=torch.bool, device=device)
        if attn_mask is not None:
            ok = ok & attn_mask  # [L, L] or [B, L, L]
        if key_padding_mask is not None:
            ok = ok & key_padding_mask.unsqueeze(2)  # (B, L, 1): padding
        if is_causal:
            ok = ok & torch.ones(L, L, dtype=torch.bool, device=device).tril()
        return ok.unsqueeze(1)  # (B, 1, L, L)

    def forward(self, x, attn_mask=None, key_padding_mask=None, is_causal=False):
        B, L, _ = x.shape
        q, k, v = map(self._split, self.qkv(x).split(x.shape[-1], dim=-1))
        scores = torch.einsum("bhid,bhjd->bhij", q, k) * self.scale
        allowed = self._allowed(B, L, attn_mask, key_padding_mask, is_causal, x.device)
        scores = scores.masked_fill(~allowed, -1e9)
        weights = scores.softmax(dim=-1)
        weights = torch.where(allowed.any(-1, keepdim=True), weights, torch.zeros_like(weights))
        ctx = torch.einsum("bhij,bhjd->bhid", weights, v)
        return self.out_proj(self._merge(ctx))
