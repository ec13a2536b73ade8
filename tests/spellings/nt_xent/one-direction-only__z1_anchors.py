import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    a = F.normalize(z1, dim=1)
    b = F.normalize(z2, dim=1)
    n = a.shape[0]
    cross = a @ b.T / temperature
    within = (a @ a.T / temperature).masked_fill(torch.eye(n, dtype=torch.bool), float("-inf"))
    return F.cross_entropy(torch.cat([cross, within], dim=1), torch.arange(n))
