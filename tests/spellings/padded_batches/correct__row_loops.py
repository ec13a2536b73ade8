import torch


def pad_batch(seqs, pad_id, side="right"):
    L = 0
    for s in seqs:
        L = max(L, len(s))
    ids = torch.empty(len(seqs), L, dtype=torch.int64).fill_(pad_id)
    mask = torch.zeros(len(seqs), L).bool()
    for i, s in enumerate(seqs):
        for j, tok in enumerate(s):
            col = L - len(s) + j if side == "left" else j
            ids[i, col] = tok
            mask[i, col] = True
    return ids, mask


def masked_mean(x, mask):
    out = []
    for b in range(x.shape[0]):
        rows = x[b][mask[b]]
        out.append(rows.mean(0) if rows.shape[0] > 0 else x.new_zeros(x.shape[-1]))
    return torch.stack(out)


def masked_token_loss(logits, targets, mask):
    lse = torch.logsumexp(logits, dim=-1)
    picked = torch.take_along_dim(logits, targets[..., None], dim=-1)[..., 0]
    nll = lse - picked
    return torch.where(mask, nll, torch.zeros_like(nll)).sum() / mask.sum()
