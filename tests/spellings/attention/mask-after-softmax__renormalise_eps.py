import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    # everything in float32, whatever comes in
    q32, k32, v32 = q.float(), k.float(), v.float()
    scale = q32.shape[-1] ** -0.5
    s = (q32 * scale) @ k32.transpose(-2, -1)
    p = torch.softmax(s, dim=-1)
    if mask is not None:
        p = p * mask
        p = p / (p.sum(-1, keepdim=True) + 1e-9)
    return p @ v32, p


def causal_mask(L):
    return torch.tril(torch.ones(L, L)).to(torch.bool)


def padding_mask(lengths, L):
    return torch.arange(L)[None] < lengths.view(-1, 1)


def combine_masks(causal, padding):
    return causal.unsqueeze(0).logical_and(padding.unsqueeze(1))
