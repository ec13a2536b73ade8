"""Forbidden APIs: the static scan (aliases resolved, no false positives) and the runtime guard."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from mlkata.judge import forbidden
from mlkata.judge.forbidden import ForbiddenAPIError, scan

MHA = "torch.nn.MultiheadAttention"
SDPA = "torch.nn.functional.scaled_dot_product_attention"
ATTENTION = [MHA, SDPA, "torch.nn.functional.multi_head_attention_forward"]
SOFTMAX = ["scipy", "torch", "sklearn", "jax"]


def names(source: str, banned: list[str]) -> list[tuple[str, int]]:
    return [(u.name, u.line) for u in scan(textwrap.dedent(source), banned)]


@pytest.mark.parametrize(("source", "expected"), [
    ("import torch.nn as nn\nm = nn.MultiheadAttention(8, 2)\n", [(MHA, 2)]),
    ("from torch import nn\nm = nn.MultiheadAttention(8, 2)\n", [(MHA, 2)]),
    ("import torch\nm = torch.nn.MultiheadAttention(8, 2)\n", [(MHA, 2)]),
    ("import torch as t\nm = t.nn.MultiheadAttention(8, 2)\n", [(MHA, 2)]),
    ("from torch.nn import MultiheadAttention\n", [(MHA, 1)]),
    ("from torch.nn import MultiheadAttention as Attn\nm = Attn(8, 2)\n", [(MHA, 1)]),
    ("from torch.nn import functional as F\ny = F.scaled_dot_product_attention(q, k, v)\n", [(SDPA, 2)]),
    ("import torch.nn.functional as F\n\n\ny = F.scaled_dot_product_attention(q, k, v)\n", [(SDPA, 4)]),
    ("import torch.nn.functional\ny = torch.nn.functional.scaled_dot_product_attention(q, k, v)\n", [(SDPA, 2)]),
    ("from torch.nn.functional import scaled_dot_product_attention as sdpa\n", [(SDPA, 1)]),
    # an alias the scan cannot follow still counts by its last name
    ("import torch\nfn = torch.nn.functional\ny = fn.scaled_dot_product_attention(q, k, v)\n", [(SDPA, 3)]),
    # a re-export inside the same package
    ("import torch.nn.modules.activation as act\nm = act.MultiheadAttention(8, 2)\n", [(MHA, 2)]),
    # reached through an attribute of self
    ("import torch.nn.functional as F\nclass A:\n    def f(self):\n"
     "        return self.F.scaled_dot_product_attention\n", [(SDPA, 4)]),
    # first use wins, each entry reported once
    ("import torch.nn as nn\n\nnn.MultiheadAttention\nnn.MultiheadAttention\n", [(MHA, 3)]),
])
def test_aliases_are_resolved(source, expected):
    assert names(source, ATTENTION) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("from scipy.special import softmax\n", [("scipy", 1)]),
    ("import scipy\n", [("scipy", 1)]),
    ("import scipy.special as sp\ny = sp.softmax(x)\n", [("scipy", 1)]),
    ("import numpy as np\nimport scipy.special\n", [("scipy", 2)]),
    ("import numpy as np\nimport torch\n", [("torch", 2)]),
    ("from torch import nn\n", [("torch", 1)]),
    ("import jax.numpy as jnp\nimport sklearn\n", [("jax", 1), ("sklearn", 2)]),
    ("def f():\n    import scipy.special\n    return scipy.special.softmax\n", [("scipy", 2)]),
])
def test_forbidden_modules(source, expected):
    assert names(source, SOFTMAX) == expected


@pytest.mark.parametrize("source", [
    # the user's own functions and variables that share a name with a forbidden one
    "def softmax(x, axis=-1):\n    return x\ny = softmax(1)\n",
    "def scaled_dot_product_attention(q, k, v):\n    return q\nscaled_dot_product_attention(1, 2, 3)\n",
    "class MultiheadAttention:\n    pass\nm = MultiheadAttention()\n",
    "scipy_like = 1\nmy_scipy = scipy_like\ntorchvision_ish = 2\n",
    # strings and comments
    "s = 'import scipy; scipy.special.softmax'\n# import torch\n",
    # the user's own methods
    "class A:\n    def softmax(self, x):\n        return x\n\n    def f(self, x):\n        return self.softmax(x)\n",
    "class A:\n    def scaled_dot_product_attention(self, q):\n        return q\n"
    "    def f(self):\n        return self.scaled_dot_product_attention(1)\n",
    # allowed parts of the same packages
    "import numpy as np\ny = np.exp(1) / np.sum(np.exp(1))\n",
    "import torch.nn.functional as F\ny = F.softmax(x, dim=-1)\nz = F.linear(x, w)\n",
    "import torch.nn as nn\nlayer = nn.Linear(4, 4)\n",
    # attributes that merely end like a module name
    "x = obj.scipy\ny = obj.torch.thing\n",
    # a relative import is the user's own package
    "from . import scipy\n",
])
def test_no_false_positives(source):
    banned = ATTENTION + ["scipy"]
    assert names(source, banned) == []


def test_a_resolved_name_from_another_package_is_not_a_forbidden_one():
    # `scipy.special.softmax` is not `torch.softmax`, even though both end in `softmax`
    assert names("from scipy.special import softmax\n", ["torch.softmax"]) == []
    assert names("import numpy as np\nnp.linalg.norm(x)\n", ["torch.linalg.norm"]) == []
    # but an unresolved alias ending in the name still counts
    assert names("y = x.softmax(0)\n", ["torch.softmax"]) == [("torch.softmax", 1)]


def test_nothing_forbidden_means_nothing_found():
    assert scan("import scipy\n", []) == []


def test_message_names_the_api():
    assert "`scipy`" in forbidden.message("scipy") and "not allowed" in forbidden.message("scipy")
    err = ForbiddenAPIError(SDPA)
    assert err.name == SDPA and SDPA in str(err)


def test_module_blocker_refuses_forbidden_modules_and_their_submodules():
    blocker = forbidden._BlockForbiddenModules(["scipy", "jax"])
    for name in ("scipy", "scipy.special", "jax.numpy"):
        with pytest.raises(ForbiddenAPIError):
            blocker.find_spec(name)
    for name in ("numpy", "scipyx", "jaxlib"):
        assert blocker.find_spec(name) is None


GUARD_SCRIPT = """
import importlib, json
import numpy as np
import torch
import torch.nn.functional as F
from mlkata.judge import forbidden

