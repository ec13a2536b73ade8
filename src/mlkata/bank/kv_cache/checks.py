"""Named checks for kv_cache: inputs only; expected values come from the model answer.

A chunked run feeds a sequence in consecutive calls, each given the cache the previous call
returned; its outputs must equal one full causal forward's. Every case has H >= 2 and d_k >= 2;
chunked runs have at least two calls after the first, so a cache that loses the older tokens shows.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}


def _weights(rng, D: int) -> dict:
    def normal(*shape, std):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    std = 1.2 / np.sqrt(D)  # scores of order 1: softmax neither uniform nor one-hot
    return {"qkv_weight": normal(3 * D, D, std=std), "qkv_bias": normal(3 * D, std=0.1),
            "out_weight": normal(D, D, std=std), "out_bias": normal(D, std=0.5)}


def _x(rng, B, T, D) -> np.ndarray:
    return rng.standard_normal((B, T, D)).astype(np.float32)


def _projected_past(weights, x_past, H):
    """The keys and values of x_past (B, T, D) as the layer projects them: (B, H, T, d_k) each."""
    B, T, D = x_past.shape
    qkv = x_past @ weights["qkv_weight"].T + weights["qkv_bias"]  # (B, T, 3D)

    def heads(a):
        return np.ascontiguousarray(a.reshape(B, T, H, D // H).transpose(0, 2, 1, 3), dtype=np.float32)

    return heads(qkv[..., D:2 * D]), heads(qkv[..., 2 * D:])


def checks(rng: np.random.Generator) -> list[Check]:
    def base(B, T, D, H):
        return {"d_model": D, "num_heads": H, "weights": _weights(rng, D), "x": _x(rng, B, T, D)}

    def forward(B, T, D, H):
        return Case("forward", base(B, T, D, H), f"B={B} T={T} d_model={D} H={H}, no past")

    def run(call, B, D, H, chunks):
        args = base(B, sum(chunks), D, H) | {"chunks": list(chunks)}
        return Case(call, args, f"B={B} d_model={D} H={H}, calls of {list(chunks)} tokens")

    def with_past(B, T_past, T_new, D, H, grad=False):
        args = base(B, T_new, D, H)
        args["past_k"], args["past_v"] = _projected_past(args["weights"], _x(rng, B, T_past, D), H)
        label = f"B={B} d_model={D} H={H}, T_past={T_past} T_new={T_new}"
        if grad:
            args["grad_output"] = _x(rng, B, T_new, D)
            return Case("backward", args, label + " (output and gradients)")
        return Case("with_past", args, label)

    def grad_no_past(B, T, D, H):
        args = base(B, T, D, H) | {"grad_output": _x(rng, B, T, D)}
        return Case("backward", args, f"B={B} T={T} d_model={D} H={H}, no past (output and gradients)")

    return [
        Check("full forward (no past) is causal self-attention", [
            forward(2, 5, 8, 2), forward(1, 7, 12, 3), forward(3, 4, 16, 4), forward(2, 1, 8, 2),
        ], options=TOLERANCE),
        Check("prefill, then decoding one token at a time", [
            run("chunks", 2, 8, 2, [3, 1, 1, 1]), run("chunks", 1, 12, 3, [1, 1, 1, 1, 1, 1]),
            run("chunks", 3, 16, 4, [4, 1, 1, 1, 1]),
        ], options=TOLERANCE),
        Check("chunked prefill (several new tokens with a past)", [
            run("chunks", 2, 8, 2, [3, 2, 3]), run("chunks", 1, 12, 3, [2, 4, 2]),
            run("chunks", 2, 16, 4, [1, 3, 1, 2]),
        ], options=TOLERANCE),
        Check("the returned cache holds the projected keys and values", [
            run("cache", 2, 8, 2, [4]), run("cache", 1, 12, 3, [2, 1, 1]), run("cache", 2, 16, 4, [3, 2, 2]),
        ], options=TOLERANCE),
        Check("a past of projected keys and values is used as given", [
            with_past(2, 4, 1, 8, 2), with_past(1, 5, 3, 12, 3), with_past(2, 3, 2, 16, 4),
        ], options=TOLERANCE),
        Check("gradients (backward through your module)", [
            grad_no_past(2, 5, 8, 2), with_past(2, 4, 3, 12, 3, grad=True), with_past(1, 5, 1, 8, 2, grad=True),
        ], options=GRAD_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, D, H, prefill, steps = 1, 128, 4, 384, 64
    args = {"d_model": D, "num_heads": H, "weights": _weights(rng, D), "x": _x(rng, B, prefill + steps, D),
            "chunks": [prefill] + [1] * steps}
    return Efficiency(Case("chunks", args, f"B={B} d_model={D} H={H}, prefill {prefill} then {steps} decode steps"),
                      repeats=3)
