"""Named checks for cross_entropy: inputs only; expected values come from the model answer.

Tolerances are float32-aware whatever the dtype: the contract leaves the arithmetic open (float64,
float32, float64 computed and cast back), and the dtype of a result is not checked. rtol = atol = 1e-5
everywhere: computing log_softmax as x - logsumexp(x) rounds the logsumexp (a value up to ~10 here)
to float32 first, an error of up to half an ulp, ~5e-7, and float32 arithmetic differs from float64 by
a few ulps. Where logits reach 1000 or 1e4 (float64 inputs cast to float32 included), one float32
rounding of a logit is already ~3e-5 or ~5e-4, so those checks get atol 2e-3. A cross_entropy result
is a number, compared with the same rtol/atol.

Every mistake of the catalog fails by inf, NaN, a wrong shape, a changed input or an O(1) error, far
beyond these tolerances.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

F32 = {"rtol": 1e-5, "atol": 1e-5}
F32_LARGE = {"rtol": 1e-5, "atol": 2e-3}


def _check(name: str, cases: list[Case], options: dict | None = None) -> Check:
    return Check(name, cases, options=options or F32)


def _desc(x: np.ndarray) -> str:
    return f"{x.dtype} {x.shape}"


def _lse(x: np.ndarray, axis: int | None = -1, keepdims: bool = False, note: str = "") -> Case:
    if axis is None:
        return Case("logsumexp_default", {"x": x}, f"logsumexp(x {_desc(x)}) (default axis and keepdims){note}")
    extra = ", keepdims=True" if keepdims else ""
    return Case("logsumexp", {"x": x, "axis": axis, "keepdims": keepdims},
                f"logsumexp(x {_desc(x)}, axis={axis}{extra}){note}")


def _lsm(x: np.ndarray, axis: int | None = -1, note: str = "") -> Case:
    if axis is None:
        return Case("log_softmax_default", {"x": x}, f"log_softmax(x {_desc(x)}) (default axis){note}")
    return Case("log_softmax", {"x": x, "axis": axis}, f"log_softmax(x {_desc(x)}, axis={axis}){note}")


def _ce(logits: np.ndarray, labels: np.ndarray, note: str = "") -> Case:
    return Case("cross_entropy", {"logits": logits, "labels": labels},
                f"cross_entropy(logits {_desc(logits)}, labels {labels.dtype} {labels.tolist()}){note}")


def checks(rng: np.random.Generator) -> list[Check]:
    def randn(*shape, dtype=np.float64, scale=3.0, loc=0.0):
        return (loc + rng.standard_normal(shape) * scale).astype(dtype)

    def labels(B, C, dtype=np.int64):
        return rng.integers(0, C, size=B).astype(dtype)

    def ce(B, C, dtype=np.float64, label_dtype=np.int64, **kw):
        return _ce(randn(B, C, dtype=dtype, **kw), labels(B, C, label_dtype))

    def far_rows(offsets, C=6):
        """One row per offset: rows whose values sit hundreds apart from each other."""
        return np.stack([randn(C, loc=o) for o in offsets])

    def wide(B, C, gap, dtype):
        """Each row: one entry near 0 (its max, at a random column), the others `gap` units below."""
        x = randn(B, C, scale=1.0) - rng.uniform(*gap, size=(B, C))
        top = rng.integers(0, C, size=B)
        x[np.arange(B), top] = rng.standard_normal(B)
        return x.astype(dtype), top

    def masked(shape, p=0.4, keep=None):
        """-inf entries at random, except on column 0 (or at `keep`), so no slice is all -inf."""
        x = randn(*shape)
        hide = rng.random(shape) < p
        hide[..., 0] = False
        if keep is not None:
            hide[np.arange(shape[0]), keep] = False
        x[hide] = -np.inf
        return x

    # -- a few inputs that need construction -----------------------------------------------
    wide64, top64 = wide(5, 6, (800.0, 3000.0), np.float64)
    wide64_labels = top64.copy()
    wide64_labels[[0, 2, 3]] = (top64[[0, 2, 3]] + 1 + rng.integers(0, 5, size=3)) % 6  # far entries
    wide32, top32 = wide(4, 5, (150.0, 400.0), np.float32)
    wide32_labels = ((top32 + 1 + rng.integers(0, 4, size=4)) % 5).astype(np.int32)
    far_cols = randn(5, 3)
    far_cols[:, 1] -= 1000.0
    ce_mask_labels = labels(4, 6)
    neg_inf_row = randn(3, 5)
    neg_inf_row[1] = -np.inf
    neg_inf_col = randn(4, 3)
    neg_inf_col[:, 2] = -np.inf
    neg_inf_f32 = randn(2, 4, dtype=np.float32)
    neg_inf_f32[0] = -np.inf
    neg_inf_masked = masked((3, 6))
    neg_inf_masked[2] = -np.inf

    return [
        _check("logsumexp: random inputs (float64)", [
            _lse(randn(7), None), _lse(randn(3, 8)), _lse(randn(2, 3, 5)), _lse(randn(1, 1)),
            _lse(randn(4, 1), note=" (a single column)"), _lse(randn(5, 6), None),
        ]),
        _check("logsumexp: keepdims=True", [
            _lse(randn(4, 6), keepdims=True), _lse(randn(7), keepdims=True),
            _lse(randn(3, 4, 5), axis=-2, keepdims=True), _lse(randn(5, 3), axis=0, keepdims=True),
        ]),
        _check("logsumexp: other axes", [
            _lse(randn(6, 3), axis=0), _lse(randn(3, 4, 5), axis=1), _lse(randn(2, 3, 4), axis=-3),
            _lse(randn(4, 5, 2), axis=2),
        ]),
        _check("logsumexp: float32 inputs", [
            _lse(randn(5, 6, dtype=np.float32)), _lse(randn(2, 4, 3, dtype=np.float32), axis=1, keepdims=True),
            _lse(randn(3, 5, dtype=np.float32), axis=0), _lse(randn(8, dtype=np.float32), None),
        ], options=F32),
        _check("log_softmax: random inputs (float64)", [
            _lsm(randn(7), None), _lsm(randn(3, 8)), _lsm(randn(2, 3, 5)), _lsm(randn(1, 1)),
            _lsm(randn(4, 1), note=" (a single column)"),
        ]),
        _check("log_softmax: other axes", [
            _lsm(randn(6, 3), axis=0), _lsm(randn(3, 4, 5), axis=1), _lsm(randn(3, 4, 5), axis=-2),
            _lsm(randn(2, 3, 4), axis=0),
        ]),
        _check("log_softmax: float32 inputs", [
            _lsm(randn(5, 6, dtype=np.float32)), _lsm(randn(2, 4, 3, dtype=np.float32), axis=0),
            _lsm(randn(9, dtype=np.float32), None),
        ], options=F32),
        _check("square inputs (as many rows as columns)", [
            _lse(randn(4, 4)), _lse(randn(3, 3), keepdims=True), _lsm(randn(5, 5)), ce(6, 6),
        ]),
        _check("cross_entropy: random batches (float64 logits)", [
            ce(8, 5), ce(3, 10, label_dtype=np.int32), ce(16, 3), ce(7, 4, scale=0.3),
            _ce(randn(1, 4), labels(1, 4), " (B=1)"),
            _ce(randn(5, 1), np.zeros(5, dtype=np.int64), " (C=1: the loss is 0)"),
        ]),
        _check("cross_entropy: float32 logits", [
            ce(6, 7, dtype=np.float32), ce(4, 12, dtype=np.float32, label_dtype=np.int32),
        ], options=F32),
        _check("large logits (|x| ~ 1e4), float64", [
            _lse(randn(3, 6, loc=1e4)), _lse(randn(2, 7, loc=-1e4)), _lse(randn(5, loc=1e4), None),
            _lsm(randn(3, 6, loc=1e4)), _lsm(randn(4, 5, loc=-1e4)),
            ce(6, 5, loc=1e4), ce(4, 8, loc=-1e4),
        ], options=F32_LARGE),
        _check("large logits, float32 (exp overflows above ~88)", [
            _lse(randn(3, 6, dtype=np.float32, loc=1e4)), _lsm(randn(4, 5, dtype=np.float32, loc=100.0)),
            _lsm(randn(3, 6, dtype=np.float32, loc=-1e4)), ce(5, 4, dtype=np.float32, loc=1e4),
        ], options=F32_LARGE),
        _check("slices far apart (rows hundreds of units apart)", [
            _lse(far_rows([0.0, -1000.0, 5.0])), _lsm(far_rows([0.0, -1000.0, 5.0])),
            _ce(far_rows([3.0, -1000.0, 0.0]), labels(3, 6)),
            _lse(far_rows([400.0, -400.0])), _lsm(far_rows([-400.0, 400.0])),
            _lse(far_cols, axis=0, note=" (column 1 ~1000 below the others)"),
        ], options=F32_LARGE),
        _check("entries far below their slice's max (100s to 1000s)", [
            _lsm(wide64, note=" (entries 800-3000 below each row's max)"),
            _ce(wide64, wide64_labels, " (3 labels sit 800-3000 below their row's max)"),
            _lsm(wide32, note=" (entries 150-400 below each row's max)"),
            _ce(wide32, wide32_labels, " (every label sits 150-400 below its row's max)"),
            _lse(wide64),
        ], options=F32_LARGE),
        _check("masked logits (some -inf entries)", [
            _lse(masked((3, 5))), _lse(masked((3, 4)).T.copy(), axis=0), _lsm(masked((4, 6))),
            _ce(masked((4, 6), keep=ce_mask_labels), ce_mask_labels, " (-inf entries, never at a label)"),
        ]),
        _check("logsumexp of an all -inf slice is -inf", [
            _lse(neg_inf_row, note=" (row 1 is all -inf)"),
            _lse(neg_inf_col, axis=0, keepdims=True, note=" (column 2 is all -inf)"),
            _lse(np.full(5, -np.inf), None, note=" (all -inf)"),
            _lse(neg_inf_f32, note=" (row 0 is all -inf)"),
            _lse(neg_inf_masked, note=" (row 2 all -inf, others partly)"),
            _lse(np.full((2, 3), -np.inf), axis=0, note=" (all -inf)"),
        ]),
        Check("leaves its inputs unchanged", [
            Case("logsumexp_input_after_call", {"x": randn(3, 5), "axis": -1},
                 "x float64 (3, 5) after logsumexp(x, axis=-1)"),
            Case("log_softmax_input_after_call", {"x": randn(4, 3, dtype=np.float32), "axis": 0},
                 "x float32 (4, 3) after log_softmax(x, axis=0)"),
            Case("cross_entropy_inputs_after_call", {"logits": randn(5, 4), "labels": labels(5, 4)},
                 "logits float64 (5, 4) and labels int64 (5,) after cross_entropy(logits, labels)"),
        ], compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, C = 256, 1000
    args = {"logits": rng.standard_normal((B, C)) * 3.0, "labels": rng.integers(0, C, size=B)}
    return Efficiency(Case("cross_entropy", args, f"cross_entropy(logits float64 ({B}, {C}), labels int64 ({B},))"),
                      repeats=3)
