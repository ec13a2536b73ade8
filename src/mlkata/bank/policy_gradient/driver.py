"""Calls the implementation's returns, GAE and policy losses. Runs in the sandbox; holds no answers.

The numpy entry points get fresh copies of numpy arrays (dones as bool) and must return numpy
arrays; the losses get fresh torch tensors, and their gradients are taken with loss.backward().
"""

import numpy as np
import torch


def _array(result, what):
    if not isinstance(result, np.ndarray):
        raise TypeError(f"{what} must return a numpy array, got {type(result).__name__}")
    return result


def _loss(result, what):
    if not isinstance(result, torch.Tensor) or result.dim() != 0:
        raise TypeError(f"{what} must return a 0-d tensor, got {type(result).__name__}"
                        f"{' of shape ' + str(tuple(result.shape)) if isinstance(result, torch.Tensor) else ''}")
    return result


def _pair(result):
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise TypeError(f"gae must return a pair (advantages, returns), got {type(result).__name__}")
    return _array(result[0], "gae (advantages)"), _array(result[1], "gae (returns)")


def returns(impl, rewards, dones, gamma):
    return _array(impl.discounted_returns(rewards.copy(), dones.copy(), gamma), "discounted_returns")


def _gae(impl, rewards, values, dones, last_value, gamma, lam):
    args = (rewards.copy(), values.copy(), dones.copy(), last_value)
    if gamma is None:  # the defaults, gamma=0.99 and lam=0.95
        return _pair(impl.gae(*args))
    return _pair(impl.gae(*args, gamma=gamma, lam=lam))


def gae_advantages(impl, rewards, values, dones, last_value, gamma=None, lam=None):
    return _gae(impl, rewards, values, dones, last_value, gamma, lam)[0]


def gae_returns(impl, rewards, values, dones, last_value, gamma=None, lam=None):
    return _gae(impl, rewards, values, dones, last_value, gamma, lam)[1]


def reinforce(impl, logp, returns, baseline="none", baseline_value=None):
    """The loss and its gradient w.r.t. logp. baseline: "none" (argument left out), "float", "tensor"
    (a constant tensor) or "graph" (computed from a parameter w; its gradient is reported too)."""
    logp = torch.tensor(logp).requires_grad_(True)
    ret = torch.tensor(returns)
    w = None
    if baseline == "none":
        loss = impl.reinforce_loss(logp, ret)
    elif baseline == "float":
        loss = impl.reinforce_loss(logp, ret, baseline=float(baseline_value))
    elif baseline == "tensor":
        loss = impl.reinforce_loss(logp, ret, baseline=torch.tensor(baseline_value))
    else:  # a value head's output: 2 * w, with w a leaf that must receive no gradient from this loss
        w = torch.tensor(baseline_value / 2).requires_grad_(True)
        loss = impl.reinforce_loss(logp, ret, baseline=2 * w)
    loss = _loss(loss, "reinforce_loss")
    loss.backward()
    out = {"loss": loss.detach(), "grad_logp": logp.grad if logp.grad is not None else torch.zeros_like(logp)}
    if w is not None:
        out["grad_baseline"] = w.grad if w.grad is not None else torch.zeros_like(w)
    return out


def ppo(impl, logp_new, logp_old, advantages, clip=None):
    """The loss and its gradient w.r.t. logp_new (clip left to its default 0.2 when None)."""
    new = torch.tensor(logp_new).requires_grad_(True)
    args = (new, torch.tensor(logp_old), torch.tensor(advantages))
    loss = impl.ppo_clip_loss(*args) if clip is None else impl.ppo_clip_loss(*args, clip=clip)
    loss = _loss(loss, "ppo_clip_loss")
    loss.backward()
    return {"loss": loss.detach(), "grad_logp_new": new.grad if new.grad is not None else torch.zeros_like(new)}
