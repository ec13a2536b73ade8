import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def gaussian_kl(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)


def vae_loss(x, x_logits, mu, logvar):
    BCE = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum")
    KLD = gaussian_kl(mu, logvar).sum()
    return BCE + KLD
