import numpy as np
import torch


def discounted_returns(rewards, dones, gamma):
    T = rewards.shape[0]
    out = np.zeros(T)
    ends = [i + 1 for i in range(T) if dones[i]]
    start = 0
    for end in ends + [T]:
        G = 0.0
        for t in range(end - 1, start - 1, -1):
            G = rewards[t] + gamma * G
            out[t] = G
        start = end
    return out


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    T = rewards.shape[0]
    adv = np.zeros(T, dtype=np.float64)
    gae_t = 0.0
    for t in range(T - 1, -1, -1):
        terminal = bool(dones[t])
        next_v = 0.0 if terminal else (last_value if t == T - 1 else values[t + 1])
        delta = rewards[t] + gamma * next_v - values[t]
        gae_t = delta + (0.0 if terminal else gamma * lam * gae_t)
        adv[t] = gae_t
    return adv, values + adv


def reinforce_loss(logp, returns, baseline=None):
    logp64 = logp.double()
    ret = returns.double()
    if baseline is not None:
        ret = ret - (baseline.detach().double() if torch.is_tensor(baseline) else baseline)
    return -(logp64 * ret).sum().div(logp.numel()).to(logp.dtype)


def ppo_clip_loss(logp_new, logp_old, advantages, clip=0.2):
    r = torch.exp(logp_new.double() - logp_old.double())
    A = advantages.double()
    A = (A - A.mean()) / A.std(unbiased=False).clamp_min(1e-8)
    both = torch.stack([r * A, r.clamp(1 - clip, 1 + clip) * A])
    return -both.min(dim=0).values.mean().to(logp_new.dtype)
