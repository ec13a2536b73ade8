import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    n = z1.size(0)
    cross = z1 @ z2.T / temperature
    within1 = (z1 @ z1.T / temperature).masked_fill(torch.eye(n, dtype=torch.bool), float("-inf"))
    within2 = (z2 @ z2.T / temperature).masked_fill(torch.eye(n, dtype=torch.bool), float("-inf"))
    labels = torch.arange(n)
    l1 = F.cross_entropy(torch.cat([cross, within1], 1), labels)
    l2 = F.cross_entropy(torch.cat([cross.T, within2], 1), labels)
    return 0.5 * (l1 + l2)
