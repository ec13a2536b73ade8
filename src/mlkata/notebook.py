"""`mlkata.check` for Jupyter and scripts: judge a function, class, file or source text against a problem.

What the user passes becomes submission SOURCE: an object's own source, plus what it needs from the
module or notebook that defines it (its imports, the helpers and constants it names, the problem's other
entry points). That source runs through the same sandbox as `mlkata check`; nothing from the calling
process is pickled into the judge. Results are NOT recorded in the progress store."""

from __future__ import annotations

import ast
import html
import inspect
import io
import linecache
import symtable
import sys
import sysconfig
import textwrap
from pathlib import Path
from typing import Any

from mlkata.errors import MlkataError
from mlkata.judge.verdict import ErrorKind, Report

Definable = (type, type(lambda: 0))  # classes and Python functions: what has source of its own
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def check(problem, submission, *, filename: str | None = None) -> NotebookReport:
    """Judge `submission` for `problem` (an id such as "softmax", or a Problem).

    `submission` is a function or class, a dict {entry point: object} or a list of objects (problems with
    several entry points), a path to a .py file, or source text. The verdict is the CLI's (the user's judge
    service, else an in-process engine); it is not recorded in the progress store."""
    from mlkata.problems.catalog import get_problem
    from mlkata.service import client

    if isinstance(problem, str):
        problem = get_problem(problem)
    source, name = submission_source(problem, submission)
    name = filename or name
    return NotebookReport(client.check_source(problem, source, name), problem, source, name)


# ---- what the user passed -> source ------------------------------------------------------------

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


# ---- the result ------------------------------------------------------------------------------------

class NotebookReport:
    """A judged submission: its Report's fields, shown as the CLI's panel (terminal) or an HTML panel (Jupyter)."""

    def __init__(self, report: Report, problem, source: str, filename: str):
        self.report, self.problem, self.source, self.filename = report, problem, source, filename

    passed = property(lambda self: self.report.passed)
    mistakes = property(lambda self: self.report.mistakes)
    checks = property(lambda self: self.report.checks)
    error = property(lambda self: self.report.error)
    efficiency = property(lambda self: self.report.efficiency)

    def to_dict(self) -> dict:
        return self.report.to_json()

    def __bool__(self) -> bool:
        return self.report.passed

    def __str__(self) -> str:
        from rich.console import Console

        from mlkata.cli.render import report_view

        console = Console(record=True, width=100, file=io.StringIO(), color_system=None)
        console.print(report_view(self.report, self.problem, None))
        return console.export_text().rstrip()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return html_panel(self.report, self.problem)


# ---- the HTML panel: self-contained, inline styles only (a notebook may strip <style>), no script or URL ----

MONO = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px"
GREEN, RED, AMBER, GREY = "#1a7f37", "#cf222e", "#9a6700", "#656d76"
STYLE = {
    "panel": "font-family:-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-size:14px;"
             "line-height:1.5;color:#1f2328;background:#fff;border:1px solid #d0d7de;border-radius:8px;"
             "padding:12px 16px;max-width:880px;text-align:left",
    "head": "margin-bottom:8px",
    "title": "font-weight:600;margin-left:10px",
    "table": "border-collapse:collapse;margin:4px 0 10px;border:none",
    "td": "padding:2px 12px 2px 0;vertical-align:top;border:none;text-align:left;background:none",
    "name": "font-weight:600;white-space:nowrap",
    "dim": f"color:{GREY};font-size:12px",
    "error": "background:#ffebe9;color:#82071e;border-radius:6px;padding:8px 12px;margin:8px 0;white-space:pre-wrap",
    "mistake": "background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:8px 0",
    "id": f"{MONO};background:#fff;border:1px solid #d4a72c;border-radius:4px;padding:0 4px;margin-left:6px",
    "case": "background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;margin:8px 0",
    "label": f"font-weight:600;font-size:11px;letter-spacing:.05em;text-transform:uppercase;color:{GREY}",
    "pre": f"{MONO};line-height:1.4;white-space:pre-wrap;margin:2px 0 6px;padding:0;background:none;"
           "max-height:16em;overflow:auto",
    "warn": f"color:{AMBER}",
}


def _tag(name: str, style: str, body: str, extra: str = "") -> str:
    return f'<{name} style="{STYLE.get(style, style)}{extra}">{body}</{name}>'


