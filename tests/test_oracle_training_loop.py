"""training_loop: the model answer against independent references.

- lr_at against transformers' get_cosine_with_min_lr_schedule_with_warmup (its multiplier times base_lr);
- train_epoch against a big-batch reference: each group of accum_steps equal-sized micro-batches is
  concatenated into one batch, its mean loss back-propagated once, the global norm clipped by hand
  (one norm over the concatenated gradients) and the optimizer stepped: accumulation must match it;
- evaluate against the loss of all examples concatenated into one batch, in eval mode;
- seed_everything against fresh generators seeded directly;
- the checkpoint cases: the model answer resumes bit for bit (the driver compares it with a run
  that never stopped).
"""

from __future__ import annotations

import random
import types

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers import get_cosine_with_min_lr_schedule_with_warmup

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("training_loop")
solution = PROBLEM.load_module("solution.py")
driver = PROBLEM.load_module("driver.py")
CASES = [case for check in PROBLEM.checks for case in check.cases]


# -- lr_at ------------------------------------------------------------------------

def transformers_lr(step, base_lr, warmup_steps, total_steps, min_lr=0.0) -> float:
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    sched = get_cosine_with_min_lr_schedule_with_warmup(opt, warmup_steps, total_steps, min_lr=min_lr)
    return base_lr * sched.lr_lambdas[0](step)


def assert_lr_matches(base_lr, warmup_steps, total_steps, min_lr):
    for step in range(total_steps + 1):
        ours = solution.lr_at(step, base_lr=base_lr, warmup_steps=warmup_steps, total_steps=total_steps,
                              min_lr=min_lr)
        assert ours == pytest.approx(transformers_lr(step, base_lr, warmup_steps, total_steps, min_lr),
                                     rel=1e-12, abs=1e-18), step


@pytest.mark.parametrize("case", [c for c in CASES if c.call == "lr_at"], ids=lambda c: c.label)
def test_lr_at_bank_cases(case):
    a = case.args
    assert_lr_matches(a["base_lr"], a["warmup_steps"], a["total_steps"], a.get("min_lr") or 0.0)


@settings(max_examples=40, deadline=None)
@given(base_lr=st.floats(1e-6, 2.0), warmup=st.integers(0, 20), extra=st.integers(1, 40),
       min_frac=st.floats(0.0, 0.5))
def test_lr_at_random(base_lr, warmup, extra, min_frac):
    assert_lr_matches(base_lr, warmup, warmup + extra, base_lr * min_frac)


# -- train_epoch: accumulation equals one big batch ---------------------------------

def big_batch_train_epoch(model, optimizer, batches, loss_fn, *, accum_steps=1, max_grad_norm=None, scheduler=None):
    """The reference: one concatenated batch per group; the hand-written global norm clip."""
    losses = []
    for g in range(0, len(batches), accum_steps):
        group = batches[g:g + accum_steps]
        x = torch.cat([inputs for inputs, _ in group])
        y = torch.cat([targets for _, targets in group])
        with torch.no_grad():
            losses += [loss_fn(model(inputs), targets).item() for inputs, targets in group]
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()  # equal micro-batch sizes: the mean of their means
        if max_grad_norm is not None:
            grads = [p.grad for p in model.parameters()]
            norm = torch.cat([gr.flatten() for gr in grads]).norm()
            factor = min(1.0, max_grad_norm / (float(norm) + 1e-6))
            for gr in grads:
                gr.mul_(factor)
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
    return sum(losses) / len(losses)


REFERENCE = types.SimpleNamespace(train_epoch=big_batch_train_epoch)


