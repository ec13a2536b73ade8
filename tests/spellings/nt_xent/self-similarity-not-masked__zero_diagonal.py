import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=-1)
    sim = z @ z.T
    sim = sim * (1 - torch.eye(2 * n, dtype=z.dtype))  # drop self pairs
    sim = sim / temperature
    labels = torch.cat([torch.arange(n) + n, torch.arange(n)])
    return F.cross_entropy(sim, labels)
