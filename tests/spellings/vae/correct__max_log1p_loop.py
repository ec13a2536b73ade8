import torch


def reparameterize(mu, logvar, eps):
    std = torch.exp(logvar * 0.5)
    z = torch.addcmul(mu, std, eps)
    return z


def gaussian_kl(mu, logvar):
    terms = 1 + logvar - mu.pow(2) - logvar.exp()
    return -0.5 * terms.sum(-1)


def vae_loss(x, x_logits, mu, logvar):
    total = 0.0
    B = x.size(0)
    for i in range(B):
        l, t = x_logits[i], x[i]
        # max(l, 0) - l * t + log(1 + exp(-|l|))
        bce = torch.clamp(l, min=0) - l * t + torch.log1p(torch.exp(-l.abs()))
        total = total + bce.sum() + gaussian_kl(mu[i : i + 1], logvar[i : i + 1])[0]
    return total / B
