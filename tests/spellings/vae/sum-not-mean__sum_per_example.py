import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return torch.exp(0.5 * logvar) * eps + mu


def gaussian_kl(mu, logvar):
    return 0.5 * (mu.pow(2) + torch.exp(logvar) - 1 - logvar).sum(-1)


def vae_loss(x, x_logits, mu, logvar):
    per = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").flatten(1).sum(1)
    per = per + gaussian_kl(mu, logvar)
    return per.sum()