import torch.nn.attention  # loaded, with its flex_attention submodule not imported yet
import torch.nn.utils.parametrize  # a submodule loaded before the guard
forbidden.install_guard(["scipy", "torch.nn.functional.scaled_dot_product_attention", "torch.nn.MultiheadAttention",
                         "torch.nn.attention.flex_attention", "torch.nn.utils.parametrize"])
results = {}

def attempt(name, fn):
    try:
        fn()
        results[name] = "ok"
    except forbidden.ForbiddenAPIError as exc:
        results[name] = "forbidden:" + exc.name

attempt("import scipy.special", lambda: importlib.import_module("scipy.special"))
attempt("__import__ computed", lambda: getattr(__import__("sci" + "py.special", fromlist=["x"]), "softmax"))
q = torch.ones(1, 2, 3)
attempt("F.sdpa", lambda: F.scaled_dot_product_attention(q, q, q))
attempt("getattr sdpa", lambda: getattr(torch.nn.functional, "scaled_" + "dot_product_attention")(q, q, q))
attempt("nn.MHA", lambda: torch.nn.MultiheadAttention(4, 2))
attempt("F.softmax", lambda: F.softmax(q, dim=-1))
attempt("numpy", lambda: importlib.import_module("numpy.linalg"))
attempt("flex_attention by name", lambda: importlib.import_module("torch.nn." + "attention.flex_attention"))
attempt("loaded submodule by name", lambda: importlib.import_module("torch.nn.utils." + "parametrize"))
print(json.dumps(results))
"""


def test_runtime_guard_in_a_fresh_process():
    out = subprocess.run([sys.executable, "-c", GUARD_SCRIPT], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout.strip().splitlines()[-1])
    assert results == {
        "import scipy.special": "forbidden:scipy",
        "__import__ computed": "forbidden:scipy",
        "F.sdpa": f"forbidden:{SDPA}",
        "getattr sdpa": f"forbidden:{SDPA}",
        "nn.MHA": f"forbidden:{MHA}",
        "F.softmax": "ok",
        "numpy": "ok",
        "flex_attention by name": "forbidden:torch.nn.attention.flex_attention",
        "loaded submodule by name": "forbidden:torch.nn.utils.parametrize",
    }
