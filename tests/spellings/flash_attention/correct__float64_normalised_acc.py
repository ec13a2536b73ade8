import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    # float64 inside; the accumulator is kept normalised after every key block
    B, H, Lq, d = q.shape
    Lk = k.shape[2]
    qd, kd, vd = q.double() / math.sqrt(d), k.double(), v.double()
    out_blocks, lse_blocks = [], []
    for qb in range(math.ceil(Lq / block_q)):
        lo, hi = qb * block_q, min((qb + 1) * block_q, Lq)
        Q = qd[:, :, lo:hi]
        row_max = torch.full(Q.shape[:-1], -math.inf, dtype=torch.float64)
        denom = torch.zeros(Q.shape[:-1], dtype=torch.float64)
        o = torch.zeros(*Q.shape[:-1], d, dtype=torch.float64)
        for kb in range(math.ceil(Lk / block_k)):
            klo, khi = kb * block_k, min((kb + 1) * block_k, Lk)
            if causal and klo > hi - 1:
                break
            S = Q @ kd[:, :, klo:khi].transpose(2, 3)
            if causal:
                qi = torch.arange(lo, hi).view(-1, 1)
                kj = torch.arange(klo, khi).view(1, -1)
                S = torch.where(kj <= qi, S, torch.tensor(-math.inf, dtype=S.dtype))
            new_max = torch.max(row_max, S.max(dim=3).values)
            P = torch.exp(S - new_max.unsqueeze(3))
            new_denom = torch.exp(row_max - new_max) * denom + P.sum(3)
            o = (o * (denom * torch.exp(row_max - new_max) / new_denom).unsqueeze(3)
                 + (P @ vd[:, :, klo:khi]) / new_denom.unsqueeze(3))
            row_max, denom = new_max, new_denom
        out_blocks.append(o)
        lse_blocks.append(row_max + denom.log())
    return torch.cat(out_blocks, 2), torch.cat(lse_blocks, 2)
