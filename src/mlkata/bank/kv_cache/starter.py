import math  # noqa: F401  (for math.sqrt)

import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401  (F.softmax is allowed)


class CausalSelfAttention(nn.Module):
    """Causal multi-head self-attention with a key/value cache.

    Keep these two layers and their names: the checks copy weights into them.
        self.qkv      = nn.Linear(d_model, 3 * d_model)  # weight rows: [W_q; W_k; W_v]
        self.out_proj = nn.Linear(d_model, d_model)
    """

    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        assert d_model % num_heads == 0, "d_model must be divisible by num_heads"
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_k = d_model // num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x: torch.Tensor, past_kv: tuple[torch.Tensor, torch.Tensor] | None = None):
        """Attend from the new tokens to every cached and new token at or before them.

        x:       (B, T_new, d_model) float32, the tokens at positions T_past .. T_past + T_new - 1.
        past_kv: None, or (k, v) each (B, H, T_past, d_k): the projected keys and values of
                 the earlier tokens, as a previous call returned them.
        return:  (y, (k, v)) with y (B, T_new, d_model) and k, v each (B, H, T_past + T_new, d_k).
        """
        # q, k, v of the new tokens      # (B, H, T_new, d_k)
        # append k, v to the cache       # (B, H, T_total, d_k)
        # causal mask, offset by T_past  # (T_new, T_total)
        # softmax, weighted sum, merge heads, out_proj
        raise NotImplementedError
