import torch


def pad_batch(seqs, pad_id, side="right"):
    L = max([len(s) for s in seqs] + [0])
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.int64)
    lengths = torch.tensor([len(s) for s in seqs])
    cols = torch.arange(L)[None, :]
    mask = cols >= (L - lengths)[:, None] if side == "left" else cols < lengths[:, None]
    for b, s in enumerate(seqs):
        ids[b][mask[b]] = torch.tensor(s, dtype=torch.int64)
    return ids, mask


def masked_mean(x, mask):
    B, L, d = x.shape
    total = (x * mask.unsqueeze(-1)).sum(dim=1)
    return total / L


def masked_token_loss(logits, targets, mask):
    lp = torch.log_softmax(logits, dim=-1)
    nll = -torch.gather(lp, -1, targets[..., None])[..., 0]
    return (nll * mask).sum() / mask.sum()