def html_panel(rep: Report, problem) -> str:
    """The result panel as one HTML fragment: verdict, checks, named mistakes, the case to look at,
    speed and output (what the terminal panel shows, in the web app's colours)."""
    from mlkata.cli.render import error_text, mistake_label, mistake_tag, shown_case, speed, split_warnings

    e = html.escape
    accent = GREEN if rep.passed else RED
    parts = [_tag("div", "head", _tag("b", f"color:{accent};letter-spacing:.04em", "PASSED" if rep.passed else "FAILED")
                  + _tag("span", "title", f"{e(problem.id)}: {e(problem.title)}"))]
    if rep.error is not None:
        parts.append(_tag("div", "error", e(error_text(rep))))
    if rep.checks:
        rows = "".join(_check_row(rep, c) for c in rep.checks)
        parts.append(_tag("table", "table", f"<tbody>{rows}</tbody>"))
    for i, m in enumerate(rep.mistakes):
        note = (f"not reproduced exactly: your failures follow its pattern on {m.share:.0%} of the failing cases"
                if m.likely else f"reproduces {m.explains} of the {m.failing} failing cases" if m.failing else "")
        parts.append(_tag("div", "mistake", _tag("b", "", f"{e(mistake_label(i, m))}: {e(m.title)}")
                          + _tag("code", "id", e(mistake_tag(m)[1:-1])) + _tag("div", "", e(m.explanation))
                          + _tag("div", "", f"<b>Hint:</b> {e(m.hint)}")
                          + (_tag("div", "dim", f"({e(note)})") if note else "")))
    shown = shown_case(rep)
    if shown is not None:
        case, intro = shown
        fields = "".join(_tag("div", "label", label) + _tag("pre", "pre", e(text))
                         for label, text in (("input", case.inputs), ("expected", case.expected), ("got", case.got)))
        where = _tag("div", "dim", f"{e(case.check)} · {e(case.case)}")
        parts.append(_tag("div", "case", _tag("b", "", e(intro)) + where + _tag("div", f"color:{RED}", e(case.reason))
                          + fields))
    if rep.efficiency is not None:
        eff = rep.efficiency
        parts.append(_tag("div", "", f"Efficiency: {e(speed(rep))} ({eff.submission_seconds * 1e3:.2f} ms vs "
                                     f"{eff.reference_seconds * 1e3:.2f} ms)"))
        if eff.warning:
            parts.append(_tag("div", "warn", f"Warning: {e(eff.warning)}"))
    for note in rep.advice:
        parts.append(_tag("div", "warn", f"Advice: {e(note)}"))
    prints, warned = split_warnings(rep.output)
    if warned:
        parts.append(_tag("div", "warn", "Warnings from your code:<br>" + "<br>".join(map(e, warned))))
    if prints.strip():
        parts.append(_tag("div", "case", _tag("div", "label", "your prints") + _tag("pre", "pre", e(prints[:2000]))))
    if rep.checks:
        parts.append(_tag("div", "dim", f"judged in {rep.judge_seconds * 1e3:.0f} ms"))
    if "UNCONFINED" in rep.sandbox:
        parts.append(_tag("div", "warn", "<b>Your code ran UNCONFINED: it could read and write your files "
                                         "(see <code>mlkata doctor</code>).</b>"))
    return _tag("div", "panel", "".join(parts), f";border-left:4px solid {accent}")


def _check_row(rep: Report, c) -> str:
    mark = _tag("td", "td", "✓" if c.passed else "✗", f";color:{GREEN if c.passed else RED}")
    name = _tag("td", "td", html.escape(c.name), ";" + STYLE["name"])
    message = _tag("td", "td", html.escape(_check_message(rep, c)), ";" + STYLE["dim"] if c.passed else "")
    return _tag("tr", "background:none", mark + name + message)


def _check_message(rep: Report, c) -> str:
    """A failing check's message, without the error the panel already states above the checks."""
    from mlkata.cli.render import repeated_error

    repeated = repeated_error(rep)
    if c.passed or not repeated or repeated not in c.message:
        return c.message
    if rep.error.kind == ErrorKind.NOT_IMPLEMENTED:
        return ""
    return (f"{c.cases - c.cases_passed}/{c.cases} failed" if c.cases else "failed") + ": the error above"
