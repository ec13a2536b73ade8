import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    std = torch.exp(0.5 * logvar.detach())
    return mu + std * eps


def gaussian_kl(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)


def vae_loss(x, x_logits, mu, logvar):
    rec = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").flatten(1).sum(1)
    return (rec + gaussian_kl(mu, logvar)).mean()
