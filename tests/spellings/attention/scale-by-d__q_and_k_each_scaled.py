import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    *lead, Lq, d = q.shape
    Lk, dv = k.shape[-2], v.shape[-1]
    qf, kf, vf = q.reshape(-1, Lq, d), k.reshape(-1, Lk, d), v.reshape(-1, Lk, dv)
    if mask is not None:
        mf = mask.expand(*lead, Lq, Lk).reshape(-1, Lq, Lk)

    outs, ws = [], []
    for n in range(qf.shape[0]):
        s = (qf[n] / math.sqrt(d)) @ (kf[n] / math.sqrt(d)).T
        if mask is not None:
            s = s.masked_fill(~mf[n], -math.inf)
        w = torch.softmax(s, dim=-1)
        if mask is not None:
            w = torch.where(mf[n].any(dim=1, keepdim=True), w, torch.zeros_like(w))
        outs.append(w @ vf[n])
        ws.append(w)
    out = torch.stack(outs).reshape(*lead, Lq, dv)
    return out, torch.stack(ws).reshape(*lead, Lq, Lk)


def causal_mask(L):
    return ~torch.triu(torch.ones(L, L, dtype=torch.bool), diagonal=1)


def padding_mask(lengths, L):
    return torch.stack([torch.arange(L) < n for n in lengths])


def combine_masks(causal, padding):
    B, L = padding.shape
    return causal.expand(B, L, L) & padding.unsqueeze(-2)
