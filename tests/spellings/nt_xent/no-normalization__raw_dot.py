import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    N = z1.shape[0]
    z = torch.cat([z1, z2])
    sim = z @ z.T / temperature
    sim.fill_diagonal_(float("-inf"))
    target = torch.cat([torch.arange(N) + N, torch.arange(N)])
    return F.cross_entropy(sim, target)
