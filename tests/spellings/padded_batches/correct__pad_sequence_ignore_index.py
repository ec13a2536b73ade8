import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence


def pad_batch(seqs, pad_id, side="right"):
    tensors = [torch.tensor(s, dtype=torch.long) for s in seqs]
    ones = [torch.ones(len(s), dtype=torch.bool) for s in seqs]
    if side == "left":
        ids = pad_sequence([t.flip(0) for t in tensors], batch_first=True, padding_value=pad_id).flip(1)
        mask = pad_sequence([o.flip(0) for o in ones], batch_first=True, padding_value=False).flip(1)
    else:
        ids = pad_sequence(tensors, batch_first=True, padding_value=pad_id)
        mask = pad_sequence(ones, batch_first=True, padding_value=False)
    return ids, mask


def masked_mean(x, mask):
    summed = x.masked_fill(~mask.unsqueeze(-1), 0.0).sum(dim=1)
    n = mask.sum(dim=1, keepdim=True).clamp_min(1)
    return summed / n


def masked_token_loss(logits, targets, mask):
    t = targets.masked_fill(~mask, -100)
    return F.cross_entropy(logits.flatten(0, 1), t.flatten(), ignore_index=-100)
