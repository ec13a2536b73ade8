import numpy as np
import torch


def discounted_returns(rewards, dones, gamma):
    acc = np.float32(0.0)
    result = []
    t = len(rewards) - 1
    while t >= 0:
        acc = np.float32(rewards[t]) + np.float32(gamma) * acc * (not dones[t])
        result.append(acc)
        t -= 1
    return np.array(result[::-1], dtype=np.float32)


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    r = np.asarray(rewards, dtype=np.float32)
    v = np.asarray(values, dtype=np.float32)
    g, l = np.float32(gamma), np.float32(lam)
    advantages = np.empty(len(r), dtype=np.float32)
    carry = np.float32(0.0)
    for t in range(len(r) - 1, -1, -1):
        v_next = np.float32(last_value) if t + 1 == len(r) else v[t + 1]
        if dones[t]:
            carry = r[t] - v[t]
        else:
            carry = r[t] + g * v_next - v[t] + g * l * carry
        advantages[t] = carry
    return advantages, advantages + v


def reinforce_loss(logp, returns, baseline=None):
    b = 0.0 if baseline is None else baseline
    if isinstance(b, torch.Tensor):
        b = b.detach()
    weights = returns - b
    return -torch.sum(logp * weights)


def ppo_clip_loss(logp_new, logp_old, advantages, clip=0.2):
    log_ratio = logp_new - logp_old
    ratio = log_ratio.exp()
    hi = torch.minimum(ratio, torch.tensor(1 + clip, dtype=ratio.dtype)) * advantages
    lo = torch.maximum(ratio, torch.tensor(1 - clip, dtype=ratio.dtype)) * advantages
    objective = torch.where(advantages >= 0, hi, lo)
    return -objective.mean()
