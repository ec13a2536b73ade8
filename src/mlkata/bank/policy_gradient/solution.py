"""Policy-gradient building blocks: discounted returns, GAE, and the REINFORCE and PPO-clip losses."""

import numpy as np
import torch


def discounted_returns(rewards, dones, gamma):
    """G_t = r_t + gamma * G_{t+1}, with G_{t+1} dropped where the episode ended after step t."""
    T = len(rewards)
    returns = np.zeros(T, dtype=np.float64)  # [T]
    running = 0.0
    for t in reversed(range(T)):
        running = rewards[t] + gamma * running * (1.0 - dones[t])  # a done cuts the sum here
        returns[t] = running
    return returns


def gae(rewards, values, dones, last_value, gamma=0.99, lam=0.95):
    """Generalised advantage estimation: (advantages [T], returns [T] = advantages + values)."""
    T = len(rewards)
    advantages = np.zeros(T, dtype=np.float64)  # [T]
    running = 0.0
    for t in reversed(range(T)):
        not_done = 1.0 - dones[t]
        next_value = last_value if t == T - 1 else values[t + 1]
        delta = rewards[t] + gamma * next_value * not_done - values[t]  # TD error, no bootstrap past a done
        running = delta + gamma * lam * not_done * running
        advantages[t] = running
    return advantages, advantages + values  # [T], [T]


def reinforce_loss(logp, returns, baseline=None):
    """-mean(logp * (returns - baseline)); the baseline is a constant to the gradient."""
    if baseline is None:
        baseline = 0.0
    elif isinstance(baseline, torch.Tensor):
        baseline = baseline.detach()
    advantages = returns - baseline  # [T]
    return -(logp * advantages).mean()


def ppo_clip_loss(logp_new, logp_old, advantages, clip=0.2):
    """The PPO clipped surrogate, negated to be minimised."""
    ratio = torch.exp(logp_new - logp_old)  # [T]
    unclipped = ratio * advantages  # [T]
    clipped = torch.clamp(ratio, 1.0 - clip, 1.0 + clip) * advantages  # [T]
    return -torch.min(unclipped, clipped).mean()
