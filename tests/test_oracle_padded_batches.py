"""padded_batches: the model answer against torch's own tools (the oracle): pad_sequence with
padding_side for pad_batch, F.cross_entropy with ignore_index for the loss (its mean over the
non-ignored targets is the contract's token mean), and a float64 loop over rows for masked_mean;
on the bank's cases and on random ones.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.nn.utils.rnn import pad_sequence

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("padded_batches")
CHECKS = {check.name: check for check in PROBLEM.checks}
solution = PROBLEM.load_module("solution.py")


# -- the oracle ----------------------------------------------------------------------------------

def oracle_pad(seqs, pad_id, side="right"):
    ids = pad_sequence([torch.tensor(s, dtype=torch.int64) for s in seqs], batch_first=True,
                       padding_value=pad_id, padding_side=side)
    mask = pad_sequence([torch.ones(len(s), dtype=torch.bool) for s in seqs], batch_first=True,
                        padding_value=False, padding_side=side)
    return ids, mask


def oracle_mean(x, mask):
    """float64, row by row: the mean of the selected rows, zeros for none."""
    rows = [x[b][mask[b]].double() for b in range(x.shape[0])]
    return torch.stack([r.mean(0) if len(r) else torch.zeros(x.shape[-1], dtype=torch.float64) for r in rows])


def oracle_loss(logits, targets, mask):
    return F.cross_entropy(logits.double().flatten(0, 1), targets.masked_fill(~mask, -100).flatten(),
                           ignore_index=-100)


# -- the bank's own cases against the oracle ------------------------------------------------------

def _cases(*calls):
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            if case.call in calls:
                yield pytest.param(check, case, id=f"{check.name[:30]}-{i}")


def _tolerance(check) -> dict:
    return {"rtol": check.options["rtol"], "atol": check.options["atol"]}


@pytest.mark.parametrize(("check", "case"), list(_cases("pad", "pad_then_mean", "pad_then_loss")))
def test_bank_padding_matches_oracle(check, case):
    a = case.args
    side = a.get("side") or "right"
    ids, mask = solution.pad_batch([list(s) for s in a["seqs"]], a["pad_id"], side)
    want_ids, want_mask = oracle_pad(a["seqs"], a["pad_id"], side)
    assert ids.dtype == torch.int64 and mask.dtype == torch.bool
    assert torch.equal(ids, want_ids) and torch.equal(mask, want_mask)
    if case.call == "pad_then_mean":
        got = solution.masked_mean(torch.from_numpy(a["embedding"])[ids], mask)
        torch.testing.assert_close(got.double(), oracle_mean(torch.from_numpy(a["embedding"])[ids], mask),
                                   **_tolerance(check))
    if case.call == "pad_then_loss":
        logits, targets = torch.from_numpy(a["weights"])[ids], torch.roll(ids, -1, dims=1)
        got = solution.masked_token_loss(logits, targets, mask)
        torch.testing.assert_close(got.double(), oracle_loss(logits, targets, mask), **_tolerance(check))


@pytest.mark.parametrize(("check", "case"), list(_cases("mean", "mean_backward")))
def test_bank_masked_mean_matches_oracle(check, case):
    a = case.args
    x, mask = torch.from_numpy(a["x"]), torch.from_numpy(a["mask"])
    torch.testing.assert_close(solution.masked_mean(x, mask).double(), oracle_mean(x, mask), **_tolerance(check))
    if case.call == "mean_backward":
        g = torch.from_numpy(a["grad_output"])
        leaf, want = x.clone().requires_grad_(True), x.double().requires_grad_(True)
        (solution.masked_mean(leaf, mask) * g).sum().backward()
        (oracle_mean(want, mask) * g.double()).sum().backward()
        assert torch.isfinite(leaf.grad).all()
        torch.testing.assert_close(leaf.grad.double(), want.grad, **_tolerance(check))


@pytest.mark.parametrize(("check", "case"), list(_cases("loss", "loss_backward")))
def test_bank_loss_matches_oracle(check, case):
    a = case.args
    logits, targets, mask = (torch.from_numpy(a[n]) for n in ("logits", "targets", "mask"))
    assert mask.any() and targets.min() >= 0 and targets.max() < logits.shape[-1]
    got = solution.masked_token_loss(logits, targets, mask)
    assert got.dim() == 0
    torch.testing.assert_close(got.double(), oracle_loss(logits, targets, mask), **_tolerance(check))
    if case.call == "loss_backward":
        leaf, want = logits.clone().requires_grad_(True), logits.double().requires_grad_(True)
        solution.masked_token_loss(leaf, targets, mask).backward()
        oracle_loss(want, targets, mask).backward()
        torch.testing.assert_close(leaf.grad.double(), want.grad, **_tolerance(check))


# -- the checks test what they claim ----------------------------------------------------------------

def test_cases_expose_what_the_hard_spots_need():
    """pad_id inside a real sequence (mask-from-pad-id), unequal lengths under left padding
    (left-padding-misplaced), partly padded rows of unequal lengths (the averaging mistakes),
    empty rows where the check says so."""
    inside = CHECKS["pad_batch, pad_id is also a real token"].cases
    assert all(any(a["pad_id"] in s for s in a["seqs"]) for a in (c.args for c in inside))
    for case in CHECKS["pad_batch, left padding"].cases:
        assert len({len(s) for s in case.args["seqs"]}) > 1
    for name in ("masked_mean, partly padded rows", "masked_token_loss, partly padded batch"):
        counts = [case.args["mask"].sum(1) for case in CHECKS[name].cases]
        assert all((c < case.args["mask"].shape[1]).any() for c, case in zip(counts, CHECKS[name].cases, strict=True))
        assert any(len(set(c.tolist())) > 1 for c in counts)
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call in ("mean", "mean_backward"):
                empty = not case.args["mask"].any(1).all()
                assert empty == ("empty row" in check.name or "no real token" in check.name), case.label
    padded = CHECKS["masked_token_loss, partly padded batch"].cases
    assert any((c.args["mask"].sum(1) == 0).any() for c in padded)  # row means break there


def test_empty_rows_have_zero_gradients_not_nan():
    x = torch.randn(3, 4, 5, requires_grad=True)
    mask = torch.tensor([[1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 1, 1]], dtype=torch.bool)
    solution.masked_mean(x, mask).sum().backward()
    assert torch.isfinite(x.grad).all() and (x.grad[1] == 0).all() and (x.grad[~mask] == 0).all()


# -- random inputs ----------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(seqs=st.lists(st.lists(st.integers(0, 5), max_size=6), min_size=1, max_size=4),
       pad_id=st.integers(0, 5), side=st.sampled_from(["right", "left"]))
def test_random_padding_matches_oracle(seqs, pad_id, side):
    ids, mask = solution.pad_batch(seqs, pad_id, side)
    want_ids, want_mask = oracle_pad(seqs, pad_id, side)
    assert torch.equal(ids, want_ids) and torch.equal(mask, want_mask)
    assert mask.sum(1).tolist() == [len(s) for s in seqs]


@settings(max_examples=60, deadline=None)
@given(B=st.integers(1, 4), L=st.integers(1, 6), d=st.integers(1, 5), V=st.integers(2, 9),
       seed=st.integers(0, 2**31 - 1))
def test_random_mean_and_loss_match_oracle(B, L, d, V, seed):
    gen = torch.Generator().manual_seed(seed)
    mask = torch.rand(B, L, generator=gen) < 0.6
    x = torch.randn(B, L, d, generator=gen)
    torch.testing.assert_close(solution.masked_mean(x, mask).double(), oracle_mean(x, mask), rtol=1e-5, atol=1e-6)
    mask[0, 0] = True  # the loss needs one real token
    logits = torch.randn(B, L, V, generator=gen) * 5
    targets = torch.randint(0, V, (B, L), generator=gen)
    got = solution.masked_token_loss(logits, targets, mask)
    torch.testing.assert_close(got.double(), oracle_loss(logits, targets, mask), rtol=1e-5, atol=1e-6)
    assert np.isfinite(got.item())
