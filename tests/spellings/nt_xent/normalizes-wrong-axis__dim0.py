import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    N = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2], 0), dim=0)
    sim = torch.matmul(z, z.T) / temperature
    sim = sim.masked_fill(torch.eye(2 * N, dtype=torch.bool), -1e9)
    labels = (torch.arange(2 * N) + N) % (2 * N)
    return F.cross_entropy(sim, labels)
