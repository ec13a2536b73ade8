import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(logvar / 2) * eps


def gaussian_kl(mu, logvar):
    return torch.sum(mu ** 2 + torch.exp(logvar) - logvar - 1, dim=-1)


def vae_loss(x, x_logits, mu, logvar):
    rec = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").flatten(1).sum(1)
    return (rec + gaussian_kl(mu, logvar)).mean()
