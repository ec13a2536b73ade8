"""The notebook API: `from mlkata import check` turns objects, paths and source into a judged report,
in a module and in a real Jupyter kernel."""

import importlib.util
import json
import os
import subprocess
import sys
import textwrap

import pytest

from mlkata import check
from mlkata.errors import MlkataError
from mlkata.notebook import submission_source
from mlkata.problems.catalog import get_problem

BUGGY_SOFTMAX = """import numpy as np

def softmax(x, axis=-1):
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
"""

HELPERS = '''
from __future__ import annotations

import math

import numpy as np
from numpy import exp as npexp

AXIS = -1
NAMES = ("a", "b")
SHIFT = np.float32(0)   # not a literal: sent as its own statement
unused = object()       # never named by the function: never sent


def _shift(x, axis):
    return x - x.max(axis=axis, keepdims=True) + SHIFT


def my_softmax(x, axis=AXIS):
    assert math.isfinite(1.0) and len(NAMES) == 2
    e = npexp(_shift(x, axis))
    return e / e.sum(axis=axis, keepdims=True)
'''


def load(tmp_path, source: str, name: str = "user_module"):
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(source))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_function_brings_its_imports_helpers_and_constants(tmp_path):
    module = load(tmp_path, HELPERS)
    source, filename = submission_source(get_problem("softmax"), module.my_softmax)
    assert filename == "softmax.py"
    assert source.startswith("from __future__ import annotations\n")
    for line in ("import math", "import numpy as np", "from numpy import exp as npexp", "AXIS = -1",
                 "NAMES = ('a', 'b')", "SHIFT = np.float32(0)", "def _shift(x, axis):", "softmax = my_softmax"):
        assert line in source, line
    assert "unused" not in source
    assert source.index("def _shift") < source.index("def my_softmax") < source.index("softmax = my_softmax")
    report = check("softmax", module.my_softmax)
    assert report.passed, report


def test_a_buggy_softmax_names_the_mistake(tmp_path):
    module = load(tmp_path, BUGGY_SOFTMAX)
    report = check("softmax", module.softmax)
    assert not report.passed
    assert "no-max-shift" in [m.id for m in report.mistakes]
    assert report.mistakes is report.report.mistakes and report.checks and report.error is None
    text = str(report)
    assert "FAILED" in text and "no-max-shift" in text and text == repr(report)
    assert json.loads(json.dumps(report.to_dict()))["mistakes"][0]["id"] == "no-max-shift"
    page = report._repr_html_()
    assert "no-max-shift" in page and "FAILED" in page
    assert "<script" not in page.lower() and "http://" not in page and "https://" not in page and "url(" not in page


def test_source_text_and_path(tmp_path):
    report = check("softmax", BUGGY_SOFTMAX)
    assert [m.id for m in report.mistakes][:1] == ["no-max-shift"]
    path = tmp_path / "mine.py"
    path.write_text(get_problem("softmax").solution)
    for given in (path, str(path)):
        report = check("softmax", given)
        assert report.passed and report.filename == "mine.py"
    with pytest.raises(MlkataError, match="neither an existing file nor Python source"):
        check("softmax", str(tmp_path / "missing.py"))


def test_a_class_entry_point(tmp_path):
    module = load(tmp_path, get_problem("autograd").solution)
    source, _ = submission_source(get_problem("autograd"), module.Value)
    assert source.startswith("import math\n") and "class Value:" in source
    report = check("autograd", module.Value)
    assert report.passed, report


def test_several_entry_points(tmp_path):
    problem = get_problem("attention")
    module = load(tmp_path, problem.solution)
    objects = [getattr(module, name) for name in problem.entry_points]
    together, _ = submission_source(problem, objects)
    alone, _ = submission_source(problem, objects[0])  # the others are found beside it
    by_name, _ = submission_source(problem, {o.__name__: o for o in objects})
    assert together == alone == by_name
    assert all(f"def {name}(" in together for name in problem.entry_points)
    assert check("attention", objects).passed
    partial = load(tmp_path, "def causal_mask(t):\n    pass\n\n\ndef mask(t):\n    pass\n", "partial")
    with pytest.raises(MlkataError, match="scaled_dot_product_attention, padding_mask, combine_masks are not"):
        check("attention", partial.causal_mask)
    with pytest.raises(MlkataError, match="`mask` is not one of attention's entry points"):
        check("attention", partial.mask)


