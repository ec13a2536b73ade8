import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    q, k, v = q.double(), k.double(), v.double()  # work (and answer) in float64
    c = q.shape[-1] ** -0.25  # split 1/sqrt(d) between q and k
    s = (q * c) @ (k * c).transpose(-2, -1)
    if mask is not None:
        s = s.masked_fill(~mask, float("-inf"))
    w = torch.softmax(s, -1)
    if mask is not None:
        w = torch.where(torch.isnan(w), torch.zeros_like(w), w)
    return w @ v, w


def causal_mask(L):
    rows = torch.arange(L).view(L, 1)
    cols = torch.arange(L).view(1, L)
    return cols <= rows


def padding_mask(lengths, L):
    return torch.arange(L).expand(lengths.shape[0], L) < lengths.view(-1, 1)


def combine_masks(causal, padding):
    return torch.logical_and(causal[None, :, :], padding[:, None, :])
