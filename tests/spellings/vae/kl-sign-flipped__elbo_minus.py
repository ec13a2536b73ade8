import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + eps * (0.5 * logvar).exp()


def gaussian_kl(mu, logvar):
    return 0.5 * (mu ** 2 + logvar.exp() - logvar - 1).sum(-1)


def vae_loss(x, x_logits, mu, logvar):
    B = x.shape[0]
    log_px = -F.binary_cross_entropy_with_logits(x_logits, x, reduction="sum") / B
    kl = gaussian_kl(mu, logvar).mean()
    elbo = log_px + kl
    return -elbo
