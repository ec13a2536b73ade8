import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    """Exact scaled dot-product attention, one (query block, key block) tile at a time.

    q [B, H, Lq, d], k, v [B, H, Lk, d] -> (out [B, H, Lq, d], lse [B, H, Lq]).
    An online softmax (running max, running sum, rescaled accumulator) replaces the full
    [Lq, Lk] score matrix: memory grows with block_q * block_k, not with Lq * Lk.
    """
    B, H, Lq, d = q.shape
    Lk = k.shape[-2]
    scale = 1.0 / math.sqrt(d)
    outs, lses = [], []
    for i0 in range(0, Lq, block_q):
        qi = q[:, :, i0:i0 + block_q]  # (B, H, bq, d)
        bq = qi.shape[-2]
        m = torch.full((B, H, bq), float("-inf"), dtype=q.dtype, device=q.device)  # running max
        l = torch.zeros(B, H, bq, dtype=q.dtype, device=q.device)  # running sum of exp(s - m)
        acc = torch.zeros(B, H, bq, d, dtype=q.dtype, device=q.device)  # running sum of exp(s - m) * v
        rows = torch.arange(i0, i0 + bq, device=q.device)  # absolute query positions
        k_end = min(Lk, i0 + bq) if causal else Lk  # causal: no key after the block's last query is visible
        for j0 in range(0, k_end, block_k):
            kj = k[:, :, j0:j0 + block_k]  # (B, H, bk, d)
            vj = v[:, :, j0:j0 + block_k]  # (B, H, bk, d)
            s = (qi @ kj.transpose(-2, -1)) * scale  # (B, H, bq, bk)
            if causal:
                cols = torch.arange(j0, j0 + kj.shape[-2], device=q.device)  # absolute key positions
                s = s.masked_fill(cols[None, :] > rows[:, None], float("-inf"))  # key j <= query i
            m_new = torch.maximum(m, s.amax(dim=-1))  # (B, H, bq): finite once a row has seen a key
            alpha = torch.exp(m - m_new)  # (B, H, bq): rescales what was summed under the old max
            p = torch.exp(s - m_new[..., None])  # (B, H, bq, bk)
            l = alpha * l + p.sum(dim=-1)
            acc = alpha[..., None] * acc + p @ vj  # (B, H, bq, d)
            m = m_new
        outs.append(acc / l[..., None])  # (B, H, bq, d)
        lses.append(m + torch.log(l))  # (B, H, bq)
    return torch.cat(outs, dim=-2), torch.cat(lses, dim=-1)
