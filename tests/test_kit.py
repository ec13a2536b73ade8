"""The checking kit is the bank's only door into mlkata: problem folders import nothing else."""

import ast

import pytest

import mlkata.kit as kit
from mlkata.problems.catalog import all_problems

PROBLEMS = list(all_problems().values())


def _mlkata_imports(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "mlkata":
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.split(".")[0] == "mlkata"}
    return names


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_problem_files_import_only_the_kit(problem):
    for path in problem.folder.rglob("*.py"):
        assert _mlkata_imports(path.read_text()) <= {"mlkata.kit"}, path


def test_the_kit_exports_what_it_documents():
    for name in kit.__all__:
        assert getattr(kit, name) is not None
        assert name in kit.__doc__ or name in ("Case", "Check", "Efficiency") or name.isupper()
    assert kit.compare("allclose", 1.0, 1.0) is None
    assert kit.compare("exact", 1, 2).kind == "value"
    assert kit.expected_got(1.0, 1.0000001) == "expected 1, got 1.0000001 (a difference of 1e-07)"
