"""Named checks for gpt2_forward: inputs only; expected values come from the model answer.

Every case carries a float32 GPT-2 state dict (Hugging Face names, Conv1D weights [in, out]) drawn
from the seeded rng, far from GPT-2's own init (std 0.02), so that each mistake shows: c_fc's
outputs reach |h| of 2-3 (where tanh and exact GELU differ), every layer norm has its own random
gain and shift, position embeddings are as large as token embeddings, and the logits spread over
several units (greedy choices have a clear margin). Every case has n_layer >= 2 and T >= 2 unless
it says otherwise, so a missing causal mask shows in every position's logits.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

# Logits reach about 30 and gradients about 200: float32 rounding through 2-3 layers then leaves errors
# of ~1e-5 (~1e-4 for gradients) on entries near zero, where atol 2e-5 would leave correct float32
# answers a margin of only about 2. These keep 10x for them and still fail the exact GELU by ~9x.
TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-3}


def _state_dict(rng, n_layer: int, C: int, V: int, P: int) -> dict:
    """A GPT2LMHeadModel state dict without lm_head.weight (the driver adds it when a case asks)."""
    def normal(*shape, std, mean=0.0):
        return (mean + rng.standard_normal(shape) * std).astype(np.float32)

    def norm(name):
        sd[f"{name}.weight"] = normal(C, std=0.3, mean=1.0)
        sd[f"{name}.bias"] = normal(C, std=0.2)

    sd = {"transformer.wte.weight": normal(V, C, std=1.5), "transformer.wpe.weight": normal(P, C, std=1.0)}
    for i in range(n_layer):
        h = f"transformer.h.{i}"
        norm(f"{h}.ln_1")
        sd[f"{h}.attn.c_attn.weight"] = normal(C, 3 * C, std=1.2 / np.sqrt(C))
        sd[f"{h}.attn.c_attn.bias"] = normal(3 * C, std=0.1)
        sd[f"{h}.attn.c_proj.weight"] = normal(C, C, std=1.0 / np.sqrt(C))
        sd[f"{h}.attn.c_proj.bias"] = normal(C, std=0.3)
        norm(f"{h}.ln_2")
        sd[f"{h}.mlp.c_fc.weight"] = normal(C, 4 * C, std=2.5 / np.sqrt(C))
        sd[f"{h}.mlp.c_fc.bias"] = normal(4 * C, std=0.3)
        sd[f"{h}.mlp.c_proj.weight"] = normal(4 * C, C, std=1.0 / np.sqrt(4 * C))
        sd[f"{h}.mlp.c_proj.bias"] = normal(C, std=0.3)
    norm("transformer.ln_f")
    return sd


def _case(rng, B, T, *, n_layer=2, C=16, n_head=4, V=61, P=24, with_lm_head=True, call="forward",
          eps=None, max_new_tokens=None, note="") -> Case:
    args = {
        "input_ids": rng.integers(0, V, size=(B, T)).astype(np.int64),
        "weights": _state_dict(rng, n_layer, C, V, P), "n_layer": n_layer, "n_head": n_head,
        "with_lm_head": with_lm_head,
    }
    label = f"B={B} T={T}, n_layer={n_layer} n_embd={C} n_head={n_head} vocab={V} n_positions={P}"
    label += "" if with_lm_head else ", no lm_head.weight in params"
    if eps is not None:
        args["eps"] = eps
        label += f", eps={eps:g}"
    if call == "backward":
        args["grad_output"] = rng.standard_normal((B, T, V)).astype(np.float32)
        label += " (logits and gradients)"
    if call == "generate":
        args["max_new_tokens"] = max_new_tokens
        label = f"max_new_tokens={max_new_tokens}, " + label
    return Case(call, args, label + note)


def checks(rng: np.random.Generator) -> list[Check]:
    def case(B, T, **kw):
        return _case(rng, B, T, **kw)

    return [
        Check("logits of a full state dict", [
            case(2, 7), case(1, 9, n_layer=3, C=24, n_head=3), case(3, 5, C=24, n_head=6, V=50),
        ], options=TOLERANCE),
        Check("a tied checkpoint without lm_head.weight", [
            case(2, 6, with_lm_head=False), case(1, 8, n_layer=3, C=24, n_head=2, with_lm_head=False),
        ], options=TOLERANCE),
        Check("a single token (T = 1)", [
            case(3, 1, note=" (no other position to attend)"),
        ], options=TOLERANCE),
        Check("every position (T = n_positions)", [
            case(2, 24, n_head=2), case(1, 16, n_layer=3, C=24, n_head=3, P=16),
        ], options=TOLERANCE),
        Check("a custom eps", [
            case(2, 6, eps=1e-2), case(1, 5, n_layer=3, eps=1e-3, with_lm_head=False),
        ], options=TOLERANCE),
        Check("gradients w.r.t. every parameter", [
            case(2, 6, call="backward"), case(1, 5, n_layer=3, C=24, n_head=3, with_lm_head=False, call="backward"),
        ], options=GRAD_TOLERANCE),
        Check("greedy_generate", [
            case(2, 3, call="generate", max_new_tokens=6),
            case(1, 1, call="generate", max_new_tokens=5, note=" (a one-token prompt)"),
            case(3, 4, n_layer=3, C=24, n_head=3, with_lm_head=False, call="generate", max_new_tokens=4),
            case(2, 16, call="generate", max_new_tokens=8, note=" (fills all 24 positions)"),
        ], compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    return Efficiency(_case(rng, 4, 64, n_layer=4, C=64, n_head=4, V=256, P=64), repeats=3)
