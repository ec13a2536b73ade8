"""Failure signatures: how one case's output differs from the expected one, as data.

Two buggy implementations that share a defect fail alike even when their numbers differ: NaN
where the other gives inf, -1e9 where the other fills -inf, t - 1 where the other has t + 1. A
signature records, per output leaf (a dict key, a list index, an array), what is wrong:

    raise      the case raised (and which exception type)
    noraise    the case should have raised and returned a value
    structure  another structure or type (a list where a dict was expected, None, ...)
    shape      an array of another shape
    nonfinite  NaN or inf where the answer is finite (which entries, and which of the two)
    value      finite but wrong values (which entries, the sign of each error, the values)

`similarity(a, b)` in [0, 1] says how alike two failures are; diagnose.py uses it when no
variant reproduces a failure exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlkata.judge.local import Outcome

RTOL, ATOL = 1e-6, 1e-9  # entries this close to the answer count as right in a signature


@dataclass(frozen=True)
class Leaf:
    kind: str                        # structure | shape | nonfinite | value
    shape: tuple = ()
    bad: np.ndarray | None = None    # bool, flat: which entries are wrong
    sign: np.ndarray | None = None   # int8, flat: sign of (got - expected) at each entry; 2 for NaN
    got: np.ndarray | None = None    # float64, flat
    expected: np.ndarray | None = None


@dataclass(frozen=True)
class Signature:
    raised: str | None = None        # the exception type, when the case raised
    message: str = ""
    noraise: bool = False
    leaves: dict | None = None       # path -> Leaf, only the wrong leaves


def _as_float(x) -> np.ndarray | None:
    if isinstance(x, np.ndarray) and x.dtype.kind in "biuf":
        return np.asarray(x, dtype=np.float64).ravel()
    if type(x) in (int, float, bool):
        return np.asarray([float(x)])
    return None


def _leaf(got, exp) -> Leaf | None:
    g, e = _as_float(got), _as_float(exp)
    if g is None or e is None:
        if type(got) is type(exp) and not isinstance(got, np.ndarray):
            try:
                return None if got == exp else Leaf("value")
            except Exception:  # noqa: BLE001 - comparing opaque values
                return Leaf("value")
        return Leaf("structure")
    g_shape = np.shape(got)
    if g_shape != np.shape(exp):
        return Leaf("shape", shape=g_shape)
    with np.errstate(all="ignore"):
        nonfinite = ~np.isfinite(g) & np.isfinite(e)
        close = np.isclose(g, e, rtol=RTOL, atol=ATOL * max(1.0, float(np.max(np.abs(e[np.isfinite(e)]), initial=0))),
                           equal_nan=True)
        bad = ~close
        if not bad.any():
            return None
        sign = np.where(np.isnan(g), 2, np.sign(np.nan_to_num(g - e, nan=0.0, posinf=1.0, neginf=-1.0))).astype(np.int8)
    kind = "nonfinite" if nonfinite.any() else "value"
    return Leaf(kind, g_shape, bad, sign, g, e)


def _walk(got, exp, path: str, out: dict) -> None:
    if isinstance(exp, dict):
        if not isinstance(got, dict) or set(got) != set(exp):
            out[path] = Leaf("structure")
            return
        for k in exp:
            _walk(got[k], exp[k], f"{path}[{k!r}]", out)
        return
    if isinstance(exp, list | tuple):
        if not isinstance(got, list | tuple) or len(got) != len(exp):
            out[path] = Leaf("structure")
            return
        for i, (g, e) in enumerate(zip(got, exp)):
            _walk(g, e, f"{path}[{i}]", out)
        return
    leaf = _leaf(got, exp)
    if leaf is not None:
        out[path] = leaf


def signature(outcome: Outcome, reference: Outcome) -> Signature | None:
    """How `outcome` fails against `reference`; None when it is not a failure this module can see."""
    if outcome is None:
        return Signature(raised="<not run>")
    if not outcome.ok:
        return Signature(raised=str(outcome.error.get("type")), message=str(outcome.error.get("message", "")))
    if not reference.ok:
        return Signature(noraise=True)
    leaves: dict = {}
    _walk(outcome.value, reference.value, "", leaves)
    return Signature(leaves=leaves)


def _leaf_similarity(a: Leaf, b: Leaf) -> float:
    if a.kind != b.kind:
        # NaN where the other is only wrong: the same entries may still be the culprit
        if {a.kind, b.kind} == {"nonfinite", "value"} and a.bad is not None and b.bad is not None \
                and a.bad.shape == b.bad.shape:
            return 0.5 * _jaccard(a.bad, b.bad)
        return 0.0
    if a.kind == "structure":
        return 1.0
    if a.kind == "shape":
        return 1.0 if a.shape == b.shape else 0.6
    if a.bad is None or b.bad is None:  # wrong non-numeric values: nothing finer to compare
        return 0.7
    if a.bad.shape != b.bad.shape:
        return 0.3
    jaccard = _jaccard(a.bad, b.bad)
    both = a.bad & b.bad
    if not both.any():
        return 0.25 * jaccard
    direction = float(np.mean(a.sign[both] == b.sign[both]))
    if a.kind == "nonfinite":
        return 0.4 + 0.4 * jaccard + 0.2 * direction
    # how close the two wrong values are, relative to how far each is from the answer
    with np.errstate(all="ignore"):
        ga, gb, e = a.got[both], b.got[both], a.expected[both]
        spread = np.abs(ga - e) + np.abs(gb - e)
        apart = np.where(spread > 0, np.abs(ga - gb) / spread, 0.0)
        closeness = 1.0 - float(np.mean(np.clip(np.nan_to_num(apart, nan=1.0), 0.0, 1.0)))
    return 0.25 + 0.3 * jaccard + 0.2 * direction + 0.25 * closeness


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    union = np.count_nonzero(a | b)
    return np.count_nonzero(a & b) / union if union else 1.0


def similarity(a: Signature | None, b: Signature | None) -> float:
    """How alike two failures of the same case are, from 0 (unrelated) to 1 (the same failure)."""
    if a is None or b is None:
        return 0.3 if a is b else 0.0  # both failed in a way no signature sees (a custom comparator)
    if a.raised or b.raised:
        if a.raised and b.raised:
            if a.raised != b.raised:
                return 0.3
            return 1.0 if a.message == b.message else 0.7
        return 0.0
    if a.noraise or b.noraise:
        return 1.0 if a.noraise and b.noraise else 0.0
    paths = set(a.leaves) | set(b.leaves)
    if not paths:
        return 0.3  # both wrong only by the comparator's own rules (statistics, tolerances)
    return sum(_leaf_similarity(a.leaves[p], b.leaves[p]) if p in a.leaves and p in b.leaves else 0.0
               for p in paths) / len(paths)
