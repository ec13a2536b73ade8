"""Named checks for autograd: expression graphs as plain data; expected values come from the model answer.

A program is a list of ops [name, *operands] (see driver.py): ints index earlier
nodes, floats are constants. Every program is generated together with its
forward values, so that it stays inside the contract: no relu input near 0, log
only of values >= 0.05, denominators and bases of negative powers bounded away
from 0, fractional powers only of positive bases, and every value of moderate size.
"""

from __future__ import annotations

import math

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch

BOUND = 60.0  # |value| of every node (but the final sum) stays below this
VALUE_OPS = ("add", "sub", "mul", "div")
CONST_OPS = ("add_c", "sub_c", "mul_c", "div_c", "radd", "rsub", "rmul", "rdiv")
UNARY_OPS = ("neg", "relu", "tanh", "exp", "log")
EXPONENTS = (2, 3, -1, -2, 2.0, 0.5, 1.5, -0.5)


def _value(name: str, vals: list[float], args: list) -> float | None:
    """The forward value of one op, or None where the op leaves the contract's domain."""
    if name == "leaf":
        return args[0]
    a = vals[args[0]]
    b = vals[args[1]] if name in VALUE_OPS else args[1] if len(args) > 1 else None
    if name in ("div", "div_c") and abs(b) < 0.25 or name == "rdiv" and abs(a) < 0.25:
        return None
    if name == "pow" and (b < 0 and abs(a) < 0.25 or b != int(b) and a < 0.1):
        return None
    if name == "relu" and abs(a) < 0.01 or name == "log" and a < 0.05 or name == "exp" and a > 3.5:
        return None
    result = {
        "add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b, "div": lambda: a / b,
        "add_c": lambda: a + b, "sub_c": lambda: a - b, "mul_c": lambda: a * b, "div_c": lambda: a / b,
        "radd": lambda: b + a, "rsub": lambda: b - a, "rmul": lambda: b * a, "rdiv": lambda: b / a,
        "neg": lambda: -a, "pow": lambda: a**b, "relu": lambda: max(a, 0.0),
        "tanh": lambda: math.tanh(a), "exp": lambda: math.exp(a), "log": lambda: math.log(a),
    }[name]()
    return result if abs(result) <= BOUND else None


class Program:
    """Builds one program op by op, with its forward values."""

    def __init__(self):
        self.ops: list[list] = []
        self.vals: list[float] = []

    def try_op(self, name: str, *args) -> int | None:
        value = _value(name, self.vals, list(args))
        if value is None:
            return None
        self.ops.append([name, *args])
        self.vals.append(value)
        return len(self.ops) - 1

    def op(self, name: str, *args) -> int:
        index = self.try_op(name, *args)
        if index is None:
            raise ValueError(f"{name}{args} leaves the domain of the contract")
        return index

    def leaf(self, x: float) -> int:
        return self.op("leaf", float(x))

    def leaves(self, *xs: float) -> list[int]:
        return [self.leaf(x) for x in xs]

    def sum(self, indices: list[int]) -> int:
        """Adds the nodes up (the total may exceed BOUND: nothing but the output uses it)."""
        total = indices[0]
        for i in indices[1:]:
            self.ops.append(["add", total, i])
            self.vals.append(self.vals[total] + self.vals[i])
            total = len(self.ops) - 1
        return total


# -- labels ---------------------------------------------------------------------------------

INFIX = {"add": "+", "sub": "-", "mul": "*", "div": "/", "add_c": "+", "sub_c": "-", "mul_c": "*",
         "div_c": "/", "radd": "+", "rsub": "-", "rmul": "*", "rdiv": "/", "pow": "**"}


