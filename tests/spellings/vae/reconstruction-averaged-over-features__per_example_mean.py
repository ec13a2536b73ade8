import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + logvar.div(2).exp() * eps


def gaussian_kl(mu, logvar):
    return (0.5 * (mu * mu + logvar.exp() - logvar - 1)).sum(-1)


def vae_loss(x, x_logits, mu, logvar):
    B = x.shape[0]
    bce = F.softplus(x_logits) - x * x_logits
    rec = bce.reshape(B, -1).mean(dim=1)
    return (rec + gaussian_kl(mu, logvar)).mean()
