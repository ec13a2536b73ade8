import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + logvar * eps


def gaussian_kl(mu, logvar):
    return 0.5 * torch.sum(mu.pow(2) + logvar.exp() - 1 - logvar, dim=-1)


def vae_loss(x, x_logits, mu, logvar):
    rec = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none")
    rec = rec.view(x.shape[0], -1).sum(1)
    return torch.mean(rec + gaussian_kl(mu, logvar))