def _render(ops: list[list]) -> str:
    """`x0=0.5, x1=-1.2: (x0 * x1).tanh()` for a small program."""
    names: list[str] = []
    leaves = []
    for name, *args in ops:
        if name == "leaf":
            names.append(f"x{len(leaves)}")
            leaves.append(f"{names[-1]}={args[0]:g}")
            continue
        a = names[args[0]] if ops[args[0]][0] == "leaf" else f"({names[args[0]]})"
        if name in VALUE_OPS:
            b = names[args[1]] if ops[args[1]][0] == "leaf" else f"({names[args[1]]})"
            names.append(f"{a} {INFIX[name]} {b}")
        elif name in ("radd", "rsub", "rmul", "rdiv"):
            names.append(f"{args[1]:g} {INFIX[name]} {a}")
        elif name in INFIX:
            names.append(f"{a} {INFIX[name]} {args[1]:g}")
        elif name == "neg":
            names.append(f"-{a}")
        else:
            names.append(f"{a}.{name}()")
    return f"{', '.join(leaves)}: {names[-1]}"


def _case(program: Program, label: str | None = None) -> Case:
    return Case("forward_backward", {"program": program.ops}, label or _render(program.ops))


def _check(name: str, cases: list[Case]) -> Check:
    return Check(name, cases, compare="autograd_close")


def _summary(program: Program, what: str) -> str:
    n_leaves = sum(op[0] == "leaf" for op in program.ops)
    return f"{what}: {len(program.ops)} nodes, {n_leaves} leaves"


# -- the operator checks ----------------------------------------------------------------------

def _single(name: str, *operands) -> Program:
    """A leaf for each float operand (ints index earlier nodes), then one op."""
    p = Program()
    p.op(name, *[p.leaf(x) if isinstance(x, float) else x for x in operands])
    return p


def _chained(name: str, xs: list[float]) -> Program:
    """((x0 op x1) op x2) op x3 ..."""
    p = Program()
    leaves = p.leaves(*xs)
    out = p.op(name, leaves[0], leaves[1])
    for i in leaves[2:]:
        out = p.op(name, out, i)
    return p


def _with_const(name: str, x: float, c: float, nest: int = 1) -> Program:
    p = Program()
    out = p.leaf(x)
    for _ in range(nest):
        out = p.op(name, out, c)
    return p


def _unary(name: str, x: float, nest: int = 1) -> Program:
    p = Program()
    out = p.leaf(x)
    for _ in range(nest):
        out = p.op(name, out)
    return p


def operator_checks() -> list[Check]:
    return [
        _check("add: v + w, v + c, c + v", [_case(p) for p in [
            _single("add", 0.7, -1.3), _with_const("add_c", -0.4, 2.5), _with_const("radd", 1.1, -0.75),
            _chained("add", [0.3, -2.1, 1.7, 0.9]), _with_const("radd", 0.2, 1.5, nest=3),
        ]]),
        _check("sub and neg: v - w, v - c, c - v, -v", [_case(p) for p in [
            _single("sub", 0.7, -1.3), _with_const("sub_c", -0.4, 2.5), _with_const("rsub", 1.1, -0.75),
            _unary("neg", 1.6), _chained("sub", [0.3, -2.1, 1.7, 0.9]), _with_const("rsub", 0.2, 1.5, nest=3),
            _unary("neg", -0.8, nest=3),
        ]]),
        _check("mul: v * w, v * c, c * v", [_case(p) for p in [
            _single("mul", 0.7, -1.3), _with_const("mul_c", -0.4, 2.5), _with_const("rmul", 1.1, -0.75),
            _chained("mul", [0.8, -2.1, 1.7, 0.9]), _with_const("rmul", 1.2, 1.5, nest=3),
        ]]),
        _check("div: v / w, v / c, c / v", [_case(p) for p in [
            _single("div", 0.7, -1.3), _with_const("div_c", -0.4, 2.5), _with_const("rdiv", 1.1, -0.75),
            _chained("div", [0.8, -2.1, 1.7, 0.9]), _with_const("rdiv", 1.2, 1.5, nest=3),
        ]]),
        _check("pow: v ** k (integer, negative and fractional k)", [_case(p) for p in [
            _with_const("pow", 1.3, 2), _with_const("pow", -0.7, 3), _with_const("pow", -1.6, -1),
            _with_const("pow", 0.9, -2), _with_const("pow", -1.4, 2.0), _with_const("pow", 2.3, 0.5),
            _with_const("pow", 0.6, 1.5), _with_const("pow", 1.7, -0.5), _with_const("pow", 1.1, 2, nest=2),
            _with_const("pow", 1.9, 0.5, nest=3),
        ]]),
        _check("relu (positive and negative inputs)", [_case(p) for p in [
            _unary("relu", 1.3), _unary("relu", -0.6), _unary("relu", 0.05), _unary("relu", 2.2, nest=2),
        ]]),
        _check("tanh", [_case(p) for p in [
            _unary("tanh", 0.4), _unary("tanh", -1.7), _unary("tanh", 3.1), _unary("tanh", 0.9, nest=3),
        ]]),
        _check("exp", [_case(p) for p in [
            _unary("exp", 0.4), _unary("exp", -2.3), _unary("exp", 2.9), _unary("exp", -0.5, nest=2),
        ]]),
        _check("log", [_case(p) for p in [
            _unary("log", 0.4), _unary("log", 2.3), _unary("log", 17.0), _unary("log", 9.5, nest=2),
        ]]),
    ]


