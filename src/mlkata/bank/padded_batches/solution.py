import torch
import torch.nn.functional as F


def pad_batch(seqs, pad_id, side="right"):
    """Token lists -> (ids int64 [B, L_max], mask bool [B, L_max]); True marks a real token."""
    B, L = len(seqs), max((len(seq) for seq in seqs), default=0)
    ids = torch.full((B, L), pad_id, dtype=torch.int64)
    mask = torch.zeros(B, L, dtype=torch.bool)
    for b, seq in enumerate(seqs):
        n = len(seq)
        start = L - n if side == "left" else 0  # left padding: the tokens end in the last column
        ids[b, start:start + n] = torch.tensor(seq, dtype=torch.int64)
        mask[b, start:start + n] = True  # from the length, never from comparing with pad_id
    return ids, mask


def masked_mean(x, mask):
    """Mean of x [B, L, d] over the real tokens of each row -> [B, d]; a row without one gives zeros."""
    m = mask.unsqueeze(-1).to(x.dtype)  # (B, L, 1)
    total = (x * m).sum(dim=1)  # (B, d)
    count = m.sum(dim=1).clamp(min=1.0)  # (B, 1): an empty row divides 0 by 1, in both directions
    return total / count


def masked_token_loss(logits, targets, mask):
    """Cross-entropy summed over the real tokens of the batch, divided by their number."""
    B, L, V = logits.shape
    ce = F.cross_entropy(logits.reshape(B * L, V), targets.reshape(B * L), reduction="none").view(B, L)  # (B, L)
    m = mask.to(ce.dtype)  # (B, L)
    return (ce * m).sum() / m.sum()
