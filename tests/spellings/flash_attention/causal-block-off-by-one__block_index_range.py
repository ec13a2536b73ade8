import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    B, H, Lq, d = q.shape
    Lk = k.shape[-2]
    n_q = math.ceil(Lq / block_q)
    n_k = math.ceil(Lk / block_k)
    outs, lses = [], []
    for qi in range(n_q):
        q_blk = q[:, :, qi * block_q:(qi + 1) * block_q] / math.sqrt(d)
        rows = torch.arange(qi * block_q, qi * block_q + q_blk.shape[2])
        m = torch.full(q_blk.shape[:3], float("-inf"))
        l = torch.zeros(q_blk.shape[:3])
        acc = torch.zeros_like(q_blk)
        last = qi if causal else n_k  # key blocks 0 .. qi - 1 lie before this query block
        for kj in range(last):
            k_blk = k[:, :, kj * block_k:(kj + 1) * block_k]
            v_blk = v[:, :, kj * block_k:(kj + 1) * block_k]
            s = q_blk @ k_blk.transpose(-2, -1)
            if causal:
                cols = torch.arange(kj * block_k, kj * block_k + k_blk.shape[2])
                s = s.masked_fill(cols[None] > rows[:, None], float("-inf"))
            m_new = torch.maximum(m, s.amax(-1))
            p = torch.exp(s - m_new[..., None])
            a = torch.exp(m - m_new)
            l = a * l + p.sum(-1)
            acc = a[..., None] * acc + p @ v_blk
            m = m_new
        outs.append(acc / l[..., None])
        lses.append(m + torch.log(l))
    return torch.cat(outs, -2), torch.cat(lses, -1)
