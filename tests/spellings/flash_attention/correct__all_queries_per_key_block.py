import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    # every query at once, tiled over the keys only: memory grows with Lq * block_k
    Lq, d = q.shape[-2], q.shape[-1]
    Lk = k.shape[-2]
    q = q * (1.0 / math.sqrt(d))
    m = torch.full(q.shape[:-1] + (1,), float("-inf"))
    l = torch.zeros(q.shape[:-1] + (1,))
    acc = torch.zeros_like(q)
    qpos = torch.arange(Lq)[:, None]
    for j in range(0, Lk, block_k):
        s = q @ k[..., j:j + block_k, :].mT
        if causal:
            s = s.masked_fill(torch.arange(j, j + s.shape[-1])[None, :] > qpos, float("-inf"))
        m_new = torch.max(m, s.max(-1, keepdim=True).values)
        p = (s - m_new).exp()
        a = (m - m_new).exp()
        l = a * l + p.sum(-1, keepdim=True)
        acc = a * acc + p @ v[..., j:j + block_k, :]
        m = m_new
    return acc / l, (m + l.log()).squeeze(-1)
