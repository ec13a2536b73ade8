"""Engine behaviour beyond the bank's invariant: accepted semantics, concrete failures, caching."""

import textwrap

import pytest

from mlkata.problems.catalog import get_problem
from mlkata.problems.problem import load_problem

TOML = '''
id = "rounding"
title = "Round to integers"
track = "test"
difficulty = "easy"
minutes = 5
framework = "numpy"
entry_points = ["round_all"]
accepted = ["half_up.py"]
hints = ["np.round or floor(x + 0.5)"]

[[mistakes]]
id = "truncates"
title = "Truncates instead of rounding"
explanation = "astype(int) drops the fraction."
hint = "Round first."
[[mistakes.edits]]
old = "np.round(x)"
new = "np.trunc(x)"
'''


@pytest.fixture
def rounding(tmp_path):
    """A toy problem with two accepted semantics: round half to even, or half up."""
    folder = tmp_path / "rounding"
    folder.mkdir()
    files = {
        "problem.toml": TOML,
        "statement.md": "# Round\n\nHalves may go to even or up.\n",
        "starter.py": "def round_all(x):\n    raise NotImplementedError\n",
        "solution.py": "import numpy as np\n\n\ndef round_all(x):\n    return np.round(x)\n",
        "half_up.py": "import numpy as np\n\n\ndef round_all(x):\n    return np.floor(x + 0.5)\n",
        "driver.py": "def round_all(impl, x):\n    return impl.round_all(x)\n",
        "checks.py": textwrap.dedent('''
            import numpy as np
            from mlkata.problems.spec import Case, Check

            def checks(rng):
                return [
                    Check("plain", [Case("round_all", {"x": np.array([0.2, 1.7, -2.2])}, "plain")]),
                    Check("halves", [Case("round_all", {"x": np.array([0.5, 1.5, 2.5])}, "halves"),
                                     Case("round_all", {"x": np.array([-1.5, -2.5])}, "negative halves")]),
                ]
        '''),
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    return load_problem(folder)


def test_either_accepted_semantics_passes(engine, rounding):
    assert engine.check(rounding, rounding.solution).passed
    assert engine.check(rounding, rounding.read("half_up.py")).passed


def test_mixing_semantics_fails(engine, rounding):
    mixed = ("import numpy as np\n\ndef round_all(x):\n"
             "    return np.round(x) if (x < 0).any() else np.floor(x + 0.5)\n")
    report = engine.check(rounding, mixed)
    assert not report.passed
    assert [c.passed for c in report.checks] == [True, False]


def test_mistake_diagnosed_against_the_closest_reference(engine, rounding):
    report = engine.check(rounding, rounding.mistake("truncates").source)
    assert not report.passed and report.mistakes[0].id == "truncates"


def test_unmatched_failure_is_shown_concretely(engine):
    softmax = get_problem("softmax")
    off = ("import numpy as np\n\ndef softmax(x, axis=-1):\n"
           "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
           "    return e / (e.sum(axis=axis, keepdims=True) + 1e-3)\n")
    report = engine.check(softmax, off)
    assert not report.passed and report.mistakes == []
    case = report.first_failure
    assert case.check == softmax.checks[0].name
    assert "x: array float64" in case.inputs
    assert case.expected.startswith("array float64") and case.got.startswith("array float64")
    assert "differ" in case.reason


def test_passing_report_has_no_failure_and_an_efficiency_ratio(engine):
    softmax = get_problem("softmax")
    report = engine.check(softmax, softmax.solution)
    assert report.first_failure is None
    assert report.efficiency is not None and report.efficiency.warning is None


def test_python_loop_is_flagged_as_slow(engine):
    softmax = get_problem("softmax")
    loop = textwrap.dedent('''
        import numpy as np

        def softmax(x, axis=-1):
            x = np.moveaxis(x, axis, -1)
            out = np.empty(x.shape, dtype=x.dtype)
            flat_in, flat_out = x.reshape(-1, x.shape[-1]), out.reshape(-1, x.shape[-1])
            for i in range(flat_in.shape[0]):
                row = flat_in[i]
                total = 0.0
                m = max(row) if row.size else 0.0
                vals = [np.exp(v - m) for v in row]
                total = sum(vals)
                for j, v in enumerate(vals):
                    flat_out[i, j] = v / total
            return np.moveaxis(out, -1, axis)
    ''')
    report = engine.check(softmax, loop)
    assert report.passed, [c.message for c in report.checks if not c.passed]
    assert report.efficiency.ratio >= 10 and "Python loop" in report.efficiency.warning


def test_same_id_other_content_is_not_confused(engine, tmp_path):
    """Caches and the worker's input store are keyed by the folder's content, not the id."""
    import shutil

    softmax = get_problem("softmax")
    copy = tmp_path / "softmax"
    shutil.copytree(softmax.folder, copy)
    (copy / "checks.py").write_text(textwrap.dedent('''
        import numpy as np
        from mlkata.problems.spec import Case, Check

        def checks(rng):
            return [Check("one case", [Case("softmax", {"x": np.array([[1.0, 2.0]]), "axis": -1}, "tiny")])]
    '''))
    edited = load_problem(copy)
    assert engine.check(softmax, softmax.solution).passed
    report = engine.check(edited, edited.solution)
    assert report.passed and [c.name for c in report.checks] == ["one case"]
    assert len(engine.check(softmax, softmax.solution).checks) == len(softmax.checks)


@pytest.fixture
def doubling(tmp_path):
    """A toy problem with a 1 s limit and an efficiency case far larger than its checked cases."""
    folder = tmp_path / "doubling"
    folder.mkdir()
    files = {
        "problem.toml": textwrap.dedent('''
            id = "doubling"
            title = "Double every entry"
            track = "test"
            difficulty = "easy"
            minutes = 5
            framework = "numpy"
            entry_points = ["double"]
            hints = ["2 * x"]
            time_limit = 1.0

            [[mistakes]]
            id = "adds-one"
            title = "Adds one"
            explanation = "x + 1 is not 2 * x."
            hint = "Multiply."
            [[mistakes.edits]]
            old = "2 * x"
            new = "x + 1"
        '''),
        "statement.md": "# Double\n",
        "starter.py": "def double(x):\n    raise NotImplementedError\n",
        "solution.py": "def double(x):\n    return 2 * x\n",
        "driver.py": "def double(impl, x):\n    return impl.double(x)\n",
        "checks.py": textwrap.dedent('''
            import numpy as np
            from mlkata.problems.spec import Case, Check, Efficiency

            def checks(rng):
                return [Check("small", [Case("double", {"x": np.arange(4.0)}, "x (4,)")])]

            def efficiency(rng):
                return Efficiency(Case("double", {"x": np.zeros(100_000)}, "x (100000,)"), repeats=1)
        '''),
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    return load_problem(folder)


# correct (or wrong) on the small cases, then hangs on the large efficiency input
SLOW = "import time\n\ndef double(x):\n    if x.size > 1000:\n        time.sleep(30)\n    return {}\n"


def test_running_out_of_time_while_timing_keeps_a_pass_with_a_warning(engine, doubling):
    report = engine.check(doubling, SLOW.format("2 * x"))
    assert report.error is None and report.passed
    assert "did not finish within the 1 s limit" in report.efficiency.warning
    assert report.efficiency.ratio >= 10 and report.efficiency.finished is False


def test_running_out_of_time_while_timing_keeps_the_diagnosis(engine, doubling):
    report = engine.check(doubling, SLOW.format("x + 1"))
    assert report.error is None and not report.passed
    assert [m.id for m in report.mistakes] == ["adds-one"]


def test_a_hang_in_the_checked_cases_is_still_a_timeout(engine, doubling):
    report = engine.check(doubling, "import time\n\ndef double(x):\n    time.sleep(30)\n")
    assert report.error is not None and report.error.kind == "timeout"


def _rounding_with(plain: str, rest: str) -> str:
    """round_all that behaves as `plain` on the 3-entry case and as `rest` on the others."""
    return (f"import numpy as np\n\ndef round_all(x):\n    if x.size == 3 and x[0] < 0.3:\n"
            f"        return {plain}\n    return {rest}\n")


def test_a_failure_no_named_mistake_reproduces_is_shown_concretely(engine, rounding):
    # truncates on "plain" and on the halves, and does something else on the negative halves
    source = ("import numpy as np\n\ndef round_all(x):\n    if (x < 0).all():\n        return x * 0\n"
              "    return np.trunc(x)\n")
    report = engine.check(rounding, source)
    assert [m.id for m in report.mistakes] == ["truncates"]
    assert report.mistakes[0].explains == 2 and report.mistakes[0].failing == 3
    assert report.first_unexplained is not None and report.first_unexplained.case == "negative halves"


def test_a_mistake_that_reproduces_every_failure_leaves_nothing_unexplained(engine, rounding):
    report = engine.check(rounding, "import numpy as np\n\ndef round_all(x):\n    return np.trunc(x)\n")
    assert [m.id for m in report.mistakes] == ["truncates"] and report.first_unexplained is None


def test_a_weak_match_is_labelled_partial_in_the_report(engine, rounding):
    from rich.console import Console

    from mlkata.cli import render

    report = engine.check(rounding, _rounding_with("np.trunc(x)", "x * 0"))
    assert report.mistakes[0].id == "truncates" and report.mistakes[0].explains == 1
    console = Console(record=True, width=120)
    render.report(console, report, rounding, None)
    text = console.export_text()
    assert "Likely mistake: Truncates instead of rounding" in text
    assert "Not reproduced by the mistake above" in text


def test_an_error_on_most_cases_is_the_verdict_not_a_partial_match(engine):
    """A typo in __init__ raises on every case: the report is that error, with its line, and no
    mistake is offered on the strength of a look-alike failure."""
    from mlkata.problems.catalog import get_problem

    problem = get_problem("multi_head_attention")
    source = problem.solution.replace("self.num_heads = num_heads", "self.num_heads = num_head")
    report = engine.check(problem, source)
    assert not report.passed
    assert report.error is not None and report.error.kind == "exception", report.error
    assert "NameError" in report.error.message and report.error.line == 15
    assert all(not m.likely for m in report.mistakes)


def test_advice_warns_without_failing(engine):
    """An API a problem advises against (np.linalg.inv of X^T X) earns a note with its line, never a failure."""
    problem = get_problem("linear_regression")
    source = problem.solution.replace("import numpy as np\n", "import numpy as np\nfrom numpy.linalg import inv\n", 1)
    source += "\n\ndef _unused(a):\n    return inv(a)\n"
    report = engine.check(problem, source)
    assert report.passed
    assert len(report.advice) == 1 and report.advice[0].startswith("line ") and "ill-conditioned" in report.advice[0]
    assert engine.check(problem, problem.solution).advice == []


def test_a_worker_started_on_a_short_lived_thread_outlives_it():
    """bubblewrap's --die-with-parent follows the thread that started it: a worker first started by a
    check on a passing thread (a web request, a service connection) must keep serving afterwards."""
    import threading

    from mlkata.judge.engine import Engine

    problem = get_problem("softmax")
    engine = Engine(("numpy",))  # not entered: the worker starts with the first check, on the thread
    try:
        first = []
        thread = threading.Thread(target=lambda: first.append(engine.check(problem, problem.solution)))
        thread.start()
        thread.join()
        assert first[0].passed
        again = engine.check(problem, problem.solution)
        assert again.passed and engine.worker.generation == 1
    finally:
        engine.close()
