import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    B, H, Lq, d = q.shape
    Lk = k.shape[-2]
    outs, lses = [], []
    for qi in range(math.ceil(Lq / block_q)):
        q_blk = q[:, :, qi * block_q:(qi + 1) * block_q] / math.sqrt(d)
        nq = q_blk.shape[2]
        m = torch.full(q_blk.shape[:3], float("-inf"))
        l = torch.zeros(q_blk.shape[:3])
        acc = torch.zeros_like(q_blk)
        for kj in range(math.ceil(Lk / block_k)):
            if causal and kj * block_k >= (qi + 1) * block_q:
                break
            k_blk = k[:, :, kj * block_k:(kj + 1) * block_k]
            s = q_blk @ k_blk.transpose(-2, -1)
            if causal:
                keep = torch.tril(torch.ones(nq, k_blk.shape[2], dtype=torch.bool))
                s = s.masked_fill(~keep, float("-inf"))
            m_new = torch.maximum(m, s.amax(-1))
            p = torch.exp(s - m_new[..., None])
            a = torch.exp(m - m_new)
            l = a * l + p.sum(-1)
            acc = a[..., None] * acc + p @ v[:, :, kj * block_k:(kj + 1) * block_k]
            m = m_new
        outs.append(acc / l[..., None])
        lses.append(m + torch.log(l))
    return torch.cat(outs, -2), torch.cat(lses, -1)
