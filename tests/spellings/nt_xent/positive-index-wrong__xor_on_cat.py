import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    m = z.shape[0]
    sim = (z @ z.T) / temperature
    sim.fill_diagonal_(-1e9)
    idx = torch.arange(m)
    pos = sim[idx, idx ^ 1]
    return (torch.logsumexp(sim, 1) - pos).mean()
