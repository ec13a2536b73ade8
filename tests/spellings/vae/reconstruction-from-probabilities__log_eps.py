import torch


def reparameterize(mu, logvar, eps):
    return mu + (0.5 * logvar).exp() * eps


def gaussian_kl(mu, logvar):
    return 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum(-1)


def vae_loss(x, x_logits, mu, logvar):
    p = 1 / (1 + torch.exp(-x_logits))
    eps = 1e-7
    ll = x * torch.log(p + eps) + (1 - x) * torch.log(1 - p + eps)
    rec = -ll.reshape(len(x), -1).sum(1)
    return torch.mean(rec + gaussian_kl(mu, logvar))
