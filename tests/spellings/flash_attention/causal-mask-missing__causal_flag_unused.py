import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    B, H, Lq, d = q.shape
    Lk = k.shape[2]
    outs, lses = [], []
    for i in range(0, Lq, block_q):
        qb = q[:, :, i:i + block_q] / math.sqrt(d)
        n = qb.shape[2]
        m = torch.full((B, H, n, 1), -float("inf"))
        l = torch.zeros(B, H, n, 1)
        acc = torch.zeros(B, H, n, d)
        for j in range(0, Lk, block_k):
            s = qb @ k[:, :, j:j + block_k].transpose(-1, -2)
            m_new = torch.maximum(m, s.max(-1, keepdim=True).values)
            p = torch.exp(s - m_new)
            c = torch.exp(m - m_new)
            l = l * c + p.sum(-1, keepdim=True)
            acc = acc * c + p @ v[:, :, j:j + block_k]
            m = m_new
        outs.append(acc / l)
        lses.append((m + l.log())[..., 0])
    return torch.cat(outs, 2), torch.cat(lses, 2)
