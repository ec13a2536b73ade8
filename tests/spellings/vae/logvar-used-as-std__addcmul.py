import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    sigma = logvar  # encoder head gives the spread
    return torch.addcmul(mu, eps, sigma)


def gaussian_kl(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu * mu - torch.exp(logvar), -1)


def vae_loss(x, x_logits, mu, logvar):
    B = x.shape[0]
    bce = F.binary_cross_entropy_with_logits(x_logits.reshape(B, -1), x.reshape(B, -1), reduction="none")
    return (bce.sum(1) + gaussian_kl(mu, logvar)).mean()
