import torch


def nt_xent_loss(z1, z2, temperature=0.5):
    dtype = z1.dtype
    z = torch.cat((z1, z2)).float()
    z = z / torch.sqrt((z * z).sum(1, keepdim=True))
    n2 = z.shape[0]
    n = n2 // 2
    sim = torch.mm(z, z.t()) / temperature
    total = torch.zeros((), dtype=torch.float32)
    for i in range(n2):
        j = (i + n) % n2
        others = torch.cat([sim[i, :i], sim[i, i + 1:]])
        total = total + torch.logsumexp(others, 0) - sim[i, j]
    return (total / n2).to(dtype)
