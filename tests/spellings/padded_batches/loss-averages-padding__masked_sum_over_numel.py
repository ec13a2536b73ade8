import torch


def pad_batch(seqs, pad_id, side="right"):
    n = max([len(s) for s in seqs] + [0])
    ids = torch.full((len(seqs), n), pad_id, dtype=torch.int64)
    mask = torch.zeros((len(seqs), n), dtype=torch.bool)
    for i, s in enumerate(seqs):
        off = n - len(s) if side == "left" else 0
        for j, t in enumerate(s):
            ids[i, off + j] = t
            mask[i, off + j] = True
    return ids, mask


def masked_mean(x, mask):
    keep = mask.unsqueeze(-1)
    total = torch.where(keep, x, 0.0).sum(1)
    return total / keep.sum(1).clamp_min(1)


def masked_token_loss(logits, targets, mask):
    logp = torch.log_softmax(logits, dim=-1)
    nll = -logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    nll = nll * mask.float()
    B, L = targets.shape
    return nll.sum() / (B * L)
