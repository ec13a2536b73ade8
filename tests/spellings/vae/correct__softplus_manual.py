import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    sigma = logvar.mul(0.5).exp()
    return eps * sigma + mu


def gaussian_kl(mu, logvar):
    var = torch.exp(logvar)
    return 0.5 * (mu * mu + var - 1.0 - logvar).sum(1)


def vae_loss(x, x_logits, mu, logvar):
    # stable BCE with logits: softplus(l) - x * l
    nll = F.softplus(x_logits) - x * x_logits
    per_example = nll.reshape(x.shape[0], -1).sum(-1) + gaussian_kl(mu, logvar)
    return per_example.mean()
