import numpy as np
import torch


def discounted_returns(rewards: np.ndarray, dones: np.ndarray, gamma: float) -> np.ndarray:
    """[T] discounted returns; dones[t] True: the episode ended after step t."""
    raise NotImplementedError


def gae(rewards: np.ndarray, values: np.ndarray, dones: np.ndarray, last_value: float,
        gamma: float = 0.99, lam: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """(advantages [T], returns [T] = advantages + values)."""
    raise NotImplementedError


def reinforce_loss(logp: torch.Tensor, returns: torch.Tensor, baseline=None) -> torch.Tensor:
    """-mean(logp * (returns - baseline)); the baseline gets no gradient."""
    raise NotImplementedError


def ppo_clip_loss(logp_new: torch.Tensor, logp_old: torch.Tensor, advantages: torch.Tensor,
                  clip: float = 0.2) -> torch.Tensor:
    """-mean(min(r A, clip(r, 1 - clip, 1 + clip) A)), r = exp(logp_new - logp_old)."""
    raise NotImplementedError
