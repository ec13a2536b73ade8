import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    N = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = z @ z.T / temperature
    mask = torch.eye(2 * N, dtype=torch.bool)
    sim = sim.masked_fill(mask, float("-inf"))
    labels = torch.cat([torch.arange(N), torch.arange(N)])
    return F.cross_entropy(sim, labels)
