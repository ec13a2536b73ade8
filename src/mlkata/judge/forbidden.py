"""Forbidden APIs: a static scan of the source, and a runtime guard for the sandbox.

A forbidden entry is a module ("scipy") or a dotted attribute
("torch.nn.MultiheadAttention"). The static scan resolves import aliases
(`import torch.nn as nn`, `from torch.nn import functional as F`) so that
`nn.MultiheadAttention` and `F.scaled_dot_product_attention` are caught; the
runtime guard replaces the attributes and blocks the modules, for what the scan
cannot see (getattr with a computed name, say).
"""

from __future__ import annotations

import ast
import importlib.abc
import sys
from dataclasses import dataclass


def message(name: str) -> str:
    return f"`{name}` is not allowed in this problem: the exercise is to build it."


class ForbiddenAPIError(RuntimeError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(message(name))


@dataclass(frozen=True)
class Use:
    name: str   # the forbidden entry
    line: int


def _dotted(node: ast.AST, aliases: dict[str, str]) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(aliases.get(node.id, node.id))
    return ".".join(reversed(parts))


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _matches(full: str, entry: str) -> bool:
    return full == entry or full.startswith(entry + ".")


def scan(source: str, forbidden: list[str]) -> list[Use]:
    """Forbidden names the source uses, with line numbers. Assumes it parses."""
    if not forbidden:
        return []
    tree = ast.parse(source)
    aliases: dict[str, str] = {}
    uses: dict[str, Use] = {}

    def hit(full: str, line: int, resolved: bool = True) -> None:
        for entry in forbidden:
            # the same name reached another way: `whatever.MultiheadAttention` (an alias the
            # scan cannot resolve), or a re-export inside the same package
            # (`torch.nn.modules.activation.MultiheadAttention`). A resolved name from another
            # package (`scipy.special.softmax` against `torch.softmax`) is something else.
            tail = entry.rsplit(".", 1)[-1]
            loose = not resolved or full.split(".")[0] == entry.split(".")[0]
            if _matches(full, entry) or (loose and "." in entry and full.rsplit(".", 1)[-1] == tail
                                         and "." in full):
                uses.setdefault(entry, Use(entry, line))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                aliases[(a.asname or a.name).split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
                hit(a.name, node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            hit(node.module, node.lineno)
            for a in node.names:
                full = f"{node.module}.{a.name}"
                aliases[a.asname or a.name] = full
                hit(full, node.lineno)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute | ast.Name) and isinstance(getattr(node, "ctx", None), ast.Load):
            full = _dotted(node, aliases)
            if full and full != getattr(node, "id", None):
                root = _root_name(node)
                if root in ("self", "cls") and root not in aliases and isinstance(node.value, ast.Name):
                    continue  # the user's own attribute: `self.softmax` is their method
                hit(full, node.lineno, resolved=root in aliases)
    return sorted(uses.values(), key=lambda u: u.line)


class _BlockForbiddenModules(importlib.abc.MetaPathFinder):
    def __init__(self, modules: list[str]):
        self.modules = modules

    def find_spec(self, fullname, path=None, target=None):
        for m in self.modules:
            if _matches(fullname, m):
                raise ForbiddenAPIError(m)
        return None


def install_guard(forbidden: list[str]) -> None:
    """Runtime half: block forbidden modules, replace forbidden attributes.

    Runs in the sandboxed child after the driver's own imports are done."""
    modules = [f for f in forbidden if "." not in f or f.split(".")[0] not in sys.modules]
    attributes = [f for f in forbidden if f not in modules]
    for entry in attributes:
        owner_name, attr = entry.rsplit(".", 1)
        owner = sys.modules.get(owner_name)
        if owner is not None and hasattr(owner, attr):
            setattr(owner, attr, _refusing(entry))
    # an attribute entry may name a submodule (torch.nn.attention.flex_attention): importing it by
    # name, loaded already or not, is refused too, not only reaching it as an attribute
    blocked = modules + attributes
    for m in blocked:
        for loaded in [k for k in sys.modules if _matches(k, m)]:
            del sys.modules[loaded]
    if blocked:
        sys.meta_path.insert(0, _BlockForbiddenModules(blocked))


def _refusing(name: str):
    def refused(*args, **kwargs):
        raise ForbiddenAPIError(name)

    refused.__name__ = name.rsplit(".", 1)[-1]
    return refused
