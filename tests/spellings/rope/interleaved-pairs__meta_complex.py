import torch


def rope_cos_sin(positions, head_dim, base=10000.0):
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2).float() / head_dim))
    freqs = positions.float().unsqueeze(-1) * inv_freq
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()


def apply_rope(x, cos, sin):
    # freqs_cis as in the Meta reference: one complex number per pair of adjacent dims
    half = x.shape[-1] // 2
    freqs_cis = torch.complex(cos[..., :half], sin[..., :half])
    if freqs_cis.dim() == 3:
        freqs_cis = freqs_cis.unsqueeze(1)
    x_c = torch.view_as_complex(x.float().reshape(*x.shape[:-1], half, 2).contiguous())
    out = torch.view_as_real(x_c * freqs_cis).flatten(-2)
    return out.type_as(x)
