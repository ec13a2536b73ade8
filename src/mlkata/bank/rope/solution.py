import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    """cos and sin of the rotary angles: positions [T] or [B, T] -> two [..., T, head_dim] float32 tables."""
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))  # (head_dim/2,)
    angles = positions.to(torch.float32)[..., None] * inv_freq  # (..., T, head_dim/2)
    angles = torch.cat((angles, angles), dim=-1)  # (..., T, head_dim): both halves hold the same angles
    return angles.cos(), angles.sin()


def rotate_half(x):
    """(x1, x2) -> (-x2, x1) on the two halves of the last dimension."""
    x1, x2 = x.chunk(2, dim=-1)  # (..., head_dim/2) each
    return torch.cat((-x2, x1), dim=-1)


def apply_rope(x, cos, sin):
    """Rotates x [B, H, T, head_dim] by the table cos, sin ([T, head_dim] or [B, T, head_dim])."""
    if cos.dim() == 3:  # one table per example: insert the head axis
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)  # (B, 1, T, head_dim)
    return x * cos + rotate_half(x) * sin  # (B, H, T, head_dim)
