import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    L = max([len(s) for s in seqs] + [0])
    lens = torch.tensor([len(s) for s in seqs])
    pos = torch.arange(L).unsqueeze(0)
    mask = (pos >= L - lens.unsqueeze(1)) if side == "left" else (pos < lens.unsqueeze(1))
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.int64)
    ids[mask] = torch.tensor([t for s in seqs for t in s], dtype=torch.int64)
    return ids, mask


def masked_mean(x, mask):
    m = mask.unsqueeze(-1)
    return x.masked_fill(~m, 0).sum(1) / m.sum(1).clamp(min=1)


def masked_token_loss(logits, targets, mask):
    losses = []
    for b in range(logits.shape[0]):
        losses.append(F.cross_entropy(logits[b][mask[b]], targets[b][mask[b]]))
    return torch.stack(losses).mean()
