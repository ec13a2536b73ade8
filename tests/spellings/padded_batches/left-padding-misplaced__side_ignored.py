import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    B = len(seqs)
    L = max((len(s) for s in seqs), default=0)
    ids = torch.full((B, L), pad_id, dtype=torch.int64)
    mask = torch.zeros((B, L), dtype=torch.bool)
    for b in range(B):
        n = len(seqs[b])
        ids[b, :n] = torch.as_tensor(seqs[b], dtype=torch.int64)
        mask[b, :n] = True
    return ids, mask


def masked_mean(x, mask):
    m = mask.to(x.dtype).unsqueeze(-1)
    return (x * m).sum(dim=1) / m.sum(dim=1).clamp(min=1.0)


def masked_token_loss(logits, targets, mask):
    ce = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    return (ce * mask).sum() / mask.sum()
