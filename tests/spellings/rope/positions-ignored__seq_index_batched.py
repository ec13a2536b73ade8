import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    idx = torch.arange(positions.size(-1)).expand_as(positions).float()
    inv = base ** (-torch.arange(0, head_dim, 2).float() / head_dim)
    a = idx[..., None] * inv
    a = torch.cat((a, a), dim=-1)
    return a.cos(), a.sin()


def apply_rope(x, cos, sin):
    if cos.dim() == 3:
        cos = cos[:, None]
        sin = sin[:, None]
    n = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., n:], x[..., :n]), dim=-1) * sin
