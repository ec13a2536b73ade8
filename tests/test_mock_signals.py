"""Code signals of a mock round: the ast lint agrees with ruff on its rule set, shape comments, debugging."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mlkata.practice import signals

RULES = "F401,F841,E711,E712,E722,B006,F541"
ROOT = Path(__file__).resolve().parents[1]
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")

SLOPPY = '''\
import os
import numpy as np
from typing import List  # noqa: F401
import math  # noqa


def f(x, seen=[], opts={}):
    unused = np.sum(x)
    used = x + 1
    if x == None or used != None:
        pass
    if x == True:
        print(f"done")
    try:
        pass
    except:
        pass
    return used


def g(total):
    total += 1
    y: int = 3
    a, b = 1, 2
    return total
'''


def ruff_findings(paths: list[Path]) -> set[tuple[str, int, str]]:
    out = subprocess.run([RUFF, "check", "--isolated", "--select", RULES, "--output-format", "json",
                          *map(str, paths)], capture_output=True, text=True, cwd=ROOT).stdout
    return {(Path(d["filename"]).name, d["location"]["row"], d["code"]) for d in json.loads(out)}


def ours(path: Path) -> set[tuple[str, int, str]]:
    return {(path.name, line, code) for line, code, _ in signals.measure(path.read_text()).lint}


@pytest.mark.skipif(RUFF is None, reason="ruff (a test dependency) is not installed")
def test_lint_agrees_with_ruff_on_a_sloppy_file(tmp_path):
    path = tmp_path / "sloppy.py"
    path.write_text(SLOPPY)
    found = ours(path)
    assert {code for _, _, code in found} == set(RULES.split(","))
    assert found == ruff_findings([path])


@pytest.mark.skipif(RUFF is None, reason="ruff (a test dependency) is not installed")
def test_lint_agrees_with_ruff_on_the_bank_and_every_spelling():
    files = sorted([*ROOT.glob("src/mlkata/bank/*/solution.py"), *ROOT.glob("src/mlkata/bank/*/starter.py"),
                    *ROOT.glob("tests/spellings/*/*.py")])
    mine = {(p.name, line, code) for p in files for line, code, _ in signals.measure(p.read_text()).lint}
    assert mine == ruff_findings(files)


def test_shape_comments_at_the_key_lines():
    source = '''\
def f(x, w):
    b, t, c = x.shape
    q = x.reshape(b, t, 4, c // 4)  # (B, T, H, D)
    # [B, H, T, D]
    q = q.transpose(1, 2)
    s = q @ q.transpose(-1, -2)
    return s.sum(-1)
'''
    sig = signals.measure(source)
    assert sig.key_lines == [3, 5, 6] and sig.commented == [3, 5]
    assert signals.SHAPE_COMMENT.search("# B x T x C") and signals.SHAPE_COMMENT.search("# out shape matches")
    assert not signals.SHAPE_COMMENT.search("# max shift for stability")


def test_debugging_leftovers_but_not_in_the_main_block():
    source = '''\
import pdb


def f(x):
    print(x)
    breakpoint()
    pdb.set_trace()
    return x


if __name__ == "__main__":
    print(f(1))
'''
    assert [line for line, _ in signals.measure(source).debug] == [1, 5, 6, 7]


def test_a_file_that_does_not_parse_has_only_its_syntax_error():
    sig = signals.measure("def f(:\n")
    assert sig.syntax_error.startswith("line 1") and sig.lint == [] and sig.key_lines == []


def test_every_model_answer_meets_the_code_signals():
    """The thresholds are ones a careful candidate meets: every model answer of the bank does."""
    from mlkata.practice import rubric
    from mlkata.problems.catalog import all_problems

    share = next(c["min_share"] for c in rubric.load()["criteria"] if c["name"] == "shape_comments")
    for problem in all_problems().values():
        sig = signals.measure(problem.solution)
        assert not sig.debug and not sig.lint, problem.id
        assert not sig.key_lines or len(sig.commented) / len(sig.key_lines) >= share, problem.id
    assert signals.SHAPE_COMMENT.search("# [N] logits") and signals.SHAPE_COMMENT.search("# (n,)")
    assert not signals.SHAPE_COMMENT.search("# (see below)")
