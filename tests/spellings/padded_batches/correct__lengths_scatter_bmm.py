import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.long)
    L = int(lengths.max()) if len(seqs) else 0
    cols = torch.arange(L)
    if side == "left":
        mask = cols[None, :] >= (L - lengths)[:, None]
    else:
        mask = cols[None, :] < lengths[:, None]
    ids = torch.full((len(seqs), L), pad_id, dtype=torch.long)
    flat = torch.tensor([t for s in seqs for t in s], dtype=torch.long)
    ids[mask] = flat
    return ids, mask


def masked_mean(x, mask):
    w = mask.float().unsqueeze(1)  # B, 1, L
    total = torch.bmm(w, x).squeeze(1)
    count = w.sum(-1)
    safe = torch.where(count > 0, count, torch.ones_like(count))
    return total / safe


def masked_token_loss(logits, targets, mask):
    per_tok = F.cross_entropy(logits.permute(0, 2, 1), targets, reduction="none")
    return per_tok[mask].sum() / mask.sum()
