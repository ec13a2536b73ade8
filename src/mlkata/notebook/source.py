"""What the user passes, turned into submission source: an object's own source plus what it needs from the
module or notebook that defines it (imports, helpers and constants it names, the other entry points)."""

from __future__ import annotations

import ast
import inspect
import linecache
import symtable
import sys
import sysconfig
import textwrap
from pathlib import Path
from typing import Any

from mlkata.errors import MlkataError

Definable = (type, type(lambda: 0))  # classes and Python functions: what has source of its own
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def submission_source(problem, submission) -> tuple[str, str]:
    """(source, filename) for a path, source text, or object(s)."""
    if isinstance(submission, (str, Path)):
        return _text_or_path(problem, submission)
    if isinstance(submission, dict):
        roots = {entry: obj for entry, obj in submission.items() if _definable_name(obj)}
        unknown = [entry for entry in roots if entry not in problem.entry_points]
        if unknown:
            raise MlkataError(f"{', '.join(unknown)}: not among {problem.id}'s entry points "
                              f"({', '.join(problem.entry_points)}).")
    elif isinstance(submission, (list, tuple)):
        roots = _by_own_name(problem, submission)
    else:
        roots = _single(problem, submission)
    if not roots:
        raise MlkataError(f"Nothing to check: pass {problem.id}'s entry point(s) ({', '.join(problem.entry_points)}).")
    return Collector(problem).source(roots), problem.starter_filename


def _text_or_path(problem, submission: str | Path) -> tuple[str, str]:
    text = str(submission)
    if isinstance(submission, str) and ("\n" in text or text.lstrip().startswith(("def ", "class ", "import "))):
        return text, problem.starter_filename
    path = Path(text).expanduser()
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8"), path.name
        except (OSError, UnicodeDecodeError) as exc:
            raise MlkataError(f"Cannot read {path}: {exc}") from None
    raise MlkataError(f"{text!r} is neither an existing file nor Python source. Pass a function or class, "
                      f"a path to a .py file, or the source text itself.")


def _by_own_name(problem, objects) -> dict[str, Any]:
    if len(problem.entry_points) == 1 and len(objects) == 1:
        return _single(problem, objects[0])
    roots = {}
    for obj in objects:
        name = _definable_name(obj)
        if name not in problem.entry_points:
            raise MlkataError(f"`{name}` is not one of {problem.id}'s entry points "
                              f"({', '.join(problem.entry_points)}). Pass a dict to say which it is: "
                              f"check({problem.id!r}, {{{problem.entry_points[0]!r}: ...}}).")
        roots[name] = obj
    return roots


def _single(problem, obj) -> dict[str, Any]:
    name = _definable_name(obj)
    if name in problem.entry_points:
        return {name: obj}
    if len(problem.entry_points) == 1:  # my_softmax is checked as softmax
        return {problem.entry_points[0]: obj}
    raise MlkataError(f"`{name}` is not one of {problem.id}'s entry points "
                      f"({', '.join(problem.entry_points)}). Name it after one, or pass a dict: "
                      f"check({problem.id!r}, {{{problem.entry_points[0]!r}: ...}}).")


