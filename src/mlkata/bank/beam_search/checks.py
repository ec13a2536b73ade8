"""Named checks for beam search: toy language models as plain data; expected values come from the model answers.

A model is a dict (see driver.py): next-token logits drawn from a seeded generator for every prefix, with an
optional eos bias, and optionally a table of hand-set logits for chosen prefixes. Continuous random logits make
exact ties impossible in practice.

Four bookkeepings of finished hypotheses are accepted (solution.py, solution_b.py, solution_c.py,
solution_d.py). Most checks use only instances on which all four return the same hypothesis, so that a submission
with one bookkeeping and a bug is compared with variants of the same behaviour everywhere but in the bug; the
last check holds instances on which they differ, where any one of them passes.

(b), (c) and (d) keep the same live hypotheses and differ only in which eos candidates finish: those among the
beam_size best, all of them, or those among the 2 * beam_size best: each finishes a subset of what (c) finishes
and a superset of what (b) finishes, so where (b) and (c) agree, (d) agrees with them.
"""

from __future__ import annotations

import importlib.util
import math
from functools import cache
from pathlib import Path

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, describe

HERE = Path(__file__).parent
REFERENCES = ("solution.py", "solution_b.py", "solution_c.py", "solution_d.py")


@cache
def _module(filename: str):
    spec = importlib.util.spec_from_file_location(f"mlkata_bank_beam_search_checks_{Path(filename).stem}",
                                                  HERE / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _answers(args: dict) -> list[list[int]]:
    """What each accepted bookkeeping returns on one instance (used only to select instances)."""
    lm = _module("driver.py").ToyLM(eos=args["eos"], **args["lm"])
    memo = {}

    def next_log_probs(tokens: list[int]) -> np.ndarray:  # the searches query mostly the same prefixes
        key = tuple(tokens)
        if key not in memo:
            memo[key] = lm(tokens)
        return memo[key].copy()

    return [_module(name).beam_search(next_log_probs, args["bos"], args["eos"], args["beam_size"], args["max_len"],
                                      args.get("alpha", 0.6)) for name in REFERENCES]


def _common_answer(args: dict) -> list[int] | None:
    """The hypothesis every accepted bookkeeping returns, or None where they differ."""
    answers = _answers(args)
    return answers[0] if all(answer == answers[0] for answer in answers) else None


def _case(args: dict, what: str = "") -> Case:
    V = args["lm"]["vocab"]
    alpha = f", alpha={args['alpha']:g}" if "alpha" in args else " (default alpha)"
    label = (f"V={V}, bos={args['bos']}, eos={args['eos']}, beam_size={args['beam_size']}, "
             f"max_len={args['max_len']}{alpha}, model seed {args['lm']['seed']}")
    call = "beam_search" if "alpha" in args else "beam_search_default_alpha"
    return Case(call, args, f"{label}{': ' + what if what else ''}")


def _instance(rng: np.random.Generator, vocab: tuple[int, int], beam_size: tuple[int, int],
              max_len: tuple[int, int], alpha: float | None = 0.6, eos_bias: tuple[float, float] = (-2.5, 0.5),
              eos_ramp: tuple[float, float] = (0.0, 1.2), scale: tuple[float, float] = (1.0, 2.5)) -> dict:
    """A random toy model and search settings; bos and eos are any two distinct ids. eos grows likelier by
    eos_ramp (in logits) per generated token, so that hypotheses end at various lengths."""
    V = int(rng.integers(vocab[0], vocab[1] + 1))
    eos, bos = (int(t) for t in rng.choice(V, size=2, replace=False))
    args = {
        "lm": {"vocab": V, "seed": int(rng.integers(2**31)), "scale": round(float(rng.uniform(*scale)), 3),
               "eos_bias": round(float(rng.uniform(*eos_bias)), 3),
               "eos_ramp": round(float(rng.uniform(*eos_ramp)), 3)},
        "bos": bos, "eos": eos, "beam_size": int(rng.integers(beam_size[0], beam_size[1] + 1)),
        "max_len": int(rng.integers(max_len[0], max_len[1] + 1)),
    }
    if alpha is not None:
        args["alpha"] = alpha
    return args


def _select(rng: np.random.Generator, n: int, keep=None, **settings) -> list[dict]:
    """n random instances on which every accepted bookkeeping returns the same hypothesis (and `keep` holds)."""
    found = []
    while len(found) < n:
        args = _instance(rng, **settings)
        best = _common_answer(args)
        if best is not None and (keep is None or keep(args, best)):
            found.append(args)
    return found


def _agreeing(rng: np.random.Generator, make) -> dict:
    """A hand-shaped instance make(rng) on which every accepted bookkeeping returns the same hypothesis (its
    deeper prefixes come from a random model, which may rarely separate them)."""
    while True:
        args = make(rng)
        if _common_answer(args) is not None:
            return args


def _greedy_misses(args: dict, best: list[int]) -> bool:
    """Greedy decoding (a beam of 1 with bookkeeping (a)) does not find `best`."""
    return _answers({**args, "beam_size": 1})[0] != best


def _best_of_all(args: dict, extra_length: int = 0) -> list[int]:
    """The best of all hypotheses (brute force), lengths counted with `extra_length` more tokens."""
    lm = _module("driver.py").ToyLM(eos=args["eos"], **args["lm"])
    eos, max_len, alpha = args["eos"], args["max_len"], args["alpha"]
    best_score, best, stack = -np.inf, None, [([args["bos"]], 0.0)]
    while stack:
        tokens, total = stack.pop()
        for token, log_prob in enumerate(lm(tokens).tolist()):
            hypothesis = tokens + [token]
            if token == eos or len(hypothesis) == max_len:
                value = (total + log_prob) / (len(hypothesis) - 1 + extra_length) ** alpha
                if value > best_score:
                    best_score, best = value, hypothesis
            else:
                stack.append((hypothesis, total + log_prob))
    return best


def _alpha_matters(args: dict, best: list[int]) -> bool:
    """With the default alpha = 0.6 instead of this one, the answer would differ."""
    return _common_answer({**args, "alpha": 0.6}) not in (None, best)


def _counting_bos_changes_it(args: dict, best: list[int]) -> bool:
    """Dividing by (n + 1) ** alpha instead of n ** alpha changes the best of all hypotheses."""
    return _best_of_all(args, extra_length=1) != best


def _logits(rng: np.random.Generator, V: int, probs: dict[int, float]) -> list[float]:
    """Logits giving these tokens these probabilities and sharing the rest unevenly (no ties) among the others."""
    others = [t for t in range(V) if t not in probs]
    weights = rng.uniform(0.5, 1.5, size=len(others))
    share = dict(zip(others, (1.0 - sum(probs.values())) * weights / weights.sum()))
    return [round(math.log(probs.get(t, share.get(t))), 6) for t in range(V)]


def _trap(rng: np.random.Generator) -> dict:
    """Greedy takes the likelier first token a, after which every continuation is unlikely; a beam of 2 also
    keeps b, whose continuation c is nearly certain. Deeper prefixes come from a random model that favours eos,
    so the best hypothesis is [bos, b, c, eos] under every bookkeeping, and greedy's is far worse."""
    V = int(rng.integers(6, 10))
    bos, eos, a, b, c = (int(t) for t in rng.choice(V, size=5, replace=False))
    p_a = float(rng.uniform(0.42, 0.5))
    p_b = float(rng.uniform(0.3, 0.36))
    table = [
        [[bos], _logits(rng, V, {a: p_a, b: p_b, eos: 0.01})],
        [[bos, a], _logits(rng, V, {eos: 0.02})],  # flat: each other token gets under 1/4
        [[bos, b], _logits(rng, V, {c: float(rng.uniform(0.88, 0.94)), eos: 0.01})],
    ]
    lm = {"vocab": V, "seed": int(rng.integers(2**31)), "scale": 0.5, "eos_bias": 5.0, "table": table}
    return {"lm": lm, "bos": bos, "eos": eos, "beam_size": 2, "max_len": int(rng.integers(4, 6)),
            "alpha": float(rng.choice([0.6, 1.0]))}


def _pruned(rng: np.random.Generator) -> dict:
    """The best hypothesis starts with the 4th best two-token prefix, which a beam of 2 prunes although each of
    its tokens is among the 2 likeliest continuations of its prefix. Other prefixes come from a random model."""
    V = int(rng.integers(9, 13))
    bos, eos, x, y, x1, x2, y1, y2, w = (int(t) for t in rng.choice(V, size=9, replace=False))
    jitter = rng.uniform(-0.005, 0.005, size=6)
    table = [
        [[bos], _logits(rng, V, {x: 0.5 + jitter[0], y: 0.45 + jitter[1], eos: 0.005})],
        [[bos, x], _logits(rng, V, {x1: 0.6 + jitter[2], x2: 0.38 + jitter[3], eos: 0.005})],  # 0.30, 0.19
        [[bos, y], _logits(rng, V, {y1: 0.5 + jitter[4], y2: 0.48 + jitter[5], eos: 0.005})],  # 0.225, 0.216
        [[bos, x, x2], _logits(rng, V, {w: 0.97, eos: 0.01})],
        [[bos, x, x2, w], _logits(rng, V, {eos: 0.97})],
    ]
    lm = {"vocab": V, "seed": int(rng.integers(2**31)), "scale": 0.5, "eos_bias": 0.0, "table": table}
    return {"lm": lm, "bos": bos, "eos": eos, "beam_size": 2, "max_len": 5, "alpha": 0.6}


def _max_len_winner(rng: np.random.Generator) -> dict:
    """[bos, eos] finishes at the first step (2nd of all candidates: finished under every bookkeeping), but a
    nearly certain chain without eos, cut by max_len, scores higher."""
    V = int(rng.integers(5, 9))
    bos, eos, x = (int(t) for t in rng.choice(V, size=3, replace=False))
    max_len = int(rng.integers(4, 6))
    chain = [bos, x]
    table = [[[bos], _logits(rng, V, {x: float(rng.uniform(0.42, 0.48)), eos: float(rng.uniform(0.33, 0.37))})]]
    while len(chain) < max_len:
        nxt = int(rng.choice([t for t in range(V) if t != eos]))
        table.append([list(chain), _logits(rng, V, {nxt: float(rng.uniform(0.95, 0.98)), eos: 0.005})])
        chain.append(nxt)
    lm = {"vocab": V, "seed": int(rng.integers(2**31)), "scale": 0.5, "eos_bias": -2.0, "table": table}
    return {"lm": lm, "bos": bos, "eos": eos, "beam_size": 2, "max_len": max_len, "alpha": 0.6}


def _early_finishers(rng: np.random.Generator) -> dict:
    """With a beam of 2, [bos, eos] and [bos, x, eos] finish at the first two steps (each among the 2 best
    candidates of its step: finished under every bookkeeping), but [bos, x, z, w, eos], nearly certain after x,
    scores higher (-0.52 against -0.73 and -1.25). A search that stops once beam_size hypotheses have finished
    returns [bos, eos], whether or not it also scores the live [bos, x, z] as it stands (-0.74)."""
    V = int(rng.integers(7, 11))
    bos, eos, x, z, w = (int(t) for t in rng.choice(V, size=5, replace=False))
    table = [
        [[bos], _logits(rng, V, {x: 0.5, eos: 0.48})],
        [[bos, x], _logits(rng, V, {z: 0.65, eos: 0.3})],
        [[bos, x, z], _logits(rng, V, {w: 0.97, eos: 0.01})],
        [[bos, x, z, w], _logits(rng, V, {eos: 0.97})],
    ]
    lm = {"vocab": V, "seed": int(rng.integers(2**31)), "scale": 0.5, "eos_bias": 3.0, "table": table}
    return {"lm": lm, "bos": bos, "eos": eos, "beam_size": 2, "max_len": 5, "alpha": 0.6}


def _one_finishes_first(rng: np.random.Generator) -> dict:
    """With a beam of 3, [bos, eos] finishes at the first step; the best hypothesis, [bos, y, y1, w, eos], needs
    the 3rd place at the second step (y1 ranks 3rd, after x1 and x2, which lead nowhere). A beam that shrinks to
    2 places once a hypothesis has finished loses it."""
    V = int(rng.integers(8, 12))
    bos, eos, x, y, x1, x2, y1, w = (int(t) for t in rng.choice(V, size=8, replace=False))
    table = [
        [[bos], _logits(rng, V, {x: 0.5, eos: 0.3, y: 0.15})],
        [[bos, x], _logits(rng, V, {x1: 0.45, x2: 0.4, eos: 0.02})],  # 0.225, 0.2
        [[bos, y], _logits(rng, V, {y1: 0.95, eos: 0.01})],  # 0.1425
        [[bos, x, x1], _logits(rng, V, {eos: 0.02})],  # flat: no token above 1/3
        [[bos, x, x2], _logits(rng, V, {eos: 0.02})],
        [[bos, y, y1], _logits(rng, V, {w: 0.97, eos: 0.01})],
        [[bos, y, y1, w], _logits(rng, V, {eos: 0.97})],
    ]
    lm = {"vocab": V, "seed": int(rng.integers(2**31)), "scale": 0.5, "eos_bias": 3.0, "table": table}
    return {"lm": lm, "bos": bos, "eos": eos, "beam_size": 3, "max_len": 5, "alpha": 0.6}


def _bookkeeping_instances(rng: np.random.Generator) -> list[tuple[dict, str]]:
    """Hand-made instances on which the accepted bookkeepings disagree (beam_size 2)."""
    V = 7
    bos, eos, x, y, z = 0, 1, 2, 3, 4
    rest = {"scale": 0.5, "eos_bias": 5.0}  # deeper prefixes: eos likely, so hypotheses end soon
    # (a) differs: eos is 2nd at step 1. It takes a slot in (a), which keeps x alone; (b), (c), (d) keep y too,
    # and y -> z -> eos is nearly certain.
    slot = {"lm": {"vocab": V, "seed": int(rng.integers(2**31)), **rest, "table": [
        [[bos], _logits(rng, V, {x: 0.45, eos: 0.3, y: 0.2})],
        [[bos, x], _logits(rng, V, {eos: 0.02})],
        [[bos, y], _logits(rng, V, {z: 0.95, eos: 0.01})],
    ]}, "bos": bos, "eos": eos, "beam_size": 2, "max_len": 5, "alpha": 0.6}
    # (c) and (d) differ: eos is 3rd at step 1, so only they finish [bos, eos]; with alpha = 0 nothing longer beats it.
    outside = {"lm": {"vocab": V, "seed": int(rng.integers(2**31)), **rest, "table": [
        [[bos], _logits(rng, V, {x: 0.34, y: 0.33, eos: 0.3})],
        [[bos, x], _logits(rng, V, {eos: 0.02})],
        [[bos, y], _logits(rng, V, {eos: 0.02})],
    ]}, "bos": bos, "eos": eos, "beam_size": 2, "max_len": 4, "alpha": 0.0}
    # (a), (b) and (c) all differ, (d) = (c): a random model found by search (about 1 in 20,000 random instances)
    three = {"lm": {"vocab": 8, "seed": 10963, "scale": 1.4, "eos_bias": -0.16, "eos_ramp": 1.4},
             "bos": 0, "eos": 1, "beam_size": 2, "max_len": 5, "alpha": 0.6}
    # (d) differs from the three others, (a) = (b): a random model found by search (about 1 in 1,000)
    fourth = {"lm": {"vocab": 8, "seed": 637066022, "scale": 1.279, "eos_bias": -0.937, "eos_ramp": 0.215},
              "bos": 1, "eos": 3, "beam_size": 2, "max_len": 5, "alpha": 0.6}
    return [(slot, "(a) differs from (b), (c) and (d)"), (outside, "(c) and (d) differ from (a) and (b)"),
            (three, "(a), (b) and (c) all differ, (d) as (c)"), (fourth, "(d) differs from (a), (b) and (c)")]


def checks(rng: np.random.Generator) -> list[Check]:
    exhaustive = [  # beam_size = every candidate of every step before the last: nothing is ever pruned
        a for V, max_len, alpha, keep in ((3, 4, 0.6, _greedy_misses), (4, 4, 1.0, _greedy_misses),
                                          (3, 5, 0.0, _greedy_misses), (5, 3, 1.0, _greedy_misses),
                                          (4, 4, 1.0, _counting_bos_changes_it), (3, 5, 2.0, _counting_bos_changes_it))
        for a in _select(rng, 1, keep, vocab=(V, V), beam_size=(V * (V - 1) ** (max_len - 3),) * 2,
                         max_len=(max_len, max_len), alpha=alpha)
    ]
    wide = _select(rng, 2, vocab=(3, 4), beam_size=(6, 8), max_len=(5, 6))
    return [
        _check("exhaustive beam: the global optimum", [_case(a) for a in exhaustive]),
        _check("greedy loses, a beam of 2 wins", [_case(_agreeing(rng, _trap), "a trap for greedy") for _ in range(3)]),
        _check("random toy language models", [
            _case(a) for a in _select(rng, 8, vocab=(5, 16), beam_size=(2, 4), max_len=(4, 7))]),
        _check("a wider beam would find a better hypothesis: this one must not", [
            _case(_agreeing(rng, _pruned), "the best hypothesis is pruned at the second step") for _ in range(3)]),
        _check("the best hypothesis reaches max_len without eos", [
            _case(_agreeing(rng, _max_len_winner), "[bos, eos] finishes first, an eos-free chain wins")
            for _ in range(2)]),
        _check("alpha = 0 (raw log-probability), 1 and 2", [
            _case(a, "alpha = 0.6 would give another answer") for alpha in (0.0, 1.0, 2.0)
            for a in _select(rng, 2, _alpha_matters, vocab=(5, 12), beam_size=(2, 4), max_len=(4, 7), alpha=alpha)]),
        _check("max_len = 2: one generated token", [
            _case(a) for a in _select(rng, 2, vocab=(4, 10), beam_size=(1, 3), max_len=(2, 2))]),
        _check("beam_size = 1", [
            _case(a) for a in _select(rng, 2, vocab=(5, 10), beam_size=(1, 1), max_len=(4, 6))]),
        _check("beam wider than the vocabulary", [_case(a, "beam_size > V") for a in wide]),
        _check("eos never likely: every hypothesis reaches max_len", [
            _case(a) for a in _select(rng, 2, vocab=(5, 10), beam_size=(2, 3), max_len=(4, 6),
                                       eos_bias=(-8.0, -8.0), eos_ramp=(0.0, 0.0))]),
        _check("eos likely from the first step", [
            _case(a) for a in _select(rng, 2, vocab=(5, 10), beam_size=(2, 4), max_len=(4, 6),
                                       eos_bias=(2.0, 3.0), eos_ramp=(0.0, 0.0))]),
        _check("default alpha (0.6)", [
            _case(a) for a in _select(rng, 2, vocab=(5, 10), beam_size=(2, 3), max_len=(4, 6), alpha=None)]),
        _check("beam_size hypotheses finish early, a longer one wins", [
            _case(_agreeing(rng, _early_finishers), "do not stop once beam_size hypotheses have finished")
            for _ in range(2)]),
        _check("a hypothesis finishes at the first step: the beam stays beam_size wide", [
            _case(_agreeing(rng, _one_finishes_first), "the best hypothesis needs every place of the beam")
            for _ in range(2)]),
        _check("finished hypotheses: bookkeeping (a), (b), (c) or (d) is accepted", [
            _case(a, what) for a, what in _bookkeeping_instances(rng)]),
    ]


def _check(name: str, cases: list[Case]) -> Check:
    return Check(name, cases, compare="same_hypothesis")


def same_hypothesis(got, expected, path: str = "output", **_) -> Mismatch | None:
    """The same token ids; the message shows both hypotheses with their scores under the toy model."""
    if got is None:
        return Mismatch("none", f"{path}: returned None (a missing `return`?), expected a list of token ids")
    if not isinstance(got, dict) or got.get("tokens") is None:
        what = got.get("note") if isinstance(got, dict) else f"got {describe(got)}"
        return Mismatch("type", f"{path}: expected a list of int token ids, {what}")
    if got["tokens"] == expected["tokens"]:
        return None

    def shown(hypothesis: dict) -> str:
        score = hypothesis["score"]
        return f"{hypothesis['tokens']}" + ("" if score is None else f" (score {score:.4f})")

    note = f"; {got['note']}" if got.get("note") else ""
    return Mismatch("value", f"{path}: returned {shown(got)}, expected {shown(expected)}{note}")


def efficiency(rng: np.random.Generator) -> Efficiency:
    # Short (max_len 5), so that a search without the global cut (beam_size ** t hypotheses) stays bounded.
    args = _instance(rng, vocab=(2000, 2000), beam_size=(6, 6), max_len=(5, 5), eos_bias=(-3.0, -3.0))
    return Efficiency(_case(args), repeats=3)
