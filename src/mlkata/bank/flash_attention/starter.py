import math  # noqa: F401  (for math.sqrt)

import torch  # noqa: F401


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    """Exact attention with an online softmax over key blocks, without the [Lq, Lk] score matrix.

    q [B, H, Lq, d], k, v [B, H, Lk, d] -> (out [B, H, Lq, d], lse [B, H, Lq]).
    lse[..., i] = logsumexp over the visible keys of the scaled scores q_i . k_j / sqrt(d).
    causal=True (only with Lq == Lk): query i may attend key j when j <= i.
    """
    raise NotImplementedError
