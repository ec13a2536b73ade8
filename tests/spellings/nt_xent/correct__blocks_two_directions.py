import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    a = F.normalize(z1, dim=-1)
    b = F.normalize(z2, dim=-1)
    n = a.shape[0]
    ab = a @ b.T / temperature
    aa = a @ a.T / temperature
    bb = b @ b.T / temperature
    eye = torch.eye(n, dtype=torch.bool)
    aa = aa.masked_fill(eye, -1e9)
    bb = bb.masked_fill(eye, -1e9)
    labels = torch.arange(n)
    loss_a = F.cross_entropy(torch.cat([ab, aa], dim=1), labels)
    loss_b = F.cross_entropy(torch.cat([ab.T, bb], dim=1), labels)
    return (loss_a + loss_b) / 2
