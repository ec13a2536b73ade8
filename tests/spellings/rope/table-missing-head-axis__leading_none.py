import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    half = head_dim // 2
    inv = torch.exp(torch.arange(half, dtype=torch.float32) * (-2.0 / head_dim) * torch.log(torch.tensor(base)))
    f = positions.float()[..., None] * inv
    f = torch.cat([f, f], dim=-1)
    return f.cos(), f.sin()


def apply_rope(x, cos, sin):
    cos, sin = cos[None], sin[None]  # add a leading dim to broadcast over the batch
    h = x.shape[-1] // 2
    x1, x2 = x[..., :h], x[..., h:]
    return x * cos + torch.cat([-x2, x1], dim=-1) * sin
