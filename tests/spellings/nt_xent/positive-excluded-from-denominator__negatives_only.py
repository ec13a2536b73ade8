import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    N = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = torch.exp(z @ z.T / temperature)
    pos = torch.exp((z[:N] * z[N:]).sum(-1) / temperature)
    pos = torch.cat([pos, pos])
    neg_mask = torch.ones(2 * N, 2 * N, dtype=torch.bool)
    neg_mask.fill_diagonal_(False)
    for i in range(N):
        neg_mask[i, i + N] = False
        neg_mask[i + N, i] = False
    neg = (sim * neg_mask).sum(1)
    return -torch.log(pos / neg).mean()
