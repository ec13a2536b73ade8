import math  # noqa: F401  (for math.sqrt)

import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401  (F.softmax is allowed)


class MultiHeadSelfAttention(nn.Module):
    """Multi-head scaled dot-product self-attention, with masks and no dropout.

    d_model:   model width D; must be divisible by num_heads.
    num_heads: number of heads H; each head works in d_k = D // H dimensions.
    bias:      whether both linear layers have a bias.

    Keep these two layers and their names: the checks copy weights into them.
        self.qkv      = nn.Linear(d_model, 3 * d_model, bias=bias)  # weight rows: [W_q; W_k; W_v]
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)
    """

    def __init__(self, d_model: int, num_heads: int, bias: bool = True):
        super().__init__()
        assert d_model % num_heads == 0, "d_model must be divisible by num_heads"
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_k = d_model // num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=bias)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)

    def forward(
        self,
        x: torch.Tensor,
        attn_mask: torch.Tensor | None = None,
        key_padding_mask: torch.Tensor | None = None,
        is_causal: bool = False,
    ) -> torch.Tensor:
        """Self-attention over the sequence.

        x:                (B, L, d_model) float32.
        attn_mask:        bool (L, L) or (B, L, L); True = query i may attend key j.
        key_padding_mask: bool (B, L); True = a real token, False = padding (hidden as a KEY).
        is_causal:        if True, query i may attend only keys j <= i (on top of the other masks).
        All given masks apply together: a key is visible only if every mask allows it.
        return:           (B, L, d_model). A query that may attend no key gets a zero
                          attention output, so its output row is out_proj's bias.
        """
        # q, k, v = ...                      # (B, L, D) each
        # reshape to heads                   # (B, H, L, d_k)
        # scores, masks, softmax over keys   # (B, H, L, L)
        # weighted sum of values             # (B, H, L, d_k)
        # merge heads, out_proj              # (B, L, D)
        raise NotImplementedError