class Collector:
    """Gathers the source of some objects and, recursively, of what they name: one module of text."""

    def __init__(self, problem):
        self.problem = problem
        self.future: list[str] = []   # `from __future__ import ...` lines
        self.imports: list[str] = []
        self.constants: list[str] = []    # literals: `name = repr(value)`
        self.definitions: list[str] = []  # defs, classes, other assignments: dependencies before dependents
        self.done: dict[str, Any] = {}    # name -> the object (or value) it was written for

    def source(self, roots: dict[str, Any]) -> str:
        aliases = []
        for entry, obj in roots.items():
            own = self.add_object(obj)
            if own != entry:
                aliases.append(f"{entry} = {own}")
        namespace = _namespace_of(next(iter(roots.values())))
        missing = []
        for entry in self.problem.entry_points:  # the other entry points, from the same notebook or module
            if entry in roots or entry in self.done:
                continue
            value = namespace.globals.get(entry)
            if isinstance(value, Definable) and namespace.defines(value):
                own = self.add_object(value)
                if own != entry:  # causal_mask = my_mask
                    aliases.append(f"{entry} = {own}")
            else:
                missing.append(entry)
        if missing:
            given = ", ".join(roots)
            raise MlkataError(f"{self.problem.id} has {len(self.problem.entry_points)} entry points; "
                              f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not defined beside "
                              f"{given}. Define {'it' if len(missing) == 1 else 'them'} there, or pass every one: "
                              f"check({self.problem.id!r}, [{', '.join(self.problem.entry_points)}]).")
        parts = [lines for lines in (self.future, self.imports, self.constants) if lines]
        blocks = ["\n".join(lines) for lines in parts] + [text.strip("\n") for text in self.definitions]
        if aliases:
            blocks.append("\n".join(aliases))
        return "\n\n\n".join(blocks) + "\n"

    def add_object(self, obj) -> str:
        """Write obj's definition (after what it needs); return the name it is defined under."""
        name = _definable_name(obj)
        if name in self.done:
            if self.done[name] is not obj:
                raise MlkataError(f"Two different objects are both called `{name}`: mlkata cannot send both.")
            return name
        self.done[name] = obj
        code = getattr(obj, "__code__", None)
        if code is not None and code.co_freevars:
            raise MlkataError(f"`{name}` is defined inside another function and uses its variables "
                              f"({', '.join(code.co_freevars)}): define it at the top level of a cell or module.")
        namespace = _namespace_of(obj)
        text = namespace.definition(obj)
        for future in namespace.future_imports():
            if future not in self.future:
                self.future.append(future)
        for used in sorted(_global_names(text) - {name}):
            self.add_name(used, namespace)
        self.definitions.append(text)
        return name

    def add_name(self, name: str, namespace: Namespace) -> None:
        """What `name` means in the namespace: an import, a helper's source, a constant; builtins need nothing."""
        if name in self.done:
            return
        if name not in namespace.globals:
            return  # a builtin, or undefined: the judge says so as it would for a file
        value = namespace.globals[name]
        if isinstance(value, Definable) and value.__name__ == name and (namespace.defines(value) or _local(value)):
            self.add_object(value)  # the sandbox could not import the user's own modules: send their source
        elif (statement := namespace.import_for(name, value)) is not None:
            self.done[name] = value
            if statement not in self.imports:
                self.imports.append(statement)
        elif _literal(value):
            self.done[name] = value
            self.constants.append(f"{name} = {value!r}")
        elif (assignment := namespace.assignment(name)) is not None:
            self.done[name] = value
            for used in sorted(_global_names(assignment) - {name}):
                self.add_name(used, namespace)
            self.definitions.append(assignment)  # after what it names (`act = my_relu` needs my_relu)
        else:
            raise MlkataError(f"The code uses `{name}`, a {type(value).__name__} mlkata cannot write as source "
                              f"(nothing from this process is sent to the judge). Define it inside the function, "
                              f"as a literal constant, or import it in the cell.")


def _definable_name(obj) -> str:
    if not isinstance(obj, Definable):
        raise MlkataError(f"mlkata judges source: pass a function, a class, a path or source text "
                          f"(not a {type(obj).__name__} object).")
    if obj.__name__ == "<lambda>":
        raise MlkataError("A lambda has no source mlkata can send to the judge: define the function with `def`.")
    return obj.__name__


