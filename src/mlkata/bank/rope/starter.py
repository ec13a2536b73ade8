import torch


def rope_cos_sin(positions: torch.Tensor, head_dim: int, base: float = 10000.0) -> tuple[torch.Tensor, torch.Tensor]:
    """The cos and sin tables of rotary position embeddings.

    positions: int64 [T] or [B, T], the absolute position of every token.
    head_dim:  even size of one attention head.
    return:    (cos, sin), each float32 [T, head_dim] or [B, T, head_dim].
               inv_freq[i] = base ** (-2i / head_dim) for i < head_dim / 2,
               angle = position * inv_freq, the same angles on both halves of the last dim.
    """
    raise NotImplementedError


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotates queries or keys by their positions' angles.

    x:        float32 [B, H, T, head_dim].
    cos, sin: tables from rope_cos_sin, [T, head_dim] or [B, T, head_dim].
    return:   x * cos + rotate_half(x) * sin, [B, H, T, head_dim],
              with rotate_half(x) = cat(-x[..., half:], x[..., :half]) (half = head_dim // 2).
    """
    raise NotImplementedError
