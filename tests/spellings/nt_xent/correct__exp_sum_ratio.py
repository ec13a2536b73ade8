import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    N = len(z1)
    reps = F.normalize(torch.cat([z1, z2]), p=2, dim=1)
    cos = F.cosine_similarity(reps[:, None, :], reps[None, :, :], dim=-1)
    logits = cos / temperature
    logits = logits - logits.max(dim=1, keepdim=True).values.detach()
    not_self = ~torch.eye(2 * N, dtype=torch.bool)
    e = torch.exp(logits) * not_self
    pos_idx = torch.cat([torch.arange(N) + N, torch.arange(N)])
    pos = e[torch.arange(2 * N), pos_idx]
    return -torch.log(pos / e.sum(dim=1)).mean()
