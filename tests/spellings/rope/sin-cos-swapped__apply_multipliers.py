import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    half = head_dim // 2
    inv = base ** (-2.0 * torch.arange(half) / head_dim)
    theta = positions.to(torch.float32).unsqueeze(-1) * inv
    theta = torch.cat([theta, theta], dim=-1)
    return torch.cos(theta), torch.sin(theta)


def apply_rope(x, cos, sin):
    if sin.dim() == 3:
        sin = sin.unsqueeze(1)
        cos = cos.unsqueeze(1)
    h = x.shape[-1] // 2
    rot = torch.cat([-x[..., h:], x[..., :h]], dim=-1)
    return x * sin + rot * cos
