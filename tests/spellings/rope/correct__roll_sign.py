import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    inv = 1.0 / base ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    inv = inv.float()
    t = positions.float()
    f = t.unsqueeze(-1) @ inv.unsqueeze(0) if t.dim() == 1 else t.unsqueeze(-1) * inv
    emb = torch.cat((f, f), dim=-1)
    return emb.cos().to(torch.float32), emb.sin().to(torch.float32)


def apply_rope(x, cos, sin):
    d = x.shape[-1]
    sign = torch.ones(d, dtype=x.dtype)
    sign[: d // 2] = -1.0
    rotated = torch.roll(x, shifts=d // 2, dims=-1) * sign
    if cos.dim() == 3:
        B, T, _ = cos.shape
        cos = cos.view(B, 1, T, d)
        sin = sin.view(B, 1, T, d)
    return x * cos + rotated * sin
