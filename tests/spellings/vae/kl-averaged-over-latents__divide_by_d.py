import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return eps.mul(torch.exp(0.5 * logvar)).add(mu)


def gaussian_kl(mu, logvar):
    d = mu.shape[1]
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)
    return kl.sum(dim=1) / d


def vae_loss(x, x_logits, mu, logvar):
    n = x.shape[0]
    rec = F.binary_cross_entropy_with_logits(x_logits.view(n, -1), x.view(n, -1), reduction="none").sum(1)
    return (rec + gaussian_kl(mu, logvar)).mean()