# -- sharing ------------------------------------------------------------------------------------

def same_operand_cases() -> list[Case]:
    cases = [_case(_single(name, 1.3, 0)) for name in ("mul", "add", "sub", "div")]
    p = Program()
    x = p.leaf(-0.8)
    h = p.op("tanh", x)
    p.op("mul", h, h)
    cases.append(_case(p))
    p = Program()
    x, y = p.leaves(0.6, -1.4)
    xy = p.op("mul", x, y)
    sq = p.op("mul", xy, xy)
    p.op("div", sq, x)
    cases.append(_case(p))
    return cases


def shared_cases() -> list[Case]:
    cases = []
    # one interior node used many times, at different depths from the output
    p = Program()
    a, b = p.leaves(0.9, -1.3)
    h = p.op("tanh", p.op("mul", a, b))
    uses = [p.op("mul", h, h), p.op("mul", h, a), p.op("add", h, b), p.op("div", h, b), p.op("pow", h, 2),
            p.op("exp", h), p.op("rmul", h, 1.5), p.op("sub", a, h), p.op("relu", p.op("neg", h))]
    uses.append(p.op("mul", h, p.op("tanh", p.op("mul", uses[0], uses[1]))))
    p.sum(uses)
    cases.append(_case(p, "h = (x0 * x1).tanh() used 12 times, at different depths (x0=0.9, x1=-1.3)"))
    # a diamond whose two branches have different lengths
    p = Program()
    a = p.leaf(0.7)
    b = p.op("mul_c", a, 2.0)
    c = p.op("tanh", p.op("exp", p.op("tanh", a)))
    d = p.op("mul", b, c)
    p.op("add", d, b)
    cases.append(_case(p))
    # a ladder: every level uses the previous one twice, so paths to the leaves double per level
    p = Program()
    x, y = p.leaves(0.5, -0.9)
    for _ in range(10):
        x, y = p.op("tanh", p.op("add", p.op("mul", x, y), y)), p.op("tanh", p.op("sub", y, x))
    p.op("mul", x, y)
    cases.append(_case(p, "a 10-level ladder: each level uses both nodes of the level below twice"))
    # one leaf feeding 25 ops; another leaf is never used (its grad stays 0)
    p = Program()
    x, unused, w = p.leaves(0.8, 2.4, -1.1)
    terms = []
    for k in range(25):
        name = ("mul", "add", "tanh", "pow", "rdiv")[k % 5]
        args = {"mul": (x, w), "add": (x, w), "tanh": (x,), "pow": (x, 1 + k % 3), "rdiv": (x, 0.5 + k / 10)}[name]
        terms.append(p.op(name, *args))
    p.sum(terms)
    cases.append(_case(p, "x0 feeds 25 ops; x1 is not used (its grad stays 0)"))
    return cases


