import torch
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence


def reparameterize(mu, logvar, eps):
    return mu + torch.sqrt(torch.exp(logvar)) * eps


def gaussian_kl(mu, logvar):
    q = Normal(mu, torch.exp(0.5 * logvar))
    p = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return kl_divergence(q, p).sum(dim=-1)


def vae_loss(x, x_logits, mu, logvar):
    B = x.shape[0]
    recon = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / B
    return recon + gaussian_kl(mu, logvar).mean()
