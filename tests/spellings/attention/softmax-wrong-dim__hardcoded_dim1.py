import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.shape[-1]
    att = q.matmul(k.mT) / torch.tensor(d, dtype=q.dtype).sqrt()
    if mask is not None:
        att = torch.where(mask, att, torch.finfo(att.dtype).min)
    att = F.softmax(att, dim=1)
    if mask is not None:
        att = att * mask.any(-1, keepdim=True)  # queries that see nothing -> 0
    y = att.matmul(v)
    return y, att


def causal_mask(L):
    return torch.ones(L, L, dtype=torch.bool).tril()


def padding_mask(lengths, L):
    B = lengths.numel()
    return torch.arange(L).repeat(B, 1) < lengths[:, None]


def combine_masks(causal, padding):
    L = causal.shape[0]
    return padding[:, None, :].expand(-1, L, -1) & causal
