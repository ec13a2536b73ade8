import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    e = torch.exp(z @ z.T / temperature)
    pos_e = torch.cat([torch.diagonal(e, n), torch.diagonal(e, -n)])
    denom = e.sum(1) - torch.diagonal(e) - pos_e
    return (torch.log(denom) - torch.log(pos_e)).mean()
