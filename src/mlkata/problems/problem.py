"""One problem folder, loaded: metadata from problem.toml plus the files beside it.

    bank/<id>/
      problem.toml    metadata, hints, forbidden APIs, advice (APIs that earn a warning), mistakes catalog
                      (edits of the answer)
      statement.md    the task in prose: math, shapes, edge-case contract
      starter.py      what the user starts from (signatures, NotImplementedError)
      solution.py     the model answer
      driver.py       feeds inputs to an implementation; runs in the sandbox, holds no answers
      checks.py       builds the named checks (inputs only) and optional efficiency case
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import tomllib
import types
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from mlkata.errors import BankError
from mlkata.problems.spec import Check, Efficiency

FRAMEWORKS = ("numpy", "torch", "python")
DIFFICULTIES = ("easy", "medium", "hard")
SEED = 20261121  # fixed: the same cases every run, so references can be cached


@dataclass(frozen=True)
class Mistake:
    id: str                 # the catalogued id, unique in the problem (the finer variant when it differs from family)
    title: str
    explanation: str
    hint: str
    source: str             # the executable buggy variant: every edit applied
    family: str = ""        # the family id: one meaning in every problem (bank/families.toml); default: id
    detail: str = ""        # how this variant differs within its family, e.g. "renormalised"
    edits: tuple[tuple[str, str], ...] = ()
    forms: tuple[str, ...] = ()  # other hand-written spellings of the same mistake (whole sources)
    single_spelling: str = ""  # non-empty: why this mistake has essentially one way to be written


@dataclass(frozen=True)
class Followup:
    """A follow-up question after a mock round, with what each level of answer contains."""

    question: str
    strong: str    # a Strong Hire answer covers this
    lean: str      # a Lean Hire answer
    no_hire: str   # what a No Hire answer looks like


@dataclass(frozen=True)
class Variant:
    """One executable form of a mistake, judged against the model answer.

    Derived automatically from a mistake: the whole variant, one per edit site (only that edit
    applied), one per entry point (the model answer with just that entry point taken from the
    whole variant), plus the hand-written forms."""

    key: str                # unique in the problem, e.g. "no-scale", "no-scale@site2", "no-scale@entry:adam_step"
    mistake: str            # the catalogued mistake id
    family: str
    source: str             # the buggy module's source
    entry: str | None = None  # set: run the model answer with only this entry point taken from `source`


@dataclass
class Problem:
    id: str
    title: str
    track: str
    difficulty: str
    minutes: int
    framework: str
    entry_points: list[str]
    forbidden: list[str]
    hints: list[str]
    folder: Path
    time_limit: float = 10.0
    memory_mb: int = 2048
    accepted: list[str] = field(default_factory=list)  # extra accepted reference semantics
    advice: dict[str, str] = field(default_factory=dict)  # API the source scan warns about (not a failure) -> why
    _mistakes: list[dict] = field(default_factory=list, repr=False)

    # -- files ---------------------------------------------------------------
    def read(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    @cached_property
    def statement(self) -> str:
        return self.read("statement.md")

    @cached_property
    def starter(self) -> str:
        return self.read("starter.py")

    @cached_property
    def solution(self) -> str:
        return self.read("solution.py")

    @cached_property
    def driver_source(self) -> str:
        return self.read("driver.py")

    @cached_property
    def followups(self) -> list[Followup]:
        """The interviewer's follow-up questions (followups.toml), each with what a Strong, Lean and No Hire
        answer contains; empty when the folder has none."""
        path = self.folder / "followups.toml"
        if not path.is_file():
            return []
        try:
            items = tomllib.loads(path.read_text(encoding="utf-8")).get("followups", [])
            return [Followup(f["question"], f["strong"], f["lean"], f["no_hire"]) for f in items]
        except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
            raise BankError(f"{self.id}: followups.toml is malformed: {exc}") from None

    @property
    def starter_filename(self) -> str:
        return f"{self.id}.py"

    # -- behaviour -----------------------------------------------------------
    @cached_property
    def references(self) -> list[tuple[str, str]]:
        """(name, source) of every accepted reference: the model answer first."""
        return [("solution.py", self.solution)] + [(name, self.read(name)) for name in self.accepted]

    @cached_property
    def mistakes(self) -> list[Mistake]:
        return [self._build_mistake(m) for m in self._mistakes]

    def _apply(self, mistake_id: str, base_name: str, edits: list[dict]) -> str:
        source = original = self.read(base_name)
        for edit in edits:
            old, new = edit["old"], edit["new"]
            count = source.count(old)
            if count != 1:
                raise BankError(
                    f"{self.id}: mistake {mistake_id!r} edits text found {count} times in "
                    f"{base_name} (must be exactly once): {old[:60]!r}"
                )
            source = source.replace(old, new)
        if source == original:
            raise BankError(f"{self.id}: mistake {mistake_id!r} changes nothing")
        return source

    def _build_mistake(self, spec: dict) -> Mistake:
        base_name = spec.get("base", "solution.py")
        source = self._apply(spec["id"], base_name, spec.get("edits", []))
        forms = []
        for form in spec.get("forms", []):  # other spellings: a file of the folder, or edits of the base
            forms.append(self.read(form["file"]) if "file" in form else
                         self._apply(spec["id"], form.get("base", base_name), form["edits"]))
        edits = tuple((e["old"], e["new"]) for e in spec.get("edits", [])) if base_name == "solution.py" else ()
        return Mistake(spec["id"], spec["title"], spec["explanation"], spec["hint"], source,
                       family=spec.get("family", spec["id"]), detail=spec.get("detail", ""),
                       edits=edits, forms=tuple(forms), single_spelling=spec.get("single_spelling", ""))

    def mistake(self, mistake_id: str) -> Mistake:
        return next(m for m in self.mistakes if m.id == mistake_id)

    @cached_property
    def families(self) -> list[str]:
        """The mistake families of this problem, in catalogue order."""
        return list(dict.fromkeys(m.family for m in self.mistakes))

    @cached_property
    def variants(self) -> list[Variant]:
        """Every executable form of every mistake (see Variant), without textual duplicates."""
        variants, seen = [], set()

        def add(key, mistake, source, entry=None):
            identity = (source, entry)
            if identity not in seen:
                seen.add(identity)
                variants.append(Variant(key, mistake.id, mistake.family, source, entry))

        for m in self.mistakes:
            add(m.id, m, m.source)
            for i, form in enumerate(m.forms, 1):
                add(f"{m.id}@form{i}", m, form)
            if len(m.edits) > 1:  # one variant per edit site: the bug in one place only
                for i, (old, new) in enumerate(m.edits, 1):
                    if self.solution.count(old) == 1 and old != new:
                        add(f"{m.id}@site{i}", m, self.solution.replace(old, new))
            if len(self.entry_points) > 1:  # one per entry point: the rest of the answer correct
                for i, source in enumerate((m.source, *m.forms)):
                    tag = "" if i == 0 else f"@form{i}"
                    for entry in self.entry_points:
                        if _defines(source, entry):
                            add(f"{m.id}{tag}@entry:{entry}", m, source, entry)
        return variants

    @cached_property
    def fingerprint(self) -> str:
        """Hash of the folder's files: two problems with the same id but other content differ."""
        digest = hashlib.sha256(self.id.encode())
        for file in sorted(self.folder.rglob("*")):  # forms/ and other subfolders too
            if file.is_file() and file.suffix in (".py", ".toml", ".md"):
                digest.update(file.relative_to(self.folder).as_posix().encode() + b"\0" + file.read_bytes())
        return f"{self.id}-{digest.hexdigest()[:16]}"

    def load_module(self, filename: str) -> types.ModuleType:
        """Import one of this problem's files as a fresh module (trusted code: checks, tests)."""
        path = self.folder / filename
        spec = importlib.util.spec_from_file_location(f"mlkata_bank_{self.id}_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    @cached_property
    def _checks_module(self) -> types.ModuleType:
        return self.load_module("checks.py")

    @cached_property
    def checks(self) -> list[Check]:
        return self._checks_module.checks(np.random.default_rng(SEED))

    @cached_property
    def efficiency(self) -> Efficiency | None:
        build = getattr(self._checks_module, "efficiency", None)
        return build(np.random.default_rng(SEED + 1)) if build else None

    def comparator(self, name: str):
        """A comparator defined by the problem's checks.py, if it defines one by that name."""
        return getattr(self._checks_module, name, None)


def _defines(source: str, name: str) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return any(isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef) and node.name == name
               for node in tree.body)


