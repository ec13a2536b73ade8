import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    with torch.no_grad():
        z = mu + torch.exp(logvar / 2) * eps
    return z


def gaussian_kl(mu, logvar):
    return 0.5 * torch.sum(mu ** 2 + logvar.exp() - 1 - logvar, dim=1)


def vae_loss(x, x_logits, mu, logvar):
    rec = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / x.shape[0]
    return rec + gaussian_kl(mu, logvar).mean()
