import torch


def pad_batch(seqs, pad_id, side="right"):
    L = max((len(s) for s in seqs), default=0)
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids, dtype=torch.bool)
    for b, s in enumerate(seqs):
        if s:
            if side == "left":
                ids[b, -len(s):] = torch.tensor(s)
                mask[b, -len(s):] = True
            else:
                ids[b, :len(s)] = torch.tensor(s)
                mask[b, :len(s)] = True
    return ids, mask


def masked_mean(x, mask):
    m = mask[..., None].to(x.dtype)
    avg = (x * m).sum(1) / m.sum(1)
    return torch.nan_to_num(avg, nan=0.0)


def masked_token_loss(logits, targets, mask):
    nll = torch.logsumexp(logits, -1) - logits.gather(-1, targets[..., None]).squeeze(-1)
    return (nll * mask).sum() / mask.sum()
