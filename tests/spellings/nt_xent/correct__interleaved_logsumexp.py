import torch


def nt_xent_loss(z1, z2, temperature=0.5):
    n, d = z1.shape
    z = torch.stack([z1, z2], dim=1).reshape(2 * n, d)  # rows 2i, 2i+1 are a pair
    z = z / z.norm(dim=1, keepdim=True)
    logits = torch.einsum("id,jd->ij", z, z) / temperature
    logits = logits - torch.diag(torch.full((2 * n,), float("inf"), dtype=z.dtype))
    idx = torch.arange(2 * n)
    pos = logits[idx, idx ^ 1]
    return (torch.logsumexp(logits, dim=1) - pos).mean()
