import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    L = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.int64)
    mask = torch.zeros(len(seqs), L, dtype=torch.bool)
    for b, s in enumerate(seqs):
        start = L - len(s) if side == "left" else 0
        ids[b, start:start + len(s)] = torch.tensor(s, dtype=torch.int64)
        mask[b, start:start + len(s)] = True
    return ids, mask


def masked_mean(x, mask):
    w = mask.float().unsqueeze(-1)
    return (x * w).sum(1) / w.sum(1).clamp(min=1.0)


def masked_token_loss(logits, targets, mask):
    ce = F.cross_entropy(logits.permute(0, 2, 1), targets, reduction="none")  # B, L
    w = mask.float()
    per_seq = (ce * w).sum(dim=1) / w.sum(dim=1)
    return per_seq.mean()
