import torch

NEG = -1e9


def _scores(q, k):
    # [..., Lq, d] x [..., Lk, d] -> [..., Lq, Lk]
    d = q.shape[-1]
    return torch.einsum("...qd,...kd->...qk", q, k) / d ** 0.5


def _masked_softmax(scores, mask):
    if mask is None:
        return scores.softmax(dim=-1)
    scores = scores.masked_fill(~mask, 0.0)
    probs = scores.softmax(dim=-1)
    has_key = mask.any(dim=-1, keepdim=True)
    return torch.where(has_key, probs, torch.zeros_like(probs))


def scaled_dot_product_attention(q, k, v, mask=None):
    probs = _masked_softmax(_scores(q, k), mask)
    out = torch.einsum("...qk,...kd->...qd", probs, v)
    return out, probs


def causal_mask(L):
    i = torch.arange(L)
    return i[:, None] >= i[None, :]


def padding_mask(lengths, L):
    pos = torch.arange(L, device=lengths.device).expand(len(lengths), L)
    return pos < lengths[:, None]


def combine_masks(causal, padding):
    return causal[None] & padding[:, None]
