"""The policy_gradient model answer against independent formulations (no RL library is installed):
discounted returns as explicit per-episode sums, GAE as the lambda-weighted average of n-step returns
(not the backward recursion), and the REINFORCE and PPO losses with their analytic gradients in float64
numpy. On the bank's cases and on hypothesis-driven random rollouts and ratios."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("policy_gradient")
solution = PROBLEM.load_module("solution.py")


def _episode_end(dones, t):
    """The last step of t's episode, or None when the rollout stops before the episode ends."""
    later = np.flatnonzero(dones[t:])
    return t + int(later[0]) if later.size else None


def ref_returns(rewards, dones, gamma):
    T = len(rewards)
    out = np.zeros(T)
    for t in range(T):
        end = _episode_end(dones, t)
        end = T - 1 if end is None else end
        out[t] = sum(gamma ** (k - t) * float(rewards[k]) for k in range(t, end + 1))
    return out


def _n_step(r, v_ext, t, n, end, gamma):
    """G_t^(n): n rewards, then V_{t+n} (v_ext holds last_value at T), or nothing if step t+n-1 ended the episode."""
    g = sum(gamma ** k * r[t + k] for k in range(n))
    terminal = end is not None and t + n - 1 == end
    return g + (0.0 if terminal else gamma ** n * v_ext[t + n])


def ref_gae(rewards, values, dones, last_value, gamma, lam):
    """A_t + V_t = (1 - lam) sum_{n<N} lam^(n-1) G_t^(n) + lam^(N-1) G_t^(N), N the steps left in the
    rollout or episode; G_t^(n) bootstraps from V_{t+n} (last_value past the rollout, 0 past a done)."""
    T = len(rewards)
    r, v = rewards.astype(np.float64), values.astype(np.float64)
    v_ext = np.append(v, float(last_value))
    adv = np.zeros(T)
    for t in range(T):
        end = _episode_end(dones, t)
        N = (T - t) if end is None else (end - t + 1)
        steps = [_n_step(r, v_ext, t, n, end, gamma) for n in range(1, N + 1)]
        lam_return = sum((1 - lam) * lam ** (n - 1) * steps[n - 1] for n in range(1, N)) + lam ** (N - 1) * steps[-1]
        adv[t] = lam_return - v[t]
    return adv, adv + v


def _close(got, expected, rtol=1e-5, atol=1e-5):
    got = got.detach().numpy() if isinstance(got, torch.Tensor) else np.asarray(got)
    np.testing.assert_allclose(got.astype(np.float64), expected, rtol=rtol, atol=atol)


def check_returns(rewards, dones, gamma):
    _close(solution.discounted_returns(rewards.copy(), dones.copy(), gamma), ref_returns(rewards, dones, gamma))


def check_gae(rewards, values, dones, last_value, gamma=None, lam=None):
    args = (rewards.copy(), values.copy(), dones.copy(), last_value)
    got = solution.gae(*args) if gamma is None else solution.gae(*args, gamma=gamma, lam=lam)
    expected = ref_gae(rewards, values, dones, last_value, 0.99 if gamma is None else gamma,
                       0.95 if lam is None else lam)
    _close(got[0], expected[0])
    _close(got[1], expected[1])


def check_reinforce(logp, returns, baseline_value=None, as_tensor=False, graph=False):
    lp = torch.tensor(logp).requires_grad_(True)
    b, w = baseline_value, None
    if graph:
        w = torch.tensor(np.asarray(baseline_value) / 2).requires_grad_(True)
        b = 2 * w
    elif as_tensor:
        b = torch.tensor(baseline_value)
    loss = solution.reinforce_loss(lp, torch.tensor(returns), b) if b is not None else \
        solution.reinforce_loss(lp, torch.tensor(returns))
    loss.backward()
    adv = returns.astype(np.float64) - (0.0 if baseline_value is None else np.asarray(baseline_value, np.float64))
    T = len(logp)
    _close(loss, -np.mean(logp.astype(np.float64) * adv), 1e-4, 2e-5)
    _close(lp.grad, -adv / T, 1e-4, 2e-5)
    assert w is None or w.grad is None or not w.grad.any()


