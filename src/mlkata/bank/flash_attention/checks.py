"""Named checks for flash_attention: inputs only; expected values come from the model answer.

Inputs are float32. The large-logit cases use integer q and k with d = 16, so every score
(q . k / 4) is exact in float32 whatever the order of summation; then only the softmax
bookkeeping can go wrong. The memory case is judged by the driver: it lowers the address-space
limit to a quarter of the score matrix's bytes above what the process already maps.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, allclose

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}


def _qkv(rng, B, H, Lq, Lk, d, std=1.0):
    q = (rng.standard_normal((B, H, Lq, d)) * std).astype(np.float32)
    k = (rng.standard_normal((B, H, Lk, d)) * std).astype(np.float32)
    v = rng.standard_normal((B, H, Lk, d)).astype(np.float32)
    return q, k, v


def _label(B, H, Lq, Lk, d, causal, block_q, block_k, note=""):
    shape = f"B={B} H={H} L={Lq}" if Lq == Lk else f"B={B} H={H} Lq={Lq} Lk={Lk}"
    return f"{shape} d={d} block_q={block_q} block_k={block_k}" + (", causal" if causal else "") + note


def _case(rng, B, H, Lq, Lk, d, *, causal=False, block_q=64, block_k=64, grad=False, qkv=None, note=""):
    q, k, v = _qkv(rng, B, H, Lq, Lk, d, std=1.3) if qkv is None else qkv
    args = {"q": q, "k": k, "v": v, "causal": causal, "block_q": block_q, "block_k": block_k}
    label = _label(B, H, Lq, Lk, d, causal, block_q, block_k, note)
    if grad:
        args["grad_out"] = rng.standard_normal((B, H, Lq, d)).astype(np.float32)
        args["grad_lse"] = rng.standard_normal((B, H, Lq)).astype(np.float32)
        return Case("backward", args, label + " (out, lse and gradients)")
    return Case("forward", args, label)


def _loud(rng, B, H, Lq, Lk, spread=40):
    """Integer q, k with d = 16: scores q . k / 4 are exact and reach about +-1e3."""
    q = rng.integers(-spread, spread + 1, size=(B, H, Lq, 16)).astype(np.float32)
    k = rng.integers(-spread, spread + 1, size=(B, H, Lk, 16)).astype(np.float32)
    v = rng.standard_normal((B, H, Lk, 16)).astype(np.float32)
    return q, k, v


def memory_budget(got, expected, path="output", **options):
    """A run that ran out of its memory budget is named as such; otherwise the sampled rows compare loosely."""
    if not isinstance(got, dict) or "within_budget" not in got:
        return allclose(got, expected, path=path, **options)
    if expected.get("within_budget") and not got["within_budget"]:
        return Mismatch("value", f"{path}: memory grew past a quarter of the [Lq, Lk] score matrix "
                                 f"({got['budget_mb']:.0f} of {got['scores_mb']:.0f} MB): the scores were "
                                 f"materialised; keep only one [block_q, block_k] tile of them at a time")
    if got["within_budget"] != expected.get("within_budget"):
        return Mismatch("value", f"{path}: within_budget: expected {expected.get('within_budget')}, "
                                 f"got {got['within_budget']}")
    return allclose(got, expected, path=path, **options)


def checks(rng: np.random.Generator) -> list[Check]:
    def case(*shape, **kw):
        return _case(rng, *shape, **kw)

    L = 8192  # the full scores would take B * H * L * L * 4 = 512 MB
    q, k, v = _qkv(rng, 1, 2, L, L, 32)
    memory = [
        Case("memory", {"q": q, "k": k, "v": v, "causal": causal, "block_q": 256, "block_k": 128},
             _label(1, 2, L, L, 32, causal, 256, 128, " (full scores: 512 MB; budget: 128 MB)"))
        for causal in (False, True)
    ]
    return [
        Check("equals softmax attention (blocks divide L)", [
            case(2, 2, 128, 128, 16, block_q=32, block_k=32),
            case(1, 3, 64, 64, 8, block_q=16, block_k=16),
            case(2, 2, 256, 256, 32),
        ], options=TOLERANCE),
        Check("one key block (block_k >= Lk)", [
            case(2, 2, 40, 40, 16, block_q=16, block_k=64),
            case(1, 2, 64, 64, 8, block_q=64, block_k=64),
        ], options=TOLERANCE),
        Check("ragged last blocks", [
            case(2, 2, 100, 100, 16, block_q=32, block_k=24),
            case(1, 3, 37, 37, 8, block_q=16, block_k=10),
            case(2, 1, 130, 130, 16),
        ], options=TOLERANCE),
        Check("block_k = 1", [
            case(2, 2, 20, 20, 8, block_q=8, block_k=1),
            case(1, 2, 9, 9, 16, block_q=4, block_k=1, causal=True),
        ], options=TOLERANCE),
        Check("Lq != Lk", [
            case(2, 2, 48, 80, 16, block_q=16, block_k=32),
            case(1, 2, 100, 7, 8, block_q=32, block_k=3),
            case(2, 2, 1, 50, 16, block_q=8, block_k=16),
        ], options=TOLERANCE),
        Check("logits of magnitude ~1e3", [
            _case(rng, 2, 2, 64, 64, 16, block_q=16, block_k=16, qkv=_loud(rng, 2, 2, 64, 64),
                  note=" (exact integer scores)"),
            _case(rng, 1, 2, 50, 90, 16, block_q=32, block_k=8, qkv=_loud(rng, 1, 2, 50, 90),
                  note=" (exact integer scores)"),
        ], options=TOLERANCE),
        Check("causal", [
            case(2, 2, 64, 64, 16, causal=True, block_q=16, block_k=16),
            case(1, 2, 50, 50, 8, causal=True, block_q=16, block_k=8),
            case(2, 2, 45, 45, 16, causal=True, block_q=8, block_k=16),
            case(1, 3, 100, 100, 16, causal=True),
        ], options=TOLERANCE),
        Check("causal, logits of magnitude ~1e3", [
            _case(rng, 2, 2, 48, 48, 16, causal=True, block_q=16, block_k=8, qkv=_loud(rng, 2, 2, 48, 48),
                  note=" (exact integer scores)"),
        ], options=TOLERANCE),
        Check("gradients through out and lse", [
            case(2, 2, 40, 40, 8, block_q=16, block_k=16, grad=True),
            case(1, 2, 37, 53, 16, block_q=8, block_k=12, grad=True),
            case(2, 2, 45, 45, 8, causal=True, block_q=16, block_k=8, grad=True),
        ], options=GRAD_TOLERANCE),
        Check("memory: the [Lq, Lk] scores are never built", memory, compare="memory_budget",
              options={"rtol": 1e-3, "atol": 1e-4}),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, H, L, d = 2, 4, 512, 64
    q, k, v = _qkv(rng, B, H, L, L, d)
    args = {"q": q, "k": k, "v": v, "causal": True, "block_q": 64, "block_k": 64}
    return Efficiency(Case("forward", args, _label(B, H, L, L, d, True, 64, 64)), repeats=3)
