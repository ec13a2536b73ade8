import torch


def attend_head(q, k, v, causal, bq, bk):
    Lq, d = q.shape
    Lk = k.shape[0]
    out = []
    lse = []
    for a in range(0, Lq, bq):
        qa = q[a:a + bq] * d ** -0.5
        mx = torch.full((qa.shape[0],), float("-inf"))
        tot = torch.zeros(qa.shape[0])
        o = torch.zeros(qa.shape[0], d)
        for b in range(0, min(Lk, a + bq) if causal else Lk, bk):
            s = torch.einsum("qd,kd->qk", qa, k[b:b + bk])
            if causal:
                r = torch.arange(s.shape[0]).unsqueeze(1)  # row inside the tile
                c = torch.arange(s.shape[1]).unsqueeze(0)  # column inside the tile
                s = torch.where(c <= r, s, torch.full_like(s, float("-inf")))
            new_mx = torch.maximum(mx, s.max(dim=1).values)
            e = torch.exp(s - new_mx[:, None])
            f = torch.exp(mx - new_mx)
            tot = tot * f + e.sum(dim=1)
            o = o * f[:, None] + torch.einsum("qk,kd->qd", e, v[b:b + bk])
            mx = new_mx
        out.append(o / tot[:, None])
        lse.append(mx + torch.log(tot))
    return torch.cat(out), torch.cat(lse)


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    B, H = q.shape[0], q.shape[1]
    res = [[attend_head(q[b, h], k[b, h], v[b, h], causal, block_q, block_k) for h in range(H)] for b in range(B)]
    out = torch.stack([torch.stack([r[0] for r in row]) for row in res])
    lse = torch.stack([torch.stack([r[1] for r in row]) for row in res])
    return out, lse
