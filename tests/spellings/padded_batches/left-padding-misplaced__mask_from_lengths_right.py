import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence


def pad_batch(seqs, pad_id, side="right"):
    lengths = torch.tensor([len(s) for s in seqs])
    rows = [torch.tensor(s, dtype=torch.long) for s in seqs]
    if side == "left":
        ids = pad_sequence([r.flip(0) for r in rows], batch_first=True, padding_value=pad_id).flip(1)
    else:
        ids = pad_sequence(rows, batch_first=True, padding_value=pad_id)
    mask = torch.arange(ids.shape[1])[None, :] < lengths[:, None]
    return ids, mask


def masked_mean(x, mask):
    w = mask.float()
    return torch.einsum("bl,bld->bd", w, x) / w.sum(-1, keepdim=True).clamp(min=1)


def masked_token_loss(logits, targets, mask):
    ce = F.cross_entropy(logits.flatten(0, 1), targets.flatten(), reduction="none")
    keep = mask.flatten()
    return ce[keep].sum() / keep.sum()
