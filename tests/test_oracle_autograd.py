"""The autograd model answer against PyTorch autograd (float64): forward values and gradients.

Programs (graphs as data, see bank/autograd/driver.py) are interpreted twice by the
driver's own op table: once with the model answer's Value, once with torch tensors.
"""


import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("autograd")


SOLUTION, DRIVER, CHECKS = (PROBLEM.load_module(f"{name}.py") for name in ("solution", "driver", "checks"))


def with_model(program: list[list]) -> tuple[np.ndarray, np.ndarray]:
    out = DRIVER.forward_backward(SOLUTION, program)
    return np.array(out["data"]), np.array(out["grads"])


def with_torch(program: list[list]) -> tuple[np.ndarray, np.ndarray]:
    def leaf(x: float) -> torch.Tensor:
        return torch.tensor(x, dtype=torch.float64, requires_grad=True)

    nodes: list[torch.Tensor] = []
    for name, *operands in program:
        nodes.append(DRIVER.OPS[name](leaf, nodes, *operands))
    nodes[-1].backward()
    leaves = [nodes[i] for i, op in enumerate(program) if op[0] == "leaf"]
    grads = [0.0 if t.grad is None else t.grad.item() for t in leaves]
    return np.array([t.item() for t in nodes]), np.array(grads)


def assert_matches_torch(program: list[list]) -> None:
    data, grads = with_model(program)
    t_data, t_grads = with_torch(program)
    np.testing.assert_allclose(data, t_data, rtol=1e-9, atol=1e-12, err_msg="forward values")
    scale = max(1.0, float(np.abs(t_grads).max(initial=0.0)))
    np.testing.assert_allclose(grads, t_grads, rtol=1e-7, atol=1e-10 * scale, err_msg="gradients")


@st.composite
def programs(draw) -> list[list]:
    """Random expression graphs inside the contract's domain (out-of-domain ops are skipped)."""
    p = CHECKS.Program()
    magnitude = st.floats(0.05, 2.5, allow_nan=False)
    sign = st.sampled_from([-1.0, 1.0])
    for _ in range(draw(st.integers(1, 5))):
        p.leaf(draw(sign) * draw(magnitude))
    names = CHECKS.VALUE_OPS + CHECKS.CONST_OPS + CHECKS.UNARY_OPS + ("pow",)
    for _ in range(draw(st.integers(1, 30))):
        name = draw(st.sampled_from(names))
        node = st.integers(0, len(p.ops) - 1)
        if name in CHECKS.VALUE_OPS:
            args = (draw(node), draw(node))
        elif name in CHECKS.CONST_OPS:
            args = (draw(node), draw(sign) * draw(st.floats(0.3, 3.0)))
        elif name == "pow":
            args = (draw(node), draw(st.sampled_from(CHECKS.EXPONENTS)))
        else:
            args = (draw(node),)
        p.try_op(name, *args)
    if p.ops[-1][0] == "leaf":
        p.op("mul", len(p.ops) - 1, 0)
    return p.ops


@settings(max_examples=60, deadline=None)
@given(programs())
def test_random_graphs_match_torch(program):
    assert_matches_torch(program)


BANK_CASES = [case for check in PROBLEM.checks for case in check.cases if case.call == "forward_backward"]


@pytest.mark.parametrize("case", BANK_CASES, ids=lambda c: c.label[:60])
def test_every_bank_program_matches_torch(case):
    assert_matches_torch(case.args["program"])


def test_shared_node_and_deep_chain_match_torch():
    p = CHECKS.Program()
    x, y = p.leaves(0.3, -1.7)
    h = p.op("tanh", p.op("mul", x, y))
    p.sum([p.op("mul", h, h)] + [p.op("rmul", h, 0.5 + k / 7) for k in range(40)])
    assert_matches_torch(p.ops)
    assert_matches_torch(CHECKS.deep_chain(np.random.default_rng(0), 4000).ops)


def test_grads_start_at_zero():
    a, b = SOLUTION.Value(1.5), SOLUTION.Value(-2.0)
    c = (a * b).tanh() + a
    assert [a.grad, b.grad, c.grad] == [0, 0, 0]
    c.backward()
    assert c.grad == 1
