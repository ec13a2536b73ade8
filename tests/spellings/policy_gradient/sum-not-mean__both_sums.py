import numpy as np
import torch


def discounted_returns(rewards, dones, gamma):
    T = len(rewards)
    out = np.zeros(T)
    G = 0.0
    for t in range(T - 1, -1, -1):
        G = rewards[t] + gamma * G * (1 - dones[t])
        out[t] = G
    return out


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    T = len(rewards)
    next_values = np.append(values[1:], last_value)  # [T]
    mask = 1.0 - dones.astype(np.float64)  # [T]
    adv = np.zeros(T)
    last_gae = 0.0
    for t in reversed(range(T)):
        delta = rewards[t] + gamma * next_values[t] * mask[t] - values[t]
        last_gae = delta + gamma * lam * mask[t] * last_gae
        adv[t] = last_gae
    return adv, adv + values


def reinforce_loss(logp, returns, baseline=None):
    if baseline is None:
        adv = returns
    elif torch.is_tensor(baseline):
        adv = returns - baseline.detach()
    else:
        adv = returns - baseline
    return -(logp * adv).sum()


def ppo_clip_loss(logp_new, logp_old, advantages, clip=0.2):
    ratio = torch.exp(logp_new - logp_old)
    surr1 = ratio * advantages
    surr2 = torch.clamp(ratio, 1 - clip, 1 + clip) * advantages
    return -torch.min(surr1, surr2).sum()
