import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    width = max([len(s) for s in seqs], default=0)
    ids, mask = [], []
    for s in seqs:
        k = width - len(s)
        ids.append(([pad_id] * k + s) if side == "left" else (s + [pad_id] * k))
        mask.append(([0] * k + [1] * len(s)) if side == "left" else ([1] * len(s) + [0] * k))
    return torch.tensor(ids).long().reshape(len(seqs), width), torch.tensor(mask).bool().reshape(len(seqs), width)


def masked_mean(x, mask):
    w = mask.float()[:, :, None]
    s = (x * w).sum(dim=1)
    n = w.sum(dim=1)
    return torch.where(n > 0, s / n, torch.zeros_like(s))


def masked_token_loss(logits, targets, mask):
    ce = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    return ce.masked_select(mask).mean()