def assert_train_close(ours: dict, ref: dict):
    assert ours["optimizer_steps"] == ref["optimizer_steps"]
    np.testing.assert_allclose(ours["lr_at_step"], ref["lr_at_step"], rtol=1e-12)
    np.testing.assert_allclose(ours["grad_norm_at_step"], ref["grad_norm_at_step"], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(ours["loss"], ref["loss"], rtol=1e-4, atol=1e-6)
    for name, value in ref["params_after"].items():
        torch.testing.assert_close(ours["params_after"][name], value, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("case", [c for c in CASES if c.call == "train_epoch" and not c.args.get("dropout")],
                         ids=lambda c: c.label)
def test_train_epoch_bank_cases(case):
    assert_train_close(driver.train_epoch(solution, **case.args), driver.train_epoch(REFERENCE, **case.args))


@settings(max_examples=15, deadline=None)
@given(accum=st.integers(1, 3), groups=st.integers(1, 3), sizes=st.lists(st.integers(1, 5), min_size=3, max_size=3),
       clip=st.sampled_from([None, 0.3, 1.5, 100.0]), optimizer=st.sampled_from(["sgd", "momentum", "adam"]),
       warmup=st.sampled_from([None, 1, 3]), seed=st.integers(0, 1000))
def test_train_epoch_random(accum, groups, sizes, clip, optimizer, warmup, seed):
    rng = np.random.default_rng(seed)
    batch_sizes = [sizes[g] for g in range(groups) for _ in range(accum)]
    xs = [rng.standard_normal((n, 4)).astype(np.float32) for n in batch_sizes]
    ys = [rng.standard_normal((n, 3)).astype(np.float32) for n in batch_sizes]
    args = {"seed": seed, "sizes": [4, 6, 3], "xs": xs, "ys": ys, "optimizer": optimizer,
            "lr": 0.01 if optimizer == "adam" else 0.1, "accum_steps": accum, "max_grad_norm": clip,
            "scheduler_warmup": warmup}
    assert_train_close(driver.train_epoch(solution, **args), driver.train_epoch(REFERENCE, **args))


# -- evaluate: the loss of every example at once -------------------------------------

def concatenated_loss(case_args) -> float:
    model = driver._model(case_args["seed"], case_args["sizes"], case_args.get("dropout", 0.5)).eval()
    x = torch.cat([torch.from_numpy(x) for x in case_args["xs"]])
    y = torch.cat([torch.from_numpy(y) for y in case_args["ys"]])
    with torch.no_grad():
        return F.mse_loss(model(x), y).item()


@pytest.mark.parametrize("case", [c for c in CASES if c.call == "evaluate_loss"], ids=lambda c: c.label)
def test_evaluate_bank_cases(case):
    assert driver.evaluate_loss(solution, **case.args) == pytest.approx(concatenated_loss(case.args), rel=1e-5)


@settings(max_examples=20, deadline=None)
@given(sizes=st.lists(st.integers(1, 9), min_size=1, max_size=5), arrive=st.sampled_from(["train", "eval", "mixed"]),
       seed=st.integers(0, 1000))
def test_evaluate_random(sizes, arrive, seed):
    rng = np.random.default_rng(seed)
    args = {"seed": seed, "sizes": [4, 8, 8, 3], "xs": [rng.standard_normal((n, 4)).astype(np.float32) for n in sizes],
            "ys": [rng.standard_normal((n, 3)).astype(np.float32) for n in sizes], "dropout": 0.5, "arrive": arrive}
    assert driver.evaluate_loss(solution, **args) == pytest.approx(concatenated_loss(args), rel=1e-5)
    after = driver.evaluate_mode_after(solution, **args)
    assert (after["before"] == after["after"]).all()
    assert not driver.evaluate_mode_inside(solution, **args).any()
    assert not driver.evaluate_grad_enabled(solution, **args)["grad_enabled_in_forward"].any()


# -- seeding and checkpoints -----------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 7, 1234, 2**31 + 5])
def test_seed_everything_matches_fresh_generators(seed):
    got = driver.seed_everything(solution, seed)
    py = random.Random(seed)
    assert got["python"].tolist() == [py.random() for _ in range(3)]
    np.testing.assert_array_equal(got["numpy"], np.random.RandomState(seed).rand(3))
    gen = torch.Generator().manual_seed(seed)
    torch.testing.assert_close(got["torch"], torch.rand(3, dtype=torch.float64, generator=gen), rtol=0, atol=0)


@pytest.mark.parametrize("case", [c for c in CASES if c.call == "resume"], ids=lambda c: c.label)
def test_checkpoint_resumes_bitwise(case):
    out = driver.resume(solution, **case.args)
    assert out["returned_step"] == case.args["save_at"]
    assert out["params_bitwise_equal"] and out["max_param_difference"] == 0.0
    assert all(out["next_draw_equal"].values())
