import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    exponents = torch.arange(0, head_dim, 2).float() / head_dim
    freqs = torch.pow(torch.tensor(base), -exponents)
    theta = torch.einsum("...t,f->...tf", positions.float(), freqs)
    theta = theta.repeat(*([1] * (theta.dim() - 1)), 2)
    return theta.cos(), theta.sin()


def apply_rope(x, cos, sin):
    d = x.size(-1)
    rot = torch.complex(cos[..., : d // 2], sin[..., : d // 2])
    if rot.dim() == 3:
        rot = rot.unsqueeze(1)
    z = torch.complex(x[..., : d // 2].contiguous(), x[..., d // 2 :].contiguous()) * rot
    return torch.cat((z.real, z.imag), dim=-1)