def load_problem(folder: Path) -> Problem:
    """Read one problem folder; raise BankError naming what is wrong."""
    toml_path = folder / "problem.toml"
    try:
        meta = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BankError(f"{folder.name}: cannot read problem.toml: {exc}") from None
    required = ("id", "title", "track", "difficulty", "minutes", "framework", "entry_points")
    missing = [k for k in required if k not in meta]
    if missing:
        raise BankError(f"{folder.name}: problem.toml lacks {', '.join(missing)}")
    if meta["id"] != folder.name:
        raise BankError(f"{folder.name}: id {meta['id']!r} differs from its folder name")
    if meta["framework"] not in FRAMEWORKS:
        raise BankError(f"{folder.name}: framework must be one of {FRAMEWORKS}")
    if meta["difficulty"] not in DIFFICULTIES:
        raise BankError(f"{folder.name}: difficulty must be one of {DIFFICULTIES}")
    for name in ("statement.md", "starter.py", "solution.py", "driver.py", "checks.py"):
        if not (folder / name).is_file():
            raise BankError(f"{folder.name}: missing {name}")
    return Problem(
        id=meta["id"],
        title=meta["title"],
        track=meta["track"],
        difficulty=meta["difficulty"],
        minutes=int(meta["minutes"]),
        framework=meta["framework"],
        entry_points=list(meta["entry_points"]),
        forbidden=list(meta.get("forbidden", [])),
        hints=list(meta.get("hints", [])),
        folder=folder,
        time_limit=float(meta.get("time_limit", 10.0)),
        memory_mb=int(meta.get("memory_mb", 2048)),
        accepted=list(meta.get("accepted", [])),
        advice={str(a["api"]): str(a["message"]) for a in meta.get("advice", [])},
        _mistakes=list(meta.get("mistakes", [])),
    )
