"""A variational autoencoder's sampling step and loss: reparameterisation, Gaussian KL, and the ELBO."""

import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    """z = mu + sigma * eps with sigma = exp(logvar / 2): a sample that autograd can differentiate."""
    std = torch.exp(0.5 * logvar)  # [B, d], sigma = sqrt(exp(logvar))
    return mu + std * eps  # [B, d]


def gaussian_kl(mu, logvar):
    """KL(N(mu, exp(logvar)) || N(0, I)) for each example, summed over the latent dims."""
    # per dim: 0.5 * (mu^2 + sigma^2 - 1 - log sigma^2)
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)  # [B]


def vae_loss(x, x_logits, mu, logvar):
    """Negative ELBO: per example, Bernoulli reconstruction summed over features plus KL; mean over the batch."""
    bce = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none")  # [B, ...]
    recon = bce.flatten(1).sum(dim=1)  # [B], summed over every non-batch dim
    kl = gaussian_kl(mu, logvar)  # [B]
    return (recon + kl).mean()  # scalar