# -- random graphs and deep chains --------------------------------------------------------------

def _pick(rng: np.random.Generator, n: int) -> int:
    """An earlier node, mostly a recent one: graphs get both depth and sharing."""
    if rng.random() < 0.6:
        return int(n - 1 - rng.integers(0, min(n, 4)))
    return int(rng.integers(0, n))


def _const(rng: np.random.Generator) -> float:
    return float(round(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 3.0), 2))


def random_program(rng: np.random.Generator, n_leaves: int, n_ops: int) -> Program:
    p = Program()
    for _ in range(n_leaves):
        p.leaf(round(float(rng.choice([-1.0, 1.0]) * rng.uniform(0.2, 2.0)), 3))
    names = VALUE_OPS * 2 + CONST_OPS + UNARY_OPS * 2 + ("pow",) * 2
    made = 0
    while made < n_ops:
        name = str(rng.choice(names))
        n = len(p.ops)
        if name in VALUE_OPS:
            args = (_pick(rng, n), _pick(rng, n))
        elif name in CONST_OPS:
            args = (_pick(rng, n), _const(rng))
        elif name == "pow":
            args = (_pick(rng, n), EXPONENTS[int(rng.integers(len(EXPONENTS)))])
        else:
            args = (_pick(rng, n),)
        made += p.try_op(name, *args) is not None
    used = {i for op in p.ops if op[0] != "leaf" for i in (op[1:3] if op[0] in VALUE_OPS else op[1:2])}
    dangling = [i for i, op in enumerate(p.ops) if op[0] != "leaf" and i not in used]
    if len(dangling) > 1:  # the output depends on every interior node; unused leaves keep grad 0
        p.sum(dangling)
    return p


def _slope(name: str, vals: list[float], args: tuple) -> float:
    """d(op)/d(its first operand): deep chains keep it near 1 so gradients neither vanish nor explode."""
    x = vals[args[0]]
    slopes = {
        "mul": lambda: vals[args[1]], "mul_c": lambda: args[1], "rsub": lambda: -1.0, "neg": lambda: -1.0,
        "tanh": lambda: 1 - math.tanh(x) ** 2, "exp": lambda: math.exp(x), "log": lambda: 1 / x,
    }
    return slopes.get(name, lambda: 1.0)()


def deep_chain(rng: np.random.Generator, length: int) -> Program:
    """One long path; three shared leaves join it thousands of times."""
    p = Program()
    out = p.leaf(0.7)
    shared = p.leaves(0.999, -1.001, 0.35)
    while len(p.ops) < length:
        name = str(rng.choice(["add", "mul", "sub", "add_c", "rsub", "neg", "mul_c", "tanh", "exp", "log"]))
        if name in ("add", "mul", "sub"):
            args = (out, shared[int(rng.integers(2 if name == "mul" else 3))])  # multiply only by the ~±1 leaves
        elif name == "mul_c":
            args = (out, round(float(rng.choice([-1.0, 1.0]) * rng.uniform(0.9, 1.1)), 3))
        elif name in ("add_c", "rsub"):
            args = (out, round(float(rng.uniform(-0.5, 0.5)), 3))
        else:
            args = (out,)
        value = _value(name, p.vals, list(args))
        if value is not None and 0.05 <= abs(value) <= 3.0 and 0.7 <= abs(_slope(name, p.vals, args)) <= 1.4:
            out = p.op(name, *args)
    return p


# -- checks ---------------------------------------------------------------------------------------

