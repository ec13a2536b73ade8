"""Named checks for policy_gradient: inputs only; expected values come from the model answer.

Rollouts have dones before the last step and at it, a nonzero last_value, 0 < lam < 1 and
returns checked apart from advantages. PPO cases push the ratio outside [1 - clip, 1 + clip]
with advantages of both signs and of magnitude above 1 + clip; a REINFORCE baseline computed
from a parameter shows whether it was detached.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

NUMPY_TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}  # float32 arithmetic on a short rollout is fine
TORCH_TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}


def _dones(T, at) -> np.ndarray:
    dones = np.zeros(T, dtype=bool)
    dones[list(at)] = True
    return dones


def _where(dones) -> str:
    at = np.flatnonzero(dones).tolist()
    return f"dones at {at}" if at else "no done"


def checks(rng: np.random.Generator) -> list[Check]:
    def rollout(T, at, dtype=np.float64):
        rewards = (rng.standard_normal(T) + 0.5).astype(dtype)
        values = (rng.standard_normal(T) + 1.0).astype(dtype)
        return rewards, values, _dones(T, at)

    def ret(T, at, gamma, dtype=np.float64):
        rewards, _, dones = rollout(T, at, dtype)
        return Case("returns", {"rewards": rewards, "dones": dones, "gamma": gamma},
                    f"{dtype.__name__} T={T}, {_where(dones)}, gamma={gamma}")

    def gae_cases(call):
        out = []
        for T, at, last, gamma, lam, dtype in GAE_ROLLOUTS:
            rewards, values, dones = rollout(T, at, dtype)
            args = {"rewards": rewards, "values": values, "dones": dones, "last_value": last}
            label = f"{dtype.__name__} T={T}, {_where(dones)}, last_value={last}"
            if gamma is not None:
                args |= {"gamma": gamma, "lam": lam}
                label += f", gamma={gamma}, lam={lam}"
            else:
                label += " (default gamma and lam)"
            out.append(Case(call, args, label))
        return out

    def split(cases, keys):
        return [c for c in cases if c.args["dones"].any() == keys]

    adv, rets = gae_cases("gae_advantages"), gae_cases("gae_returns")

    def logps(T, dtype=np.float32):
        return (-rng.uniform(0.2, 3.0, T)).astype(dtype)

    def reinforce(T, baseline, dtype=np.float32):
        returns = (rng.standard_normal(T) * 2 + 1).astype(dtype)
        args = {"logp": logps(T, dtype), "returns": returns, "baseline": baseline}
        note = {"none": "no baseline", "float": "a float baseline", "tensor": "a [T] tensor baseline",
                "scalar": "a 0-d tensor baseline", "graph": "a baseline computed from a parameter"}[baseline]
        if baseline == "float":
            args["baseline_value"] = float(returns.mean())
        elif baseline in ("tensor", "graph"):
            args["baseline_value"] = (returns + rng.standard_normal(T)).astype(dtype)
        elif baseline == "scalar":
            args |= {"baseline": "tensor", "baseline_value": np.asarray(returns.mean() - 0.3, dtype=dtype)}
        return Case("reinforce", args, f"{np.dtype(dtype).name} T={T}, {note}")

    def ppo(T, spread, clip=None, dtype=np.float32, scale=2.0):
        old = logps(T, dtype)
        shift = rng.uniform(-spread, spread, T)
        advantages = rng.standard_normal(T) * scale
        advantages[: T // 2] = np.abs(advantages[: T // 2]) + 0.5  # both signs, |A| > 1 + clip on many
        args = {"logp_new": (old + shift).astype(dtype), "logp_old": old, "advantages": advantages.astype(dtype)}
        ratio = np.exp(shift)
        c = 0.2 if clip is None else clip
        outside = int(((ratio < 1 - c) | (ratio > 1 + c)).sum())
        label = f"{np.dtype(dtype).name} T={T}, {outside} of {T} ratios outside [1 - clip, 1 + clip]"
        if clip is not None:
            args["clip"] = clip
            label += f", clip={clip}"
        return Case("ppo", args, label)

    return [
        Check("discounted_returns without a done", [ret(6, [], 0.9), ret(5, [], 0.99, np.float32)],
              options=NUMPY_TOLERANCE),
        Check("discounted_returns with episode ends (mid-rollout and at the last step)", [
            ret(8, [2, 5], 0.9), ret(7, [3, 6], 0.95), ret(6, [0, 1, 4], 0.8, np.float32),
        ], options=NUMPY_TOLERANCE),
        Check("gae advantages without a done (last_value bootstraps)", split(adv, False), options=NUMPY_TOLERANCE),
        Check("gae advantages with episode ends", split(adv, True), options=NUMPY_TOLERANCE),
        Check("gae returns (advantages + values)", rets, options=NUMPY_TOLERANCE),
        Check("reinforce_loss: value and gradient w.r.t. logp", [
            reinforce(6, "none"), reinforce(8, "float"), reinforce(7, "tensor"), reinforce(5, "scalar"),
            reinforce(6, "tensor", np.float64),
        ], options=TORCH_TOLERANCE),
        Check("reinforce_loss: a baseline that carries a graph gets no gradient", [
            reinforce(6, "graph"), reinforce(9, "graph", np.float64),
        ], options=TORCH_TOLERANCE),
        Check("ppo_clip_loss: ratios inside the clip range", [ppo(8, 0.15), ppo(6, 0.05, clip=0.1)],
              options=TORCH_TOLERANCE),
        Check("ppo_clip_loss: ratios outside the clip range, advantages of both signs", [
            ppo(10, 0.8), ppo(12, 0.6, clip=0.1), ppo(8, 1.0, clip=0.3, dtype=np.float64),
        ], options=TORCH_TOLERANCE),
    ]


# (T, done indices, last_value, gamma, lam, dtype); gamma None: the defaults are used
GAE_ROLLOUTS = [
    (6, [], 4.0, 0.9, 0.8, np.float64),
    (5, [], -3.0, None, None, np.float64),
    (7, [], 2.5, 0.97, 0.9, np.float32),
    (8, [3], 5.0, 0.9, 0.8, np.float64),
    (7, [2, 6], 6.0, 0.95, 0.7, np.float64),
    (6, [5], -4.0, None, None, np.float64),
    (9, [0, 4, 8], 3.0, 0.99, 0.9, np.float32),
    (6, [1, 3], 2.0, 0.9, 0.0, np.float64),
    (6, [2], 2.0, 0.9, 1.0, np.float64),
]


def efficiency(rng: np.random.Generator) -> Efficiency:
    T = 4000
    dones = rng.random(T) < 0.01
    args = {"rewards": rng.standard_normal(T), "values": rng.standard_normal(T), "dones": dones,
            "last_value": 1.0, "gamma": 0.99, "lam": 0.95}
    return Efficiency(Case("gae_advantages", args, f"T={T}, {int(dones.sum())} dones"), repeats=3)
