import numpy as np
import torch


def _discount(x, dones, factor):
    out = np.zeros_like(x, dtype=np.float64)
    running = 0.0
    for i in reversed(range(x.shape[0])):
        running = x[i] + (0.0 if dones[i] else factor * running)
        out[i] = running
    return out


def discounted_returns(rewards, dones, gamma):
    return _discount(np.asarray(rewards, dtype=np.float64), dones, gamma)


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    values = np.asarray(values, dtype=np.float64)
    v_next = np.concatenate([values[1:], [last_value]])
    deltas = rewards + gamma * v_next * (~dones) - values
    advantages = _discount(deltas, dones, gamma * lam)
    returns = advantages + values
    return advantages, returns


def reinforce_loss(logp, returns, baseline=None):
    if baseline is None:
        baseline = torch.zeros_like(returns)
    baseline = torch.as_tensor(baseline, dtype=returns.dtype).detach()
    return torch.mean(-logp * (returns - baseline))


def ppo_clip_loss(logp_new, logp_old, advantages, clip=0.2):
    advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8)
    ratio = (logp_new - logp_old).exp()
    pg1 = -advantages * ratio
    pg2 = -advantages * torch.clip(ratio, 1 - clip, 1 + clip)
    return torch.max(pg1, pg2).mean()
