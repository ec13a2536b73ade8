import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    L = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.long)
    mask = torch.zeros(len(seqs), L, dtype=torch.bool)
    for b, s in enumerate(seqs):
        start = L - len(s) if side == "left" else 0
        ids[b, start:start + len(s)] = torch.tensor(s, dtype=torch.long)
        mask[b, start:start + len(s)] = True
    return ids, mask


def masked_mean(x, mask):
    m = mask.unsqueeze(-1).type_as(x)
    return (x * m).sum(1) / m.sum(1).clamp(min=1)


def masked_token_loss(logits, targets, mask):
    V = logits.shape[-1]
    return F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
