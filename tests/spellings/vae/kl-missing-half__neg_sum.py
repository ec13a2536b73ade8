import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    std = (logvar * 0.5).exp()
    return mu + std * eps


def gaussian_kl(mu, logvar):
    per_dim = 1 + logvar - mu.pow(2) - logvar.exp()
    return -per_dim.sum(dim=1)


def vae_loss(x, x_logits, mu, logvar):
    b = x.size(0)
    rec = F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum")
    return rec / b + gaussian_kl(mu, logvar).sum() / b
