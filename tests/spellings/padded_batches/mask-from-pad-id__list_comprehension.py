import torch


def pad_batch(seqs, pad_id, side="right"):
    n = max([len(s) for s in seqs] + [0])
    rows = []
    for s in seqs:
        fill = [pad_id] * (n - len(s))
        rows.append(fill + s if side == "left" else s + fill)
    mask = [[tok != pad_id for tok in row] for row in rows]
    ids = torch.tensor(rows, dtype=torch.int64).view(len(seqs), n)
    return ids, torch.tensor(mask, dtype=torch.bool).view(len(seqs), n)


def masked_mean(x, mask):
    keep = mask.unsqueeze(-1)
    s = torch.where(keep, x, torch.zeros_like(x)).sum(dim=1)
    c = keep.sum(dim=1).clamp(min=1).to(x.dtype)
    return s / c


def masked_token_loss(logits, targets, mask):
    logp = logits.log_softmax(-1)
    nll = -logp.gather(2, targets.unsqueeze(2)).squeeze(2)
    return nll[mask].mean()
