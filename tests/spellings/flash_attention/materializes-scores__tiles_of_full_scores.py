import torch


def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
    # the scores once, then the online softmax over their tiles
    Lq, d = q.shape[-2], q.shape[-1]
    Lk = k.shape[-2]
    S = torch.einsum("bhqd,bhkd->bhqk", q, k) * d ** -0.5
    if causal:
        S = torch.where(torch.arange(Lk)[None, :] <= torch.arange(Lq)[:, None], S, float("-inf"))
    outs, lses = [], []
    for i in range(0, Lq, block_q):
        m = l = acc = None
        for j in range(0, Lk, block_k):
            s = S[:, :, i:i + block_q, j:j + block_k]
            mb = s.amax(-1, keepdim=True)
            m_new = mb if m is None else torch.maximum(m, mb)
            p = torch.exp(s - m_new)
            pv = torch.einsum("bhqk,bhkd->bhqd", p, v[:, :, j:j + block_k])
            if m is None:
                l, acc = p.sum(-1, keepdim=True), pv
            else:
                c = torch.exp(m - m_new)
                l, acc = c * l + p.sum(-1, keepdim=True), c * acc + pv
            m = m_new
        outs.append(acc / l)
        lses.append((m + torch.log(l)).squeeze(-1))
    return torch.cat(outs, dim=2), torch.cat(lses, dim=2)
