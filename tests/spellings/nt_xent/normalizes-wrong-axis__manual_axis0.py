import torch


def nt_xent_loss(z1, z2, temperature=0.5):
    z = torch.cat([z1, z2])
    z = z / z.norm(dim=0, keepdim=True)
    n2 = z.shape[0]
    s = z @ z.T / temperature
    s = s - 1e9 * torch.eye(n2, dtype=z.dtype)
    pos = torch.cat([torch.arange(n2 // 2, n2), torch.arange(0, n2 // 2)])
    return (torch.logsumexp(s, dim=1) - s[torch.arange(n2), pos]).mean()
