import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    L = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.long)
    for i, s in enumerate(seqs):
        if len(s) == 0:
            continue
        if side == "left":
            ids[i, L - len(s):] = torch.tensor(s)
        else:
            ids[i, :len(s)] = torch.tensor(s)
    mask = ids != pad_id
    return ids, mask


def masked_mean(x, mask):
    m = mask[..., None].float()
    return (x * m).sum(1) / m.sum(1).clamp(min=1)


def masked_token_loss(logits, targets, mask):
    V = logits.shape[-1]
    ce = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1), reduction="none")
    m = mask.reshape(-1).float()
    return (ce * m).sum() / m.sum()
