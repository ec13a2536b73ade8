import math  # noqa: F401  (for math.sqrt)

import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401  (F.softmax, F.relu, F.gelu are allowed)


class TransformerBlock(nn.Module):
    """One transformer encoder block (self-attention + feed-forward), pre-norm or post-norm.

    Keep these layers and their names: the checks copy weights into them.
        self.qkv      = nn.Linear(d_model, 3 * d_model)   # weight rows: [W_q; W_k; W_v]
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1  = nn.Linear(d_model, d_ff)
        self.linear2  = nn.Linear(d_ff, d_model)
        self.norm1    = nn.LayerNorm(d_model)              # the attention sublayer's norm
        self.norm2    = nn.LayerNorm(d_model)              # the feed-forward sublayer's norm
    """

    def __init__(self, d_model: int, num_heads: int, d_ff: int, norm_first: bool = True,
                 activation: str = "relu"):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor, key_padding_mask: torch.Tensor | None = None,
                is_causal: bool = False) -> torch.Tensor:
        """x (B, L, d_model) float32 -> (B, L, d_model).

        key_padding_mask: bool (B, L), True = real token, False = padding (hidden as a key).
        is_causal:        query i may attend only keys j <= i.
        norm_first=True:  x = x + attn(norm1(x));  x = x + ffn(norm2(x))
        norm_first=False: x = norm1(x + attn(x));  x = norm2(x + ffn(x))
        """
        raise NotImplementedError