def checks(rng: np.random.Generator) -> list[Check]:
    graphs = [random_program(rng, int(rng.integers(2, 9)), int(rng.integers(8, 60))) for _ in range(12)]
    zeros = [_single("mul", 1.3, -0.4), random_program(rng, 4, 20)]
    return [
        *operator_checks(),
        _check("one value on both sides of an op (x * x, x + x, h * h)", same_operand_cases()),
        _check("shared nodes (one node feeding many ops, diamonds)", shared_cases()),
        _check("random expression graphs", [_case(g, _summary(g, f"random graph {i}")) for i, g in enumerate(graphs)]),
        _check("deep chains (thousands of nodes)", [
            _case(p, _summary(p, "a chain")) for p in (deep_chain(rng, 1500), deep_chain(rng, 3000))
        ]),
        _check("grads are 0 before backward", [
            Case("grads_before_backward", {"program": p.ops}, _summary(p, "a graph before backward")) for p in zeros
        ]),
    ]


def _mlp(rng: np.random.Generator, sizes: tuple[int, ...], batch: int) -> list[list]:
    """Squared error of a tanh/relu MLP on `batch` examples: an expression of a few thousand nodes."""
    ops: list[list] = []

    def add(*op) -> int:
        ops.append(list(op))
        return len(ops) - 1

    def leaf() -> int:
        return add("leaf", round(float(rng.uniform(-1, 1)), 3))

    layers = [([[leaf() for _ in range(n_in)] for _ in range(n_out)], [leaf() for _ in range(n_out)])
              for n_in, n_out in zip(sizes, sizes[1:])]
    losses = []
    for _ in range(batch):
        h = [leaf() for _ in range(sizes[0])]
        for depth, (weights, biases) in enumerate(layers):
            outs = []
            for w_row, bias in zip(weights, biases):
                total = bias
                for w, x in zip(w_row, h):
                    total = add("add", total, add("mul", w, x))
                outs.append(total if depth == len(layers) - 1 else add("tanh" if depth == 0 else "relu", total))
            h = outs
        losses.append(add("pow", add("sub_c", h[0], 0.5), 2))
    total = losses[0]
    for loss in losses[1:]:
        total = add("add", total, loss)
    return ops


def efficiency(rng: np.random.Generator) -> Efficiency:
    ops = _mlp(rng, (8, 16, 16, 1), batch=2)
    label = f"the squared error of an 8-16-16-1 MLP on 2 examples: {len(ops)} nodes"
    return Efficiency(Case("forward_backward", {"program": ops}, label), repeats=3)


# -- comparator -----------------------------------------------------------------------------------

def autograd_close(got, expected, rtol: float = 1e-6, atol: float = 1e-9, path: str = "output") -> Mismatch | None:
    """Forward values and gradients as numbers (int or float alike), within a tolerance that scales
    with the largest expected magnitude; mismatches are named by node and leaf.

    Plain Python rather than numpy: diagnosis calls this thousands of times on short lists."""
    if not isinstance(got, dict):
        return Mismatch("structure", f"{path}: expected a dict of values and gradients, got {type(got).__name__}")
    for key in ("data", "grads"):
        if key not in expected:
            continue
        exp, values = expected[key], got.get(key)
        if not isinstance(values, list) or len(values) != len(exp) or \
                not all(type(v) in (int, float) for v in values):
            return Mismatch("structure", f"{path}[{key!r}]: expected {len(exp)} numbers")
        if values == exp:
            continue
        scale = max((abs(e) for e in exp if math.isfinite(e)), default=0.0)
        tol = atol * max(1.0, scale)
        bad = [i for i, (g, e) in enumerate(zip(values, exp)) if not (g == e or abs(g - e) <= tol + rtol * abs(e))]
        if not bad:
            continue
        i = bad[0]
        if key == "data":
            what = f"forward value of node {i}"
        elif "leaves" in expected:
            what = f"gradient of the output w.r.t. leaf x{i} (node {expected['leaves'][i]})"
        else:
            what = f"grad of node {i} before backward"
        kind = "nan" if not math.isfinite(values[i]) and math.isfinite(exp[i]) else "value"
        return Mismatch(kind, f"{len(bad)} of {len(exp)} {'values' if key == 'data' else 'gradients'} "
                              f"differ; first: {what}: expected {exp[i]:.6g}, got {values[i]:.6g}")
    return None
