import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    B, H, Lq, D = q.shape
    Lk = k.size(-2)
    scale = D ** -0.5
    out = torch.empty_like(q)
    lse = torch.empty(B, H, Lq, dtype=q.dtype)
    i = 0
    while i < Lq:
        qi = q[:, :, i:i + block_q]
        bq = qi.size(-2)
        mi = qi.new_full((B, H, bq, 1), -math.inf)
        li = qi.new_zeros((B, H, bq, 1))
        oi = qi.new_zeros((B, H, bq, D))
        last = i + bq if causal else Lk
        j = 0
        while j < min(last, Lk):
            kj, vj = k[:, :, j:j + block_k], v[:, :, j:j + block_k]
            sij = torch.einsum("bhqd,bhkd->bhqk", qi, kj) * scale
            if causal:
                qpos = torch.arange(i, i + bq).unsqueeze(1)
                kpos = torch.arange(j, j + kj.size(-2)).unsqueeze(0)
                sij = sij + torch.where(kpos > qpos, -math.inf, 0.0)
            mij = torch.maximum(mi, sij.amax(-1, keepdim=True))
            pij = (sij - mij).exp()
            corr = (mi - mij).exp()
            li = corr * li + pij.sum(-1, keepdim=True)
            oi = corr * oi + torch.einsum("bhqk,bhkd->bhqd", pij, vj)
            mi = mij
            j += block_k
        out[:, :, i:i + bq] = oi / li
        lse[:, :, i:i + bq] = (mi + li.log()).squeeze(-1)
        i += block_q
    return out, lse
