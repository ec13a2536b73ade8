"""Code signals an interviewer notices, measured on the submitted file with `ast` (no ruff at run time):
shape comments at the key lines, leftover debugging, and a small lint rule set (ruff's codes)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field

# calls and operators that change or combine shapes: the lines a reader wants a shape comment on
KEY_CALLS = {"reshape", "view", "transpose", "permute", "einsum", "matmul", "bmm", "swapaxes", "moveaxis",
             "concatenate", "cat", "stack", "unsqueeze", "expand_dims", "flatten", "repeat_interleave", "chunk"}
DIM = r"(?:\.\.\.|…|\w+(?:\s*(?:[*+-]|/+)\s*\w+)*)"  # B, 2*h, c // 4, ...
SHAPE_COMMENT = re.compile(rf"[(\[]\s*{DIM}(?:\s*,\s*{DIM})*\s*,?\s*[)\]]|\bshape\b|\b\w+ x \w+\b|\w\s*×\s*\w",
                           re.IGNORECASE)
DEBUGGERS = {"pdb", "ipdb", "pudb"}


@dataclass
class Signals:
    key_lines: list[int] = field(default_factory=list)        # lines that reshape or combine tensors
    commented: list[int] = field(default_factory=list)        # those with a shape comment
    debug: list[tuple[int, str]] = field(default_factory=list)  # (line, what)
    lint: list[tuple[int, str, str]] = field(default_factory=list)  # (line, code, message)
    syntax_error: str | None = None


def measure(source: str) -> Signals:
    """Every signal of one source (a file that does not parse has none but its syntax error)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return Signals(syntax_error=f"line {exc.lineno}: {exc.msg}")
    comments = _comments(source)
    key = sorted(_key_lines(tree))
    commented = [n for n in key if any(SHAPE_COMMENT.search(comments.get(m, "")) for m in (n, n - 1))]
    return Signals(key, commented, _debugging(tree), lint(tree, comments))


def _comments(source: str) -> dict[int, str]:
    out: dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                out[tok.start[0]] = tok.string
    except (tokenize.TokenError, SyntaxError):
        pass
    return out


def _key_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            lines.add(node.lineno)
        elif isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            if name in KEY_CALLS:
                lines.add(node.lineno)
    return lines


def _main_block(tree: ast.Module) -> set[int]:
    """Lines inside `if __name__ == "__main__":` (a candidate's own tests may print there)."""
    lines: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            lines |= set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def _debugging(tree: ast.Module) -> list[tuple[int, str]]:
    skip = _main_block(tree)
    found = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id in ("print", "breakpoint"):
                found.append((node.lineno, f"{fn.id}()"))
            elif isinstance(fn, ast.Attribute) and fn.attr == "set_trace":
                found.append((node.lineno, "set_trace()"))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if any(n.split(".")[0] in DEBUGGERS for n in names):
                found.append((node.lineno, "debugger import"))
    return sorted(found)


NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


def lint(tree: ast.Module, comments: dict[int, str] | None = None) -> list[tuple[int, str, str]]:
    """The small rule set, as ruff names it; a `# noqa` (or `# noqa: CODE`) comment silences its line."""
    found = [f for f in _rules(tree) if not _silenced(f[0], f[1], comments or {})]
    return sorted(set(found))


def _silenced(line: int, code: str, comments: dict[int, str]) -> bool:
    match = NOQA.search(comments.get(line, ""))
    return bool(match) and (not match["codes"] or code in re.split(r"[,\s]+", match["codes"].upper()))


def _rules(tree: ast.Module) -> list[tuple[int, str, str]]:
    found = _unused_imports(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += _unused_locals(node)
            for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
                if isinstance(default, (ast.List, ast.Dict, ast.Set)):
                    found.append((default.lineno, "B006", "mutable default argument"))
        elif isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant):
                    if right.value is None:
                        found.append((node.lineno, "E711", "comparison to None with == (use `is`)"))
                    elif isinstance(right.value, bool):
                        found.append((node.lineno, "E712", f"comparison to {right.value} with =="))
        elif isinstance(node, ast.ExceptHandler) and node.type is None:
            found.append((node.lineno, "E722", "bare except"))
        elif isinstance(node, ast.JoinedStr) and not any(isinstance(v, ast.FormattedValue) for v in node.values):
            found.append((node.lineno, "F541", "f-string without placeholders"))
    return found


def _unused_imports(tree: ast.Module) -> list[tuple[int, str, str]]:
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    exported = _dunder_all(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not (
                isinstance(node, ast.ImportFrom) and node.module == "__future__"):
            for alias in node.names:
                name = alias.asname or alias.name.split(".")[0]
                if alias.name != "*" and name not in used and name not in exported:
                    found.append((node.lineno, "F401", f"`{alias.name}` imported but unused"))
    return found


def _dunder_all(tree: ast.Module) -> set[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            if isinstance(node.value, (ast.List, ast.Tuple)):
                return {e.value for e in node.value.elts if isinstance(e, ast.Constant)}
    return set()


def _unused_locals(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[int, str, str]]:
    """Names bound by a plain `name = ...` in the function and never read in it (ruff F841's core)."""
    loads, stores, shared = set(), {}, set()
    for node in ast.walk(fn):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            shared |= set(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads.add(node.id)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):  # a, b = 1, 2: as ruff does
                targets = [e for t in targets if isinstance(t, ast.Tuple) for e in t.elts] + targets
            for t in targets:
                if isinstance(t, ast.Name):
                    stores.setdefault(t.id, t.lineno)
                    if isinstance(node, ast.AugAssign):
                        loads.add(t.id)
    # locals() hands every name out
    if "locals" in loads:
        return []
    return [(line, "F841", f"local variable `{name}` is assigned to but never used")
            for name, line in stores.items() if name not in loads and name not in shared and name != "_"]
