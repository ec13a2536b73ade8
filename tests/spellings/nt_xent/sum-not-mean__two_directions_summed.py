import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    a, b = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
    n = a.shape[0]
    eye = torch.eye(n, dtype=torch.bool)
    ab = a @ b.T / temperature
    aa = (a @ a.T / temperature).masked_fill(eye, float("-inf"))
    bb = (b @ b.T / temperature).masked_fill(eye, float("-inf"))
    t = torch.arange(n)
    l1 = F.cross_entropy(torch.cat([ab, aa], 1), t, reduction="none")
    l2 = F.cross_entropy(torch.cat([ab.T, bb], 1), t, reduction="none")
    return l1.sum() + l2.sum()