def check_ppo(logp_new, logp_old, advantages, clip=None):
    new = torch.tensor(logp_new).requires_grad_(True)
    args = (new, torch.tensor(logp_old), torch.tensor(advantages))
    loss = solution.ppo_clip_loss(*args) if clip is None else solution.ppo_clip_loss(*args, clip=clip)
    loss.backward()
    c = 0.2 if clip is None else clip
    r = np.exp(logp_new.astype(np.float64) - logp_old.astype(np.float64))
    A = advantages.astype(np.float64)
    surrogate = np.minimum(r * A, np.clip(r, 1 - c, 1 + c) * A)
    active = np.where(A >= 0, r <= 1 + c, r >= 1 - c)  # the unclipped term is the min: it carries the gradient
    _close(loss, -surrogate.mean(), 1e-4, 2e-5)
    _close(new.grad, -(A * r * active) / len(A), 1e-4, 2e-5)


def _reinforce(a):
    kind, value = a["baseline"], a.get("baseline_value")
    if kind == "none":
        return check_reinforce(a["logp"], a["returns"])
    return check_reinforce(a["logp"], a["returns"], value, as_tensor=kind == "tensor", graph=kind == "graph")


CHECKERS = {
    "returns": lambda a: check_returns(a["rewards"], a["dones"], a["gamma"]),
    "gae_advantages": lambda a: check_gae(a["rewards"], a["values"], a["dones"], a["last_value"],
                                          a.get("gamma"), a.get("lam")),
    "gae_returns": lambda a: check_gae(a["rewards"], a["values"], a["dones"], a["last_value"],
                                       a.get("gamma"), a.get("lam")),
    "reinforce": _reinforce,
    "ppo": lambda a: check_ppo(a["logp_new"], a["logp_old"], a["advantages"], a.get("clip")),
}


def _bank_cases():
    for check in PROBLEM.checks:
        for case in check.cases:
            yield pytest.param(case.call, case.args, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize(("call", "args"), list(_bank_cases()))
def test_every_bank_case_matches_the_oracles(call, args):
    CHECKERS[call](args)


def test_the_bank_covers_every_driver_call():
    assert {case.call for check in PROBLEM.checks for case in check.cases} == set(CHECKERS)


def test_the_efficiency_case_matches_the_recursion_free_oracle_on_a_prefix():
    args = PROBLEM.efficiency.case.args
    n = 300
    check_gae(args["rewards"][:n], args["values"][:n], args["dones"][:n], args["values"][n], args["gamma"], args["lam"])


def _rollouts():
    floats = st.floats(-5, 5, width=32)
    return st.integers(1, 10).flatmap(lambda T: st.tuples(
        hnp.arrays(np.float64, T, elements=floats), hnp.arrays(np.float64, T, elements=floats),
        hnp.arrays(bool, T), floats, st.floats(0.0, 1.0), st.floats(0.0, 1.0)))


@settings(max_examples=60, deadline=None)
@given(rollout=_rollouts())
def test_random_rollouts_match_the_n_step_oracle(rollout):
    rewards, values, dones, last_value, gamma, lam = rollout
    check_returns(rewards, dones, gamma)
    check_gae(rewards, values, dones, last_value, gamma, lam)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), T=st.integers(1, 12), clip=st.sampled_from([None, 0.1, 0.2, 0.3]))
def test_random_losses_match_the_analytic_gradients(data, T, clip):
    vec = hnp.arrays(np.float64, T, elements=st.floats(-3, 3, width=32))
    logp_old = -np.abs(data.draw(vec)) - 0.1
    shift = data.draw(hnp.arrays(np.float64, T, elements=st.floats(-1, 1)))
    c = 0.2 if clip is None else clip
    shift[np.isclose(np.abs(shift), np.log1p(c), atol=1e-6) | np.isclose(shift, np.log1p(-c), atol=1e-6)] += 1e-3
    check_ppo(logp_old + shift, logp_old, data.draw(vec), clip)
    returns, baseline = data.draw(vec), data.draw(vec)
    check_reinforce(logp_old, returns)
    check_reinforce(logp_old, returns, float(baseline[0]))
    check_reinforce(logp_old, returns, baseline, graph=True)