def test_a_helper_from_the_users_own_module_is_sent_as_source(tmp_path, monkeypatch):
    (tmp_path / "my_helpers.py").write_text("import numpy as np\n\n\ndef stable_exp(x, axis):\n"
                                            "    return np.exp(x - x.max(axis=axis, keepdims=True))\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = load(tmp_path, """
        from my_helpers import stable_exp

        def softmax(x, axis=-1):
            e = stable_exp(x, axis)
            return e / e.sum(axis=axis, keepdims=True)
        """)
    source, _ = submission_source(get_problem("softmax"), module.softmax)
    assert "my_helpers" not in source and "def stable_exp" in source  # the sandbox could not import it
    assert check("softmax", module.softmax).passed


def test_a_name_rebound_after_its_import_is_sent_as_it_is_now(tmp_path):
    module = load(tmp_path, """
        from math import exp
        import numpy as np
        exp = np.exp

        def softmax(x, axis=-1):
            e = exp(x - x.max(axis=axis, keepdims=True))
            return e / e.sum(axis=axis, keepdims=True)
        """)
    source, _ = submission_source(get_problem("softmax"), module.softmax)
    assert "math" not in source and "from numpy import exp" in source  # what `exp` is now, imported
    assert check("softmax", module.softmax).passed


def test_what_has_no_source_is_refused_clearly(tmp_path):
    module = load(tmp_path, """
        def make():
            scale = 1.0
            def softmax(x, axis=-1):
                return x * scale
            return softmax
        """)
    with pytest.raises(MlkataError, match="inside another function and uses its variables \\(scale\\)"):
        check("softmax", module.make())
    with pytest.raises(MlkataError, match="lambda"):
        check("softmax", lambda x: x)
    with pytest.raises(MlkataError, match="not a int object"):
        check("softmax", 3)
    with pytest.raises(MlkataError, match="No problem called"):
        check("sofmax", BUGGY_SOFTMAX)


def test_import_mlkata_stays_light():
    code = ("import sys, mlkata; from mlkata import check; "
            "print(sorted(m for m in ('numpy', 'rich', 'mlkata.judge.engine') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---- a real Jupyter kernel ----------------------------------------------------------------------

def test_a_notebook_cell_gets_the_named_mistake(tmp_path, monkeypatch):
    jupyter_client = pytest.importorskip("jupyter_client")
    pytest.importorskip("ipykernel")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    # a kernelspec of this interpreter, so that CI needs the pip packages only (no `ipykernel install`)
    spec = tmp_path / "kernels" / "mlkata-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "mlkata test", "language": "python"}))
    for var, folder in (("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"), ("JUPYTER_DATA_DIR", "data")):
        monkeypatch.setenv(var, str(tmp_path / folder))
    env = dict(os.environ)  # MLKATA_HOME, MLKATA_WORKSPACE, MLKATA_JUDGE_SERVICE=off from conftest
    manager = KernelManager(kernel_name="mlkata-test",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec.parent)],
                                                                  ensure_native_kernel=False))
    manager.start_kernel(env=env)
    kernel = manager.client()
    try:
        kernel.start_channels()
        kernel.wait_for_ready(timeout=60)

        def run(code: str) -> tuple[str, dict]:
            out: dict = {"stdout": "", "result": {}}

            def hook(msg):
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    out["stdout"] += content["text"]
                elif kind == "execute_result":
                    out["result"] = content["data"]
                elif kind == "error":
                    out["stdout"] += "\n".join(content["traceback"])

            reply = kernel.execute_interactive(code, output_hook=hook, timeout=60)
            assert reply["content"]["status"] == "ok", out["stdout"]
            return out["stdout"], out["result"]

        run(BUGGY_SOFTMAX)
        stdout, result = run('from mlkata import check; r = check("softmax", softmax); '
                             'print([m.id for m in r.mistakes]); r')
        assert "no-max-shift" in stdout
        assert "text/html" in result and "no-max-shift" in result["text/html"]
        assert "no-max-shift" in result["text/plain"]

        # the import, a class without methods and a helper in cells of their own, a renamed entry point
        run("import numpy\nclass Config:\n    shift = 0.0")
        run("def shifted(x, axis):\n    return x - x.max(axis=axis, keepdims=True) + Config.shift")
        run("def my_softmax(x, axis=-1):\n    e = numpy.exp(shifted(x, axis))\n"
            "    return e / e.sum(axis=axis, keepdims=True)")
        stdout, _ = run("print(check('softmax', my_softmax).passed)")
        assert stdout.strip() == "True"
        run("class Value:\n    def __init__(self, data):\n        self.data = data")  # a class from a cell
        stdout, _ = run("from mlkata.notebook import submission_source\n"
                        "from mlkata.problems.catalog import get_problem\n"
                        "print(submission_source(get_problem('autograd'), Value)[0])")
        assert "class Value:" in stdout and "self.data = data" in stdout
    finally:
        kernel.stop_channels()
        manager.shutdown_kernel(now=True)
    assert jupyter_client  # imported for the skip only
