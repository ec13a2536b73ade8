import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    B, H, Lq, D = q.shape
    Lk = k.size(-2)
    out = torch.empty_like(q)
    lse = torch.empty(B, H, Lq)
    for i in range(0, Lq, block_q):
        qi = q[:, :, i:i + block_q] * D ** -0.5
        bq = qi.size(-2)
        mi = qi.new_full((B, H, bq, 1), -math.inf)
        li = qi.new_zeros((B, H, bq, 1))
        oi = qi.new_zeros((B, H, bq, D))
        for j in range(0, Lk, block_k):
            if causal and j > i + bq - 1:
                break  # blocks entirely in the future
            sij = torch.einsum("bhqd,bhkd->bhqk", qi, k[:, :, j:j + block_k])
            mij = torch.maximum(mi, sij.amax(-1, keepdim=True))
            pij = (sij - mij).exp()
            li = (mi - mij).exp() * li + pij.sum(-1, keepdim=True)
            oi = (mi - mij).exp() * oi + torch.einsum("bhqk,bhkd->bhqd", pij, v[:, :, j:j + block_k])
            mi = mij
        out[:, :, i:i + bq] = oi / li
        lse[:, :, i:i + bq] = (mi + li.log()).squeeze(-1)
    return out, lse
