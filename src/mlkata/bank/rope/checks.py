"""Named checks for rope: inputs only; expected values come from the model answer.

x is standard normal float32. Positions are int64. The tables handed to apply_rope are of the
rope_cos_sin form (both halves equal), built here in float64 and rounded to float32. Most cases
have head_dim >= 8 (a missing 2 in the exponent shows from i = 1 on) and positions that are not
0..T-1. Angles are float32, as in Hugging Face: their rounding grows with the position, so the
cases with positions in the hundreds get a looser atol.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}  # positions below 64
FAR_TOLERANCE = {"rtol": 1e-4, "atol": 2e-4}  # positions up to 512: float32 angles are off by ~1e-4 there
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}
PROPERTY_TOLERANCE = {"rtol": 1e-4, "atol": 2e-4}  # score changes of ~0 out of scores of ~10


def _shape(x) -> str:
    return "[" + ", ".join(str(n) for n in np.shape(x)) + "]"


def _positions_text(p) -> str:
    p = np.asarray(p)
    flat = p.ravel().tolist()
    if p.ndim == 1 and len(flat) > 2 and flat == list(range(flat[0], flat[0] + len(flat))):
        return f"positions {flat[0]}..{flat[-1]}"
    text = np.array2string(p, separator=",").replace("\n", "").replace(" ", "")
    return f"positions {text}" if len(text) <= 40 else f"positions {_shape(p)} in {p.min()}..{p.max()}"


def _table(positions, head_dim, base=10000.0):
    """The rope_cos_sin tables, computed in float64 and rounded to float32 (inputs of apply_rope)."""
    inv_freq = base ** (-np.arange(0, head_dim, 2) / head_dim)
    angles = np.asarray(positions, dtype=np.float64)[..., None] * inv_freq
    angles = np.concatenate([angles, angles], axis=-1)
    return np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)


def _pos(values) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def checks(rng: np.random.Generator) -> list[Check]:
    def randn(*shape):
        return rng.standard_normal(shape).astype(np.float32)

    def cos_sin(positions, head_dim, base=None):
        positions = _pos(positions)
        args = {"positions": positions, "head_dim": head_dim}
        label = f"{_positions_text(positions)}, head_dim={head_dim}"
        if base is not None:
            args["base"] = base
            label += f", base={base:g}"
        return Case("cos_sin", args, label)

    def apply(B, H, head_dim, positions, note=""):
        positions = _pos(positions)
        cos, sin = _table(positions, head_dim)
        x = randn(B, H, positions.shape[-1], head_dim)
        label = f"x {_shape(x)}, table {_shape(cos)} for {_positions_text(positions)}{note}"
        return Case("apply", {"x": x, "cos": cos, "sin": sin}, label)

    def rope(B, H, head_dim, positions, base=None, note=""):
        positions = _pos(positions)
        x = randn(B, H, positions.shape[-1], head_dim)
        args = {"x": x, "positions": positions}
        label = f"x {_shape(x)}, {_positions_text(positions)}"
        if base is not None:
            args["base"] = base
            label += f", base={base:g}"
        return Case("rope", args, label + note)

    def norms(B, H, head_dim, positions):
        positions = _pos(positions)
        x = randn(B, H, positions.shape[-1], head_dim)
        label = f"|rope(x)| for x {_shape(x)}, {_positions_text(positions)}"
        return Case("norms", {"x": x, "positions": positions}, label)

    def relative(H, head_dim, pq, pk, shift):
        pq, pk = _pos(pq), _pos(pk)
        q, k = randn(1, H, len(pq), head_dim), randn(1, H, len(pk), head_dim)
        label = (f"q {_shape(q)} at {_positions_text(pq)[10:]}, k {_shape(k)} at {_positions_text(pk)[10:]}, "
                 f"all moved by {shift}")
        return Case("relative", {"q": q, "k": k, "positions_q": pq, "positions_k": pk, "shift": shift}, label)

    def backward(B, H, head_dim, positions):
        positions = _pos(positions)
        x = randn(B, H, positions.shape[-1], head_dim)
        g = randn(*x.shape)
        return Case("backward", {"x": x, "positions": positions, "grad_output": g},
                    f"x {_shape(x)}, {_positions_text(positions)} (output and grad of x)")

    left_padded = [[0, 0, 0, 1, 2], [0, 1, 2, 3, 4]]  # example 0: two pad tokens, then positions 0, 1, 2
    return [
        Check("cos, sin for positions 0..T-1", [
            cos_sin(np.arange(6), 8), cos_sin(np.arange(5), 16), cos_sin(np.arange(4), 64), cos_sin(np.arange(3), 2),
        ], options=TOLERANCE),
        Check("cos, sin for positions that do not start at 0 (decoding with a cache)", [
            cos_sin(np.arange(37, 43), 8), cos_sin([50], 16), cos_sin(np.arange(9, 13), 32),
        ], options=TOLERANCE),
        Check("cos, sin for unordered and repeated positions", [
            cos_sin([3, 0, 7, 7, 2, 11], 8), cos_sin([9, 4, 1], 16), cos_sin([5, 5, 5, 5], 4),
        ], options=TOLERANCE),
        Check("cos, sin for batched positions [B, T]", [
            cos_sin([[0, 1, 2, 3], [5, 6, 7, 8]], 8), cos_sin(left_padded, 16),
            cos_sin([[2, 9, 4], [0, 0, 0], [7, 1, 3]], 6),
        ], options=TOLERANCE),
        Check("cos, sin with another base", [
            cos_sin(np.arange(3, 9), 8, base=500.0), cos_sin([[1, 4, 2], [6, 0, 5]], 16, base=1e6),
        ], options=TOLERANCE),
        Check("cos and sin are float32", [
            cos_sin(np.arange(4), 8), cos_sin([[3, 1], [0, 2]], 4),
        ], compare="same_dtype"),
        Check("apply_rope with a [T, head_dim] table", [
            apply(2, 3, 8, np.arange(5)), apply(1, 2, 16, [7, 3, 12, 0]), apply(2, 2, 4, np.arange(20, 26)),
            apply(1, 3, 2, [1, 2, 6]),
        ], options=TOLERANCE),
        Check("apply_rope with a [B, T, head_dim] table (one per example)", [
            apply(2, 3, 8, [[0, 1, 2, 3], [4, 5, 6, 7]], note=" (B != H)"),
            apply(3, 3, 16, [[0, 0, 1, 2], [0, 1, 2, 3], [9, 10, 11, 12]], note=" (B == H)"),
            apply(2, 1, 4, [[5, 1, 3], [2, 8, 0]]),
        ], options=TOLERANCE),
        Check("rope end to end (rope_cos_sin, then apply_rope)", [
            rope(2, 2, 8, np.arange(6)), rope(1, 3, 16, np.arange(30, 34)), rope(2, 2, 8, left_padded),
            rope(1, 2, 32, [4, 0, 9], base=500.0), rope(2, 4, 64, [[3, 4, 5], [11, 12, 13]]),
        ], options=TOLERANCE),
        Check("positions in the hundreds (long contexts)", [
            cos_sin(np.arange(500, 512), 64), cos_sin([[130, 257], [384, 511]], 16),
            rope(1, 2, 32, np.arange(300, 305)), rope(2, 2, 16, [[480, 481], [200, 201]]),
        ], options=FAR_TOLERANCE),
        Check("position 0 is the identity", [
            rope(1, 2, 8, [0], note=" (output == x)"), rope(2, 2, 16, np.zeros(4), note=" (output == x)"),
        ], options=TOLERANCE),
        Check("the norm of every vector is kept", [
            norms(2, 2, 8, [3, 9, 1, 14]), norms(1, 3, 16, [[5, 6, 7, 8, 9]]),
        ], options=TOLERANCE),
        Check("q_m . k_n depends only on m - n", [
            relative(2, 8, [0, 3, 5], [1, 2, 7, 4], 9), relative(1, 16, [2, 6], [0, 1, 2], 21),
        ], options=PROPERTY_TOLERANCE),
        Check("gradients (backward through your functions)", [
            backward(2, 2, 8, [2, 7, 1, 4]), backward(2, 3, 16, [[0, 1, 2], [6, 7, 8]]),
        ], options=GRAD_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, H, T, d = 4, 8, 256, 64
    positions = np.arange(T, dtype=np.int64)[None, :] + rng.integers(0, 64, size=(B, 1))
    x = rng.standard_normal((B, H, T, d)).astype(np.float32)
    return Efficiency(Case("rope", {"x": x, "positions": positions}, f"x [{B}, {H}, {T}, {d}], batched positions"),
                      repeats=5)
