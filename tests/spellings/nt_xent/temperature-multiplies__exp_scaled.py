import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    n = z1.shape[0]
    a, b = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
    z = torch.cat([a, b])
    e = torch.exp(z @ z.T * temperature)
    e = e * (1 - torch.eye(2 * n, dtype=z.dtype))
    pos = torch.exp((a * b).sum(1) * temperature)
    pos = torch.cat([pos, pos])
    return (-torch.log(pos / e.sum(1))).mean()
