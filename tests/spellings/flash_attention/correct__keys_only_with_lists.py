import math

import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    """Query blocks of block_q; the key loop keeps its state in plain Python lists of tensors."""
    d = q.shape[-1]
    Lk = k.shape[-2]
    out_chunks = []
    lse_chunks = []
    for q_chunk, q0 in zip(q.split(block_q, dim=2), range(0, q.shape[2], block_q)):
        q_chunk = q_chunk / math.sqrt(d)
        m = None
        for k_chunk, v_chunk, k0 in zip(k.split(block_k, dim=2), v.split(block_k, dim=2), range(0, Lk, block_k)):
            if causal and k0 > q0 + q_chunk.shape[2] - 1:
                break
            s = torch.matmul(q_chunk, k_chunk.transpose(-1, -2))
            if causal:
                rows = torch.arange(q_chunk.shape[2]).view(-1, 1) + q0
                cols = torch.arange(k_chunk.shape[2]).view(1, -1) + k0
                s = s.masked_fill(cols > rows, -float("inf"))
            block_max = s.max(dim=-1, keepdim=True).values
            if m is None:
                m = block_max
                p = torch.exp(s - m)
                l = p.sum(-1, keepdim=True)
                acc = torch.matmul(p, v_chunk)
            else:
                m_next = torch.maximum(m, block_max)
                p = torch.exp(s - m_next)
                shrink = torch.exp(m - m_next)
                l = l * shrink + p.sum(-1, keepdim=True)
                acc = acc * shrink + torch.matmul(p, v_chunk)
                m = m_next
        out_chunks.append(acc / l)
        lse_chunks.append((m + torch.log(l)).squeeze(-1))
    return torch.cat(out_chunks, dim=2), torch.cat(lse_chunks, dim=2)
