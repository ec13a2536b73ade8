import math

import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    freqs = []
    for i in range(head_dim // 2):
        freqs.append(1.0 / math.pow(base, i / head_dim))
    freqs = torch.tensor(freqs)
    theta = positions.float().unsqueeze(-1) * freqs
    theta = torch.cat([theta, theta], dim=-1)
    return torch.cos(theta), torch.sin(theta)


def apply_rope(x, cos, sin):
    d = x.shape[-1]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    if cos.dim() == 3:
        cos = cos[:, None, :, :]
        sin = sin[:, None, :, :]
    return x * cos + torch.cat([-x2, x1], dim=-1) * sin
