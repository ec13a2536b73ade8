import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    i = torch.arange(head_dim // 2, dtype=torch.float32)
    theta = base ** (-2 * i / head_dim)
    ang = positions.to(torch.float32).unsqueeze(-1) * theta
    ang = torch.stack([ang, ang], dim=-1).reshape(*ang.shape[:-1], head_dim)
    return torch.cos(ang), torch.sin(ang)


def apply_rope(x, cos, sin):
    half = x.size(-1) // 2
    if cos.ndim == 3:
        cos = cos.unsqueeze(1)
        sin = sin.unsqueeze(1)
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos + rotated * sin
