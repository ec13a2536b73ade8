import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    half = head_dim // 2
    inv_freq = base ** (-torch.arange(half, dtype=torch.float32) / head_dim)
    angles = positions.float()[..., None] * inv_freq[None, :]
    angles = torch.cat((angles, angles), dim=-1)
    return angles.cos(), angles.sin()


def apply_rope(x, cos, sin):
    if cos.dim() == 3:
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
    half = x.shape[-1] // 2
    rot = torch.cat((-x[..., half:], x[..., :half]), dim=-1)
    return x * cos + rot * sin
