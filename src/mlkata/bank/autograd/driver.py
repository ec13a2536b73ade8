"""Builds expression graphs with the implementation's Value class and runs backward.

Runs in the sandbox; holds no answers. A program is a list of ops, each a list
[name, *operands]: ints index earlier nodes, floats are constants. Python's
operators are used as a user would, so `2.0 + v` exercises __radd__, and so on.
"""

import gc
from contextlib import contextmanager

OPS = {
    "leaf": lambda Value, n, x: Value(x),
    "add": lambda Value, n, i, j: n[i] + n[j],
    "sub": lambda Value, n, i, j: n[i] - n[j],
    "mul": lambda Value, n, i, j: n[i] * n[j],
    "div": lambda Value, n, i, j: n[i] / n[j],
    "add_c": lambda Value, n, i, c: n[i] + c,
    "sub_c": lambda Value, n, i, c: n[i] - c,
    "mul_c": lambda Value, n, i, c: n[i] * c,
    "div_c": lambda Value, n, i, c: n[i] / c,
    "radd": lambda Value, n, i, c: c + n[i],
    "rsub": lambda Value, n, i, c: c - n[i],
    "rmul": lambda Value, n, i, c: c * n[i],
    "rdiv": lambda Value, n, i, c: c / n[i],
    "neg": lambda Value, n, i: -n[i],
    "pow": lambda Value, n, i, k: n[i] ** k,
    "relu": lambda Value, n, i: n[i].relu(),
    "tanh": lambda Value, n, i: n[i].tanh(),
    "exp": lambda Value, n, i: n[i].exp(),
    "log": lambda Value, n, i: n[i].log(),
}


@contextmanager
def _collect_after():
    """No garbage collection while a graph is built and differentiated, one pass after.

    A graph makes thousands of small objects, and a full collection walks every object in
    the process, including all that numpy and torch made at import in the sandbox's process:
    collections during the call would time the collector rather than the implementation."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _number(x, what: str) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        raise TypeError(f"{what} should be a number, got {type(x).__name__}") from None


def _build(impl, program):
    nodes = []
    for name, *operands in program:
        nodes.append(OPS[name](impl.Value, nodes, *operands))
    return nodes


def forward_backward(impl, program):
    """Forward values of every node; gradients of the last node w.r.t. every leaf."""
    with _collect_after():
        nodes = _build(impl, program)
        nodes[-1].backward()
    leaves = [i for i, op in enumerate(program) if op[0] == "leaf"]
    return {
        "data": [_number(node.data, "Value.data") for node in nodes],
        "grads": [_number(nodes[i].grad, "Value.grad after backward") for i in leaves],
        "leaves": leaves,
    }


def grads_before_backward(impl, program):
    """The grad of every node after the graph is built and before backward is called."""
    with _collect_after():
        return {"grads": [_number(node.grad, "Value.grad before backward") for node in _build(impl, program)]}
