import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    L = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.long)
    mask = torch.zeros(len(seqs), L, dtype=torch.bool)
    for b, s in enumerate(seqs):
        lo = L - len(s) if side == "left" else 0
        ids[b, lo:lo + len(s)] = torch.tensor(s, dtype=torch.long)
        mask[b, lo:lo + len(s)] = True
    return ids, mask


def masked_mean(x, mask):
    return x.masked_fill(~mask[..., None], 0.0).mean(dim=1)


def masked_token_loss(logits, targets, mask):
    V = logits.size(-1)
    ce = F.cross_entropy(logits.view(-1, V), targets.view(-1), reduction="none").view_as(targets)
    return ce[mask].mean()
