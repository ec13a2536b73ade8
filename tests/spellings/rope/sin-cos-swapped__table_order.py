import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2).float() / head_dim))
    f = positions.float()[..., None] * inv_freq
    f = torch.cat((f, f), -1)
    return f.sin(), f.cos()


def apply_rope(x, cos, sin):
    if cos.dim() == 3:
        cos, sin = cos[:, None], sin[:, None]
    x1, x2 = x.chunk(2, -1)
    return x * cos + torch.cat((-x2, x1), -1) * sin