def _local(value) -> bool:
    """Whether `value` comes from the user's own module (a .py beside the notebook), not an installed one."""
    module = sys.modules.get(getattr(value, "__module__", None) or "")
    file = getattr(module, "__file__", None)
    if not file or module.__name__.split(".")[0] == "mlkata":
        return False
    installed = {sysconfig.get_path(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    path = Path(file).resolve()
    return not any(path.is_relative_to(Path(folder).resolve()) for folder in installed if folder)


def _literal(value) -> bool:
    """Numbers, strings, bytes, None and tuples/lists/dicts of them: exactly reproduced by their repr."""
    if not isinstance(value, (int, float, complex, str, bytes, bool, type(None), tuple, list, dict, frozenset, set)):
        return False
    try:
        back = ast.literal_eval(repr(value))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return type(back) is type(value) and back == value


def _global_names(text: str) -> set[str]:
    """Names the code reads from its module's globals (builtins included), from its symbol table."""
    found: set[str] = set()

    def walk(table, top: bool) -> None:
        for symbol in table.get_symbols():
            # at top level: decorators, base classes, defaults, a constant's right-hand side
            if symbol.is_referenced() and (not symbol.is_assigned() if top else symbol.is_global()):
                found.add(symbol.get_name())
        for child in table.get_children():
            walk(child, False)

    walk(symtable.symtable(text, "<mlkata>", "exec"), True)
    return found


class Namespace:
    """A module or a notebook's user namespace: its globals and the text(s) its code came from."""

    def __init__(self, globals_: dict, texts: list[str]):
        self.globals = globals_
        self.texts = texts  # latest first: the defining file or cell, then (in IPython) the other cells
        self._trees: list[tuple[str, ast.Module]] | None = None

    def trees(self) -> list[tuple[str, ast.Module]]:
        if self._trees is None:
            self._trees = [parsed for parsed in map(_parsed, self.texts) if parsed is not None]
        return self._trees

    def defines(self, value) -> bool:
        """Whether `value` is code of this namespace (not imported from elsewhere)."""
        funcs = _functions_of(value)
        if funcs:
            return funcs[0].__globals__ is self.globals
        return isinstance(value, type) and value.__module__ == self.globals.get("__name__")

    def definition(self, obj) -> str:
        """obj's top-level definition, decorators included, as text."""
        filename, line = _where(obj)
        own = _parsed("".join(linecache.getlines(filename))) if filename else None
        # its own file (or cell) first; a class without methods may only be found in the notebook's cells
        for text, tree in ([own] if own else []) + ([] if line is not None else self.trees()):
            lines = text.splitlines(keepends=True)
            for node in reversed(tree.body):
                if isinstance(node, DEFINITIONS) and node.name == obj.__name__:
                    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                    if line is None or first <= line <= node.end_lineno:
                        return "".join(lines[first - 1:node.end_lineno]).rstrip() + "\n"
        try:  # not at top level (nested, or generated): what inspect finds
            return textwrap.dedent(inspect.getsource(obj)).rstrip() + "\n"
        except (OSError, TypeError):
            raise MlkataError(f"Cannot find the source of `{obj.__name__}` (defined in {filename or 'no file'}). "
                              f"Define it in a notebook cell or a .py file, or pass the source text.") from None

    def import_for(self, name: str, value) -> str | None:
        """The import statement that binds `name`: the user's own, else one written from the value."""
        for _text, tree in self.trees():
            for node in reversed(tree.body):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and not getattr(node, "level", 0):
                    for alias in node.names:
                        bound = alias.asname or alias.name.split(".")[0]
                        if bound == name and alias.name != "*" and _imports(node, alias, value):
                            return _import_text(node, alias)
        if inspect.ismodule(value):
            module = value.__name__
            return f"import {module}" if module == name else f"import {module} as {name}"
        module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
        if (isinstance(module, str) and isinstance(qualname, str) and "." not in qualname and "<" not in qualname
                and module not in ("__main__", "builtins") and not self.defines(value)
                and getattr(sys.modules.get(module), qualname, None) is value):
            return f"from {module} import {qualname}" + ("" if qualname == name else f" as {name}")
        return None

    def assignment(self, name: str) -> str | None:
        """The last top-level `name = ...` statement that defines it, as text."""
        for text, tree in self.trees():
            for node in reversed(tree.body):
                targets = (node.targets if isinstance(node, ast.Assign)
                           else [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else [])
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    return ast.get_source_segment(text, node, padded=False)
        return None

    def future_imports(self) -> list[str]:
        if not self.trees():
            return []
        text, tree = self.trees()[0]
        return [ast.get_source_segment(text, node) for node in tree.body
                if isinstance(node, ast.ImportFrom) and node.module == "__future__"]


def _parsed(text: str) -> tuple[str, ast.Module] | None:
    try:
        return text, ast.parse(text)
    except (SyntaxError, ValueError):
        return None


def _imports(node: ast.Import | ast.ImportFrom, alias: ast.alias, value) -> bool:
    """Whether running this import now would bind `value` (not an older meaning of the name)."""
    if isinstance(node, ast.Import):
        return sys.modules.get(alias.name if alias.asname else alias.name.split(".")[0]) is value
    module = sys.modules.get(node.module or "")
    return getattr(module, alias.name, None) is value or sys.modules.get(f"{node.module}.{alias.name}") is value


def _import_text(node: ast.Import | ast.ImportFrom, alias: ast.alias) -> str:
    spelled = alias.name + (f" as {alias.asname}" if alias.asname else "")
    return f"import {spelled}" if isinstance(node, ast.Import) else f"from {node.module} import {spelled}"


def _functions_of(value) -> list:
    """The Python functions whose code and globals stand for `value` (a class: its methods)."""
    if isinstance(value, type):
        found = []
        for member in vars(value).values():
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            elif isinstance(member, property):
                member = member.fget
            member = inspect.unwrap(member) if callable(member) else member
            if inspect.isfunction(member) and member.__qualname__.startswith(value.__qualname__ + "."):
                found.append(member)
        return sorted(found, key=lambda f: f.__code__.co_filename.startswith("<"))  # generated ones last
    value = inspect.unwrap(value)
    return [value] if inspect.isfunction(value) else []


def _where(obj) -> tuple[str | None, int | None]:
    """(file, first line) the object's code came from: a module file, or a notebook cell's cache entry."""
    funcs = _functions_of(obj)
    if funcs:
        code = funcs[0].__code__
        if isinstance(obj, type):
            return code.co_filename, None
        return code.co_filename, code.co_firstlineno
    try:
        return inspect.getsourcefile(obj), None
    except (OSError, TypeError):  # a class of __main__ (a notebook's) has no file to name
        return None, None


def _namespace_of(obj) -> Namespace:
    funcs = _functions_of(obj)
    module = sys.modules.get(getattr(obj, "__module__", None) or "")
    globals_ = funcs[0].__globals__ if funcs else vars(module) if module else {}
    filename, _line = _where(obj)
    texts = ["".join(linecache.getlines(filename))] if filename else []
    texts += _notebook_cells(globals_)
    return Namespace(globals_, texts)


def _notebook_cells(globals_: dict) -> list[str]:
    """In IPython, the cells run so far, latest first (imports often sit in a cell of their own)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or shell.user_ns is not globals_:
        return []
    return [cell for cell in reversed(globals_.get("In", [])) if isinstance(cell, str) and cell.strip()]
