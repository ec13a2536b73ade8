import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    dtype = mu.dtype
    z = mu.float() + torch.exp(logvar.float() / 2) * eps.float()
    return z.to(dtype)


def gaussian_kl(mu, logvar):
    mu, logvar = mu.float(), logvar.float()
    kl = torch.zeros(mu.shape[0])
    for j in range(mu.shape[1]):
        kl = kl + 0.5 * (mu[:, j] ** 2 + torch.exp(logvar[:, j]) - 1 - logvar[:, j])
    return kl


def vae_loss(x, x_logits, mu, logvar):
    x, l = x.float(), x_logits.float()
    log_p = x * F.logsigmoid(l) + (1 - x) * F.logsigmoid(-l)
    dims = tuple(range(1, x.dim()))
    rec = -log_p.sum(dim=dims)
    return torch.mean(rec + gaussian_kl(mu, logvar))
