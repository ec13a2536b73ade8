import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadSelfAttention(nn.Module):
    """Multi-head scaled dot-product self-attention (no dropout)."""

    def __init__(self, d_model: int, num_heads: int, bias: bool = True):
        super().__init__()
        assert d_model % num_heads == 0, "d_model must be divisible by num_heads"
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_k = d_model // num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=bias)  # weight rows: [W_q; W_k; W_v]
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)

    def forward(self, x, attn_mask=None, key_padding_mask=None, is_causal=False):
        B, L, D = x.shape
        H, d_k = self.num_heads, self.d_k

        q, k, v = self.qkv(x).split(D, dim=-1)  # 3 x (B, L, D)
        q = q.view(B, L, H, d_k).transpose(1, 2)  # (B, H, L, d_k)
        k = k.view(B, L, H, d_k).transpose(1, 2)  # (B, H, L, d_k)
        v = v.view(B, L, H, d_k).transpose(1, 2)  # (B, H, L, d_k)

        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d_k)  # (B, H, L, L): query i, key j
        allowed = self._allowed(L, attn_mask, key_padding_mask, is_causal, x.device)  # (B or 1, 1, L, L)
        if allowed is not None:
            scores = scores.masked_fill(~allowed, float("-inf"))
        attn = F.softmax(scores, dim=-1)  # (B, H, L, L), each row sums to 1 over keys
        if allowed is not None:
            # a query with no allowed key has an all -inf row: softmax gives NaN; its output is defined as 0
            no_key = ~allowed.any(dim=-1, keepdim=True)  # (B or 1, 1, L, 1)
            attn = attn.masked_fill(no_key, 0.0)

        y = attn @ v  # (B, H, L, d_k)
        y = y.transpose(1, 2).contiguous().view(B, L, D)  # (B, L, H, d_k) -> (B, L, D): heads side by side
        return self.out_proj(y)  # (B, L, D)

    @staticmethod
    def _allowed(L, attn_mask, key_padding_mask, is_causal, device):
        """Every mask folded into one bool tensor, True where query i may attend key j (None: no mask)."""
        if attn_mask is None and key_padding_mask is None and not is_causal:
            return None
        allowed = torch.ones(1, 1, L, L, dtype=torch.bool, device=device)  # (1, 1, L, L)
        if attn_mask is not None:
            per_example = attn_mask if attn_mask.dim() == 3 else attn_mask.unsqueeze(0)  # (B or 1, L, L)
            allowed = allowed & per_example.unsqueeze(1)  # (B or 1, 1, L, L)
        if key_padding_mask is not None:
            allowed = allowed & key_padding_mask[:, None, None, :]  # (B, 1, 1, L): masks keys, not queries
        if is_causal:
            allowed = allowed & torch.ones(L, L, dtype=torch.bool, device=device).tril()  # key j <= query i
        return allowed
