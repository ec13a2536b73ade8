import torch


def _one_head(q, k, v, causal, bq, bk):
    """q [Lq, d], k, v [Lk, d]: FlashAttention-2 style, carrying the running logsumexp."""
    Lq, d = q.shape
    Lk = k.shape[0]
    outs, lses = [], []
    for start in range(0, Lq, bq):
        qs = q[start:start + bq] * d ** -0.5
        n = qs.shape[0]
        lse = torch.full((n,), float("-inf"))
        o = torch.zeros(n, v.shape[1])
        for ks in range(0, Lk, bk):
            if causal and ks >= start + n:
                continue
            s = torch.einsum("id,jd->ij", qs, k[ks:ks + bk])
            if causal:
                future = torch.arange(ks, ks + s.shape[1])[None, :] > torch.arange(start, start + n)[:, None]
                s = s.masked_fill(future, float("-inf"))
            new_lse = torch.logaddexp(lse, torch.logsumexp(s, dim=1))
            o = o * torch.exp(lse - new_lse)[:, None] + torch.exp(s - new_lse[:, None]) @ v[ks:ks + bk]
            lse = new_lse
        outs.append(o)
        lses.append(lse)
    return torch.cat(outs), torch.cat(lses)


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    B, H = q.shape[:2]
    rows_out, rows_lse = [], []
    for b in range(B):
        heads = [_one_head(q[b, h], k[b, h], v[b, h], causal, block_q, block_k) for h in range(H)]
        rows_out.append(torch.stack([o for o, _ in heads]))
        rows_lse.append(torch.stack([s for _, s in heads]))
    out = torch.stack(rows_out)
    lse = torch.stack(rows_lse)
    return out, lse
