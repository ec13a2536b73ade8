import math

import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    half = head_dim // 2
    i = torch.arange(half, dtype=torch.float64)
    inv_freq = torch.exp(-(2 * i / head_dim) * math.log(base))
    ang = positions.double().unsqueeze(-1) * inv_freq
    ang = torch.cat([ang, ang], dim=-1)
    return torch.cos(ang).float(), torch.sin(ang).float()


def apply_rope(x, cos, sin):
    half = x.shape[-1] // 2
    c, s = cos[..., :half], sin[..., :half]
    if c.ndim == 3:
        c, s = c[:, None], s[:, None]
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * c - x2 * s, x2 * c + x1 * s], dim=-1)
