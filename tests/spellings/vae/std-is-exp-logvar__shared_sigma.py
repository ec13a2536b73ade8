import torch
import torch.nn.functional as F


def _sigma(logvar):
    return torch.exp(logvar)


def reparameterize(mu, logvar, eps):
    return mu + _sigma(logvar) * eps


def gaussian_kl(mu, logvar):
    s = _sigma(logvar)
    return 0.5 * torch.sum(mu ** 2 + s ** 2 - 1 - 2 * torch.log(s), dim=-1)


def vae_loss(x, x_logits, mu, logvar):
    rec = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / x.shape[0]
    return rec + gaussian_kl(mu, logvar).mean()
