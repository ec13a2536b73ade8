import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    L = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.int64)
    mask = torch.zeros(len(seqs), L, dtype=torch.bool)
    for i, s in enumerate(seqs):
        if side == "left":
            sl = slice(L - len(s), L)
        else:
            sl = slice(0, len(s))
        ids[i, sl] = torch.tensor(s, dtype=torch.int64)
        mask[i, sl] = True
    return ids, mask


def masked_mean(x, mask):
    m = mask.unsqueeze(-1).float()
    return (x * m).sum(1) / m.sum(1)


def masked_token_loss(logits, targets, mask):
    B, L, V = logits.shape
    losses = F.cross_entropy(logits.reshape(B * L, V), targets.reshape(-1), reduction="none")
    return (losses * mask.reshape(-1)).sum() / mask.sum()
