import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    freqs = torch.tensor([base ** (-2.0 * i / head_dim) for i in range(head_dim // 2)], dtype=torch.float32)
    pos = positions.to(torch.float32)
    angle = pos[..., None] * freqs
    both = torch.cat((angle, angle), -1)
    return both.cos(), both.sin()


def _rotate_half(x):
    a, b = torch.chunk(x, 2, dim=-1)
    return torch.cat((-b, a), dim=-1)


def apply_rope(x, cos, sin):
    if cos.dim() == 2:
        return x * cos + _rotate_half(x) * sin
    out = []
    for b in range(x.shape[0]):
        out.append(x[b] * cos[b] + _rotate_half(x[b]) * sin[b])
    return torch.stack(out)
