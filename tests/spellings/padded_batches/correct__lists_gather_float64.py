import torch


def pad_batch(seqs, pad_id, side="right"):
    width = max([len(s) for s in seqs] + [0])
    rows, masks = [], []
    for s in seqs:
        gap = width - len(s)
        if side == "left":
            rows.append([pad_id] * gap + list(s))
            masks.append([False] * gap + [True] * len(s))
        else:
            rows.append(list(s) + [pad_id] * gap)
            masks.append([True] * len(s) + [False] * gap)
    return (torch.tensor(rows, dtype=torch.int64).reshape(len(seqs), width),
            torch.tensor(masks, dtype=torch.bool).reshape(len(seqs), width))


def masked_mean(x, mask):
    w = mask.double()
    num = torch.einsum("bl,bld->bd", w, x.double())
    den = torch.maximum(w.sum(1), torch.ones(()))[:, None]
    return (num / den).to(x.dtype)


def masked_token_loss(logits, targets, mask):
    logp = torch.log_softmax(logits.double(), dim=-1)
    nll = -logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return nll.masked_select(mask).mean().float()
