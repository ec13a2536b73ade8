"""Comparators: tiny plugins that judge one output against the expected one.

A comparator is `fn(got, expected, **options) -> Mismatch | None`. Checks name
one ("allclose", "exact"); a problem's checks.py may define its own function of
that shape and name it instead. Built-in diagnoses (None returned, wrong shape,
wrong dtype, NaN/inf, a tensor expected) are produced here, once for everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mlkata.judge.wire import Unsupported

MISMATCH_KINDS = ("none", "type", "shape", "dtype", "nan", "value", "structure")


@dataclass(frozen=True)
class Mismatch:
    kind: str      # one of MISMATCH_KINDS
    message: str


Comparator = Callable[..., "Mismatch | None"]
REGISTRY: dict[str, Comparator] = {}


def comparator(fn: Comparator) -> Comparator:
    REGISTRY[fn.__name__] = fn
    return fn


def _is_number(x) -> bool:
    return type(x) in (int, float) or (isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf")


def _kind(x) -> str:
    return getattr(x, "kind", "ndarray") if isinstance(x, np.ndarray) else type(x).__name__


def describe(x) -> str:
    """Short human description of a value, for messages."""
    if x is None:
        return "None"
    if isinstance(x, Unsupported):
        return f"a {x.type_name}"
    if isinstance(x, np.ndarray):
        what = "tensor" if _kind(x) == "tensor" else "array"
        dtype = getattr(x, "torch_dtype", None) or x.dtype.name
        return f"{what} {dtype} {tuple(x.shape)}"
    return type(x).__name__


# (rtol, atol) by the expected dtype when a check does not set them
DEFAULT_TOLERANCE = {
    "float16": (1e-3, 1e-3), "bfloat16": (1e-2, 1e-2), "float32": (1e-5, 1e-6),
    "float64": (1e-7, 1e-10), "complex64": (1e-5, 1e-6), "complex128": (1e-7, 1e-10),
}


# options for a check whose float64 outputs may come from float32 arithmetic (the contract leaves it open)
FLOAT32_AWARE = {"rtol": 1e-5, "atol": 1e-6}
_PRECISION = {"float16": 0, "bfloat16": 0, "float32": 1, "complex64": 1, "float64": 2, "complex128": 2}


def tolerance(dtype_name: str, rtol: float | None, atol: float | None) -> tuple[float, float]:
    d_rtol, d_atol = DEFAULT_TOLERANCE.get(dtype_name, (1e-7, 1e-10))
    return (d_rtol if rtol is None else rtol, d_atol if atol is None else atol)


def _looser(a: str, b: str) -> str:
    """Of two dtype names, the less precise one (its default tolerance is the one that applies)."""
    return a if _PRECISION.get(a, 2) <= _PRECISION.get(b, 2) else b


def fmt_index(idx: tuple) -> str:
    return "(" + ", ".join(str(int(i)) for i in idx) + ("," if len(idx) == 1 else "") + ")"


def expected_got(e: float, g: float) -> str:
    """'expected X, got Y' with enough digits to tell the two apart, and their difference when small."""
    digits = 6
    while digits < 12 and f"{e:.{digits}g}" == f"{g:.{digits}g}":
        digits += 2
    text = f"expected {e:.{digits}g}, got {g:.{digits}g}"
    if np.isfinite(g) and np.isfinite(e) and abs(g - e) < 1e-3 * max(abs(e), 1e-300):
        text += f" (a difference of {abs(g - e):.2g})"
    return text


def _compare_arrays(got: np.ndarray, exp: np.ndarray, rtol, atol, check_dtype, path) -> Mismatch | None:
    if _kind(exp) == "tensor" and _kind(got) != "tensor":
        return Mismatch("type", f"{path}: expected a torch.Tensor, got {describe(got)}")
    if got.shape != exp.shape:
        return Mismatch("shape", f"{path}: wrong shape: expected {tuple(exp.shape)}, got {tuple(got.shape)}")
    got_dtype = getattr(got, "torch_dtype", None) or got.dtype.name
    exp_dtype = getattr(exp, "torch_dtype", None) or exp.dtype.name
    if check_dtype and got_dtype != exp_dtype:
        return Mismatch("dtype", f"{path}: wrong dtype: expected {exp_dtype}, got {got_dtype}")
    if got.size == 0:
        return None
    if exp.dtype.kind == "b" or got.dtype.kind == "b":
        if exp.dtype.kind != got.dtype.kind and check_dtype:
            return Mismatch("dtype", f"{path}: expected a bool mask, got {got_dtype}")
        bad = np.asarray(got != exp)
        if not bad.any():
            return None
        idx = np.unravel_index(int(np.argmax(bad)), bad.shape)
        return Mismatch("value", f"{path}: {int(bad.sum())} of {bad.size} entries differ; first at "
                                 f"{fmt_index(idx)}: expected {exp[idx]}, got {got[idx]}")
    g = np.asarray(got, dtype=np.complex128 if got.dtype.kind == "c" else np.float64)
    e = np.asarray(exp, dtype=np.complex128 if exp.dtype.kind == "c" else np.float64)
    nonfinite = ~np.isfinite(g) & np.isfinite(e)
    if nonfinite.any():
        idx = np.unravel_index(int(np.argmax(nonfinite)), nonfinite.shape)
        word = "NaN" if np.isnan(g[idx]) else "inf"
        return Mismatch("nan", f"{path}: produced {word} at {int(nonfinite.sum())} of {g.size} entries "
                               f"where the answer is finite (first at {fmt_index(idx)}, expected {e[idx]:.6g})")
    # a result returned in float64 for float32 input, or computed in float32, is judged at the
    # tolerance of the less precise side: dtype is its own check (same_dtype), never a value gate
    rtol, atol = tolerance(_looser(exp_dtype, got_dtype), rtol, atol)
    close = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    with np.errstate(invalid="ignore"):  # -inf - (-inf) where both hold -inf: masked entries agree
        err = np.where(close, 0.0, np.abs(g - e))
    err = np.nan_to_num(err, nan=np.inf)
    idx = np.unravel_index(int(np.argmax(err)), err.shape)
    return Mismatch("value", f"{path}: {int((~close).sum())} of {g.size} entries differ; largest at "
                             f"{fmt_index(idx)}: expected {e[idx]:.6g}, got {g[idx]:.6g}")


def _walk(got, exp, path: str, leaf: Callable) -> Mismatch | None:
    if isinstance(got, Unsupported):
        return Mismatch("type", f"{path}: returned {describe(got)}, which mlkata does not accept "
                                f"(expected {describe(exp)}; subclasses are refused)")
    if got is None and exp is not None:
        return Mismatch("none", f"{path}: returned None (a missing `return`?), expected {describe(exp)}")
    if isinstance(exp, dict):
        if not isinstance(got, dict):
            return Mismatch("structure", f"{path}: expected a dict, got {describe(got)}")
        missing = [k for k in exp if k not in got]
        if missing:
            return Mismatch("structure", f"{path}: missing keys {missing}")
        for k in exp:
            m = _walk(got[k], exp[k], f"{path}[{k!r}]", leaf)
            if m:
                return m
        return None
    if isinstance(exp, list):
        if not isinstance(got, list):
            return Mismatch("structure", f"{path}: expected a sequence of {len(exp)}, got {describe(got)}")
        if len(got) != len(exp):
            return Mismatch("structure", f"{path}: expected {len(exp)} items, got {len(got)}")
        for i, (g, e) in enumerate(zip(got, exp, strict=True)):
            m = _walk(g, e, f"{path}[{i}]", leaf)
            if m:
                return m
        return None
    return leaf(got, exp, path)


@comparator
def allclose(got, expected, rtol: float | None = None, atol: float | None = None, check_dtype: bool = False,
             path: str = "output") -> Mismatch | None:
    """Same structure; arrays of the same shape, values within tolerance (of the less precise dtype).

    check_dtype=True also demands the same dtype: only for a check whose statement requires it."""

    def leaf(g, e, p):
        if isinstance(e, np.ndarray) and e.ndim > 0 or _kind(e) == "tensor":
            if not isinstance(g, np.ndarray):
                return Mismatch("type", f"{p}: expected {describe(e)}, got {describe(g)}")
            return _compare_arrays(g, e, rtol, atol, check_dtype, p)
        if _is_number(e):
            if not _is_number(g):
                return Mismatch("type", f"{p}: expected a number, got {describe(g)}")
            gv, ev = float(np.asarray(g).real), float(np.asarray(e).real)
            if np.isnan(ev) and np.isnan(gv):
                return None
            if not np.isfinite(gv) and np.isfinite(ev):
                return Mismatch("nan", f"{p}: produced {gv} where the answer is {ev:.6g}")
            if np.isclose(gv, ev, *tolerance("float64", rtol, atol)):
                return None
            return Mismatch("value", f"{p}: expected {ev:.6g}, got {gv:.6g}")
        if type(g) is not type(e) or bool(g != e):  # type first: an array's != is elementwise
            return Mismatch("value", f"{p}: expected {e!r}, got {g!r}")
        return None

    return _walk(got, expected, path, leaf)


def allclose_by_dtype(got, expected, path: str = "output", single: tuple[float, float] = (1e-4, 2e-5),
                      double: tuple[float, float] = (1e-9, 1e-10)) -> Mismatch | None:
    """allclose at the (rtol, atol) the expected output's dtype calls for: `single` for a float32 answer
    (the inputs were float32), `double` otherwise."""
    rtol, atol = single if isinstance(expected, np.ndarray) and expected.dtype == np.float32 else double
    return allclose(got, expected, rtol=rtol, atol=atol, path=path)


@comparator
def exact(got, expected, path: str = "output", **_) -> Mismatch | None:
    """Identical values: for integers, token ids, masks."""
    return allclose(got, expected, rtol=0.0, atol=0.0, check_dtype=False, path=path)


@comparator
def same_dtype(got, expected, path: str = "output", **_) -> Mismatch | None:
    """Only the dtype of every array (and the structure around them): for a contract that demands one."""

    def leaf(g, e, p):
        if not isinstance(e, np.ndarray):
            return None
        if not isinstance(g, np.ndarray):
            return Mismatch("type", f"{p}: expected {describe(e)}, got {describe(g)}")
        g_dtype = getattr(g, "torch_dtype", None) or g.dtype.name
        e_dtype = getattr(e, "torch_dtype", None) or e.dtype.name
        if g_dtype != e_dtype:
            return Mismatch("dtype", f"{p}: wrong dtype: expected {e_dtype}, got {g_dtype}")
        return None

    return _walk(got, expected, path, leaf)


def compare(name: str, got, expected, **options) -> Mismatch | None:
    """Run a built-in comparator by name."""
    return REGISTRY[name](got, expected, **options)


def resolve(name: str, problem=None) -> Comparator:
    custom = problem.comparator(name) if problem is not None else None
    if custom is not None:
        return custom
    if name not in REGISTRY:
        raise KeyError(f"unknown comparator {name!r}")
    return REGISTRY[name]



def preview_args(args) -> str:
    """A case's inputs, each argument abbreviated on its own line, so that a long first argument never
    hides a later one (the mask after q, k and v)."""
    if not isinstance(args, dict):
        return preview(args)
    return "\n".join(f"{name}: {preview(value)}" for name, value in args.items())


GRID_MAX = 64  # entries: a larger array is shown as text only


def grid(value) -> list[list[str]] | None:
    """A small 1-d or 2-d numeric array as rows of formatted cells (for a table), else None."""
    if not isinstance(value, np.ndarray) or value.ndim not in (1, 2) or not 0 < value.size <= GRID_MAX:
        return None
    if value.dtype.kind not in "biuf":
        return None
    rows = np.asarray(value).reshape(1, -1) if value.ndim == 1 else np.asarray(value)
    return [[str(v) if rows.dtype.kind in "biu" else f"{v:.6g}" for v in row.tolist()] for row in rows]


def grids(args, expected, got) -> dict[str, list[list[str]]]:
    """The small arrays of a failing case as tables: each input argument, the expected and the actual output."""
    found = {f"input:{name}": grid(value) for name, value in args.items()} if isinstance(args, dict) else {}
    found |= {"expected": grid(expected), "got": grid(got)}
    return {key: table for key, table in found.items() if table is not None}


def preview(value, limit: int = 800) -> str:
    """A compact, readable rendering of plain data for a report (arrays abbreviated)."""
    if isinstance(value, np.ndarray):
        what = describe(value)
        if value.ndim == 0:
            return f"{value.item()!r} ({what})"
        body = np.array2string(np.asarray(value), precision=4, threshold=40, edgeitems=3, max_line_width=88)
        text = f"{what}\n{body}"
    elif isinstance(value, dict):  # each entry abbreviated on its own: a long first one hides no other
        return "\n".join(f"{k}: {preview(v, limit)}" for k, v in value.items())
    elif isinstance(value, list | tuple) and any(isinstance(v, np.ndarray | dict) for v in value):
        return "\n".join(f"[{i}] {preview(v, limit)}" for i, v in enumerate(value))
    else:
        text = repr(value) if not isinstance(value, Unsupported) else describe(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
