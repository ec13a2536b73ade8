import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class TransformerBlock(nn.Module):
    """One transformer encoder block: self-attention and a feed-forward network, each with a
    residual connection and a LayerNorm, placed before (pre-norm) or after (post-norm) the sublayer."""

    def __init__(self, d_model: int, num_heads: int, d_ff: int, norm_first: bool = True,
                 activation: str = "relu"):
        super().__init__()
        assert d_model % num_heads == 0, "d_model must be divisible by num_heads"
        assert activation in ("relu", "gelu"), "activation is 'relu' or 'gelu'"
        self.num_heads = num_heads
        self.norm_first = norm_first
        self.activation = activation
        self.qkv = nn.Linear(d_model, 3 * d_model)  # weight rows: [W_q; W_k; W_v]
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)  # belongs to the attention sublayer
        self.norm2 = nn.LayerNorm(d_model)  # belongs to the feed-forward sublayer

    def _attention(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        H = self.num_heads
        d_k = D // H
        q, k, v = self.qkv(x).split(D, dim=-1)  # (B, L, D) each
        q = q.view(B, L, H, d_k).transpose(1, 2)  # (B, H, L, d_k)
        k = k.view(B, L, H, d_k).transpose(1, 2)  # (B, H, L, d_k)
        v = v.view(B, L, H, d_k).transpose(1, 2)  # (B, H, L, d_k)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d_k)  # (B, H, L, L)

        allowed = None  # bool, broadcasts to (B, H, L, L); True = query i may attend key j
        if key_padding_mask is not None:
            allowed = key_padding_mask[:, None, None, :]  # (B, 1, 1, L): padding hides keys
        if is_causal:
            causal = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()  # (L, L)
            allowed = causal if allowed is None else allowed & causal
        if allowed is not None:
            scores = scores.masked_fill(~allowed, float("-inf"))
        attn = F.softmax(scores, dim=-1)  # (B, H, L, L)
        if allowed is not None:
            # a query with no visible key has a row of -inf (softmax: NaN); its output is zero
            attn = attn.masked_fill(~allowed.any(dim=-1, keepdim=True), 0.0)

        y = attn @ v  # (B, H, L, d_k)
        y = y.transpose(1, 2).contiguous().view(B, L, D)  # (B, L, D)
        return self.out_proj(y)

    def _feed_forward(self, x):
        h = self.linear1(x)  # (B, L, d_ff)
        if self.activation == "gelu":
            h = F.gelu(h)  # the exact GELU, x * Phi(x)
        else:
            h = F.relu(h)
        return self.linear2(h)  # (B, L, D)

    def forward(self, x: torch.Tensor, key_padding_mask: torch.Tensor | None = None,
                is_causal: bool = False) -> torch.Tensor:
        """x (B, L, d_model) -> (B, L, d_model).

        key_padding_mask: bool (B, L), True = real token (padding is hidden as a key).
        is_causal:        query i attends only keys j <= i.
        """
        if self.norm_first:
            x = x + self._attention(self.norm1(x), key_padding_mask, is_causal)
            x = x + self._feed_forward(self.norm2(x))
        else:
            x = self.norm1(x + self._attention(x, key_padding_mask, is_causal))
            x = self.norm2(x + self._feed_forward(x))
        return x
