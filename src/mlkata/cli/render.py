"""Everything the terminal shows. The only module that knows about Rich."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.pager import Pager
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mlkata.judge.verdict import ErrorKind, FailingCase, MistakeFound, Report

if TYPE_CHECKING:  # the thin `check` client renders reports without loading problems
    from mlkata.problems.problem import Problem

DIFFICULTY_STYLE = {"easy": "green", "medium": "yellow", "hard": "red"}
# how Python prints a warning: "<file>:<line>: <Category>: <message>", then "  <source line>" if it has it
WARNING_LINE = re.compile(r"(?P<file>.*?):(?P<line>\d+): (?P<category>[A-Za-z_]\w*Warning): (?P<message>.*)")
COMPACT_PRINT_LINES = 5


def error(console: Console, message: str) -> None:
    """One error line, never hard-wrapped (the terminal wraps it; a pipe gets it whole)."""
    console.print(Text.assemble(("error:", "red"), " ", message), soft_wrap=True, highlight=False)


def warning(console: Console, message: str) -> None:
    console.print(warning_text(message), soft_wrap=True, highlight=False)


def warning_text(message: str) -> Text:
    return Text.assemble(("warning:", "yellow"), " ", message)


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def budget_line(elapsed: float | None, minutes: int) -> Text | None:
    if elapsed is None:
        return None
    budget = minutes * 60
    style = "green" if elapsed <= budget else "red"
    tail = "within budget" if elapsed <= budget else f"over by {clock(elapsed - budget)}"
    return Text(f"Time since start {clock(elapsed)} / budget {clock(budget)} ({tail})", style=style)


# ---- the report


def report(console: Console, rep: Report, problem: Problem, elapsed: float | None) -> None:
    console.print(report_view(rep, problem, elapsed))


def report_view(rep: Report, problem: Problem, elapsed: float | None, compact: bool = False) -> Panel:
    """The whole report as one panel. `compact` (for `watch` in a short window) keeps the verdict,
    the error, the failing checks and the named mistake, and leaves the details to `mlkata check`."""
    parts: list[RenderableType] = [Text("PASSED", style="bold green") if rep.passed
                                   else Text("FAILED", style="bold red")]
    if rep.error is not None:
        parts.append(Text(error_text(rep), style="red"))
    if rep.checks:
        parts.append(_checks_table(rep, compact))
    for i, m in enumerate(rep.mistakes):
        if compact and i > 0:
            parts.append(Text.assemble((f"{mistake_label(i, m)}: {m.title} ", "yellow"), (mistake_tag(m), "yellow")))
        else:
            parts.append(_mistake_panel(i, m, compact))
    shown = shown_case(rep)
    if shown is not None and compact:
        parts.append(Text(f"The first failing case: `mlkata check {problem.id}` shows it.", style="dim"))
    elif shown is not None:
        parts.append(_case_panel(*shown))
    if rep.efficiency is not None:
        parts.append(_efficiency(rep))
    for note in rep.advice:
        parts.append(Text(f"Advice: {note}", style="yellow"))
    budget = budget_line(elapsed, problem.minutes)
    if budget is not None:
        parts.append(budget)
    prints, warned = split_warnings(rep.output)
    if warned:
        parts.append(Text("Warnings from your code:\n" + "\n".join(f"  {w}" for w in warned), style="yellow"))
    if prints.strip():
        parts.append(_prints_panel(rep, prints, compact))
    if rep.checks:  # nothing ran when there are no checks (e.g. a syntax error): no time to report
        parts.append(Text(f"judged in {rep.judge_seconds * 1e3:.0f} ms", style="dim"))
    if "UNCONFINED" in rep.sandbox:  # no bubblewrap, no Landlock: say so on every report
        parts.append(Text("Your code ran UNCONFINED: it could read and write your files "
                          "(see `mlkata doctor`).", style="bold yellow"))
    return Panel(Group(*parts), title=f"{problem.id}: {problem.title}", border_style="green" if rep.passed else "red")


def error_text(rep: Report) -> str:
    e = rep.error
    if e.kind == ErrorKind.NOT_IMPLEMENTED and e.message:  # its message says it already
        return e.message[0].upper() + e.message[1:]
    return f"{e.kind}: {e.message}"


def repeated_error(rep: Report) -> str | None:
    """What every failing check's message would repeat when one error explains them all."""
    e = rep.error
    if e is None:
        return None
    if e.kind == ErrorKind.NOT_IMPLEMENTED:
        return "not implemented yet"
    if e.kind == ErrorKind.EXCEPTION:
        return e.message.rsplit(", on ", 1)[0]  # "raised X: ... (line n, in f)" without the count
    return None


def _checks_table(rep: Report, compact: bool) -> Table:
    repeated = repeated_error(rep)
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(width=2)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    passed = 0
    for c in rep.checks:
        if c.passed and compact:
            passed += 1
            continue
        message = c.message
        if not c.passed and repeated and repeated in message:  # said once, above
            if rep.error.kind == ErrorKind.NOT_IMPLEMENTED:
                message = ""
            else:
                failed = f"{c.cases - c.cases_passed}/{c.cases} failed" if c.cases else "failed"
                message = f"{failed}: the error above"
        mark = Text("✓", style="green") if c.passed else Text("✗", style="red")
        table.add_row(mark, c.name, Text(message, style="dim" if c.passed else ""))
    if passed:
        table.add_row(Text("✓", style="green"), Text(f"{passed} other check{'s' if passed != 1 else ''} passed",
                                                      style="dim"), "")
    return table


def mistake_label(index: int, m: MistakeFound) -> str:
    """A likely match (by failure signature) is never worded as certain."""
    if m.likely:
        return "Also likely" if index else "Likely mistake"
    if index:
        return "Also consistent with"
    # a variant that reproduces only a few of many failures is a lead, not a verdict
    return "Mistake" if not m.failing or 2 * m.explains >= m.failing else "Partly matches"


def mistake_tag(m: MistakeFound) -> str:
    """The family first, the finer variant as detail: [mask-after-softmax; variant: renormalised]."""
    family = m.family or m.id
    variant = m.detail or (m.variant if m.variant not in ("", family) else "")
    return f"[{family}; variant: {variant}]" if variant else f"[{family}]"


def _mistake_panel(index: int, m: MistakeFound, compact: bool) -> Panel:
    body = Text.assemble((f"{mistake_label(index, m)}: {m.title} ", "bold yellow"), (mistake_tag(m), "yellow"))
    if not compact:
        body.append("\n" + m.explanation)
    body.append("\n")
    body.append("Hint: ", style="bold")
    body.append(m.hint)
    if m.likely:
        share = f"{m.share:.0%} of the failing cases" if m.share else "the failing cases"
        body.append(f"\n(not reproduced exactly: your failures follow its pattern on {share})", style="dim")
    elif m.failing:
        body.append(f"\n(reproduces {m.explains} of the {m.failing} failing cases)", style="dim")
    return Panel(body, border_style="yellow", expand=True)


def shown_case(rep: Report) -> tuple[FailingCase, str] | None:
    """The failing case a face shows, with its intro line (None: the lines above say it all)."""
    if rep.error is not None and rep.error.kind == ErrorKind.NOT_IMPLEMENTED:
        return None  # every case says the same: the line above said it
    if rep.first_failure is not None and not rep.mistakes:
        return rep.first_failure, "The first failing case:"
    if rep.first_unexplained is not None:
        which = "the mistake above" if len(rep.mistakes) == 1 else "any mistake above"
        return rep.first_unexplained, f"Not reproduced by {which}; the first such failing case:"
    return None


def _case_panel(shown: FailingCase, intro: str) -> Panel:
    body = Text.assemble((intro + "\n", "bold"), f"{shown.check} · {shown.case}\n", (shown.reason, "red"), "\n\n",
                         ("input\n", "bold"), shown.inputs, "\n\n", ("expected\n", "bold"),
                         shown.expected, "\n\n", ("got\n", "bold"), shown.got)
    return Panel(body, border_style="red", title="first failing case")


def speed(rep: Report) -> str:
    eff = rep.efficiency
    at_least = "" if eff.finished else "at least "
    if eff.finished and 1 / 1.05 < eff.ratio < 1.05:
        return "about as fast as the model answer"
    if eff.finished and eff.ratio < 1:
        return f"{1 / eff.ratio:.1f}x faster than the model answer"
    return f"{at_least}{eff.ratio:.1f}x slower than the model answer"


def _efficiency(rep: Report) -> Text:
    eff = rep.efficiency
    at_least = "" if eff.finished else "at least "
    line = Text(f"Efficiency: {speed(rep)} ({at_least}{eff.submission_seconds * 1e3:.2f} ms vs "
                f"{eff.reference_seconds * 1e3:.2f} ms)")
    if eff.warning:
        line.append(f"\nWarning: {eff.warning}", style="yellow")
    return line


def split_warnings(output: str) -> tuple[str, list[str]]:
    """(what the submission printed, the distinct warnings Python printed), from its captured output."""
    prints: list[str] = []
    warned: list[str] = []
    lines = output.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        found = WARNING_LINE.fullmatch(lines[i].rstrip("\r\n"))
        i += 1
        if found is None:
            prints.append(lines[i - 1])
            continue
        text = f"{found['category']}: {found['message']} ({Path(found['file']).name}, line {found['line']})"
        if text not in warned:
            warned.append(text)
        if i < len(lines) and lines[i].startswith("  "):  # the source line Python shows under a warning
            i += 1
    return "".join(prints), warned


def _prints_panel(rep: Report, prints: str, compact: bool) -> Panel:
    lines = prints.splitlines()
    if compact and len(lines) > COMPACT_PRINT_LINES:
        shown = "\n".join(lines[:COMPACT_PRINT_LINES]) + f"\n… ({len(lines) - COMPACT_PRINT_LINES} more lines)"
    else:
        shown = prints if len(prints) < 2000 else prints[:2000] + "\n…"
    note = f" ({rep.output_bytes} bytes, truncated)" if rep.output_bytes > len(rep.output) else ""
    return Panel(Text(shown.rstrip("\n")), title=f"your prints{note}", border_style="dim")


def summary_line(rep: Report, problem: Problem, elapsed: float | None) -> Text:
    """The verdict in one line: what `watch` keeps at the bottom of the screen."""
    line = Text("PASSED", style="bold green") if rep.passed else Text("FAILED", style="bold red")
    if rep.checks:
        line.append(f" · {sum(c.passed for c in rep.checks)}/{len(rep.checks)} checks")
    if rep.error is not None:
        line.append(f" · {rep.error.kind}", style="red")
    if rep.mistakes:
        m = rep.mistakes[0]
        line.append(f" · {mistake_label(0, m)}: {mistake_tag(m)[1:-1]}", style="yellow")
    if rep.efficiency is not None:
        line.append(f" · {speed(rep)}")
    if elapsed is not None:
        line.append(f" · {clock(elapsed)} of {clock(problem.minutes * 60)}")
    return line


def height(console: Console, renderable: RenderableType) -> int:
    """How many lines `renderable` takes on this console."""
    return len(console.render_lines(renderable, console.options, pad=False))


# ---- long output


class TerminalPager(Pager):
    """$PAGER, else less; colours are kept (LESS=-R unless LESS is set). Prints if neither can run."""

    def show(self, content: str) -> None:
        command = shlex.split(os.environ.get("PAGER") or "less")
        env = dict(os.environ)
        env.setdefault("LESS", "-R")
        try:
            subprocess.run(command, input=content, text=True, env=env, check=False)
        except OSError:
            sys.stdout.write(content)


def paged(console: Console, renderable: RenderableType, pager: Pager | None = None) -> None:
    """Print `renderable`, through a pager when it is taller than the terminal."""
    if console.is_terminal and height(console, renderable) > console.height:
        with console.pager(pager or TerminalPager(), styles=True):
            console.print(renderable)
    else:
        console.print(renderable)


# ---- other commands


def problem_list(console: Console, problems: list[Problem], summary: dict) -> None:
    """One row per problem, grouped by track (a track column when wide, heading rows when narrow)."""
    wide = console.width >= 110
    table = Table(title="mlkata problems")
    table.add_column("id", no_wrap=True)  # users type it: never cut
    table.add_column("title", ratio=1, min_width=18)
    if wide:
        table.add_column("track", no_wrap=True)
    table.add_column("level", no_wrap=True)
    table.add_column("min", justify="right", no_wrap=True)
    table.add_column("best result", min_width=11)
    previous_track = None
    for p in problems:
        if p.track != previous_track:
            if previous_track is not None:
                table.add_section()
            if not wide:
                table.add_row(Text(p.track, style="bold cyan"))
            previous_track = p.track
        track = [p.track] if wide else []
        level = Text(p.difficulty, style=DIFFICULTY_STYLE[p.difficulty])
        table.add_row(Text(p.id, style="bold"), p.title, *track, level, str(p.minutes), _best(summary.get(p.id)))
    console.print(table)


def _best(s) -> Text:
    if s is None:
        return Text("not started", style="dim")
    if s.solved:
        best = Text("solved", style="green")
        if s.first_solved_seconds is not None:
            best.append(f" in {clock(s.first_solved_seconds)}", style="green")
        return best
    if s.attempts:
        return Text(f"{s.best_checks_passed}/{s.best_checks_total} checks, {s.attempts} "
                    + ("try" if s.attempts == 1 else "tries"), style="yellow")
    return Text("started", style="yellow")


def statement(console: Console, problem: Problem, pager: Pager | None = None, page: bool = True) -> None:
    meta = (f"{problem.difficulty} · {problem.minutes} min · {problem.framework} · "
            f"write: {', '.join(problem.entry_points)}")
    if problem.forbidden:
        meta += f" · not allowed: {', '.join(problem.forbidden)}"
    from rich.markdown import Markdown  # heavy: only the statement needs it

    body = Group(Text(meta, style="dim"), Markdown(problem.statement))
    if page:
        paged(console, body, pager)
    else:
        console.print(body)


def code(console: Console, source: str, title: str, pager: Pager | None = None) -> None:
    """Source code, never cut: long lines wrap on a terminal; a pipe gets the source exactly."""
    if not console.is_terminal:
        console.file.write(source if source.endswith("\n") else source + "\n")
        console.file.flush()
        return
    from rich.syntax import Syntax  # heavy: only code listings need it

    paged(console, Panel(Syntax(source, "python", line_numbers=True, word_wrap=True), title=title), pager)


def stats(console: Console, st, titles: dict[str, str], sections: list[RenderableType] | None = None) -> None:
    """Totals, then `sections` (which replace the per-problem mistakes table when given), then recent checks."""
    table = Table(show_header=False, title="Your progress")
    table.add_row("checks run", str(st.checks))
    table.add_row("problems attempted", str(st.problems_attempted))
    table.add_row("problems solved", f"{st.problems_solved} of {len(titles)}")
    table.add_row("hints revealed", str(st.hints_used))
    table.add_row("solutions revealed", str(st.solutions_revealed))
    console.print(table)
    for section in sections or ():
        console.print(section)
    if st.top_mistakes and sections is None:
        mistakes = Table(title="Mistakes you make most", caption="re-checking an unchanged file counts once")
        for col in ("problem", "mistake", "times"):
            mistakes.add_column(col)
        for problem_id, mistake_id, count in st.top_mistakes:
            mistakes.add_row(problem_id, mistake_id, str(count))
        console.print(mistakes)
    if st.recent:
        recent = Table(title="Recent checks")
        for col in ("problem", "result", "mistakes"):
            recent.add_column(col)
        for row in st.recent:
            result = Text("passed", style="green") if row.passed else Text("failed", style="red")
            recent.add_row(row.problem_id, result, ", ".join(row.mistakes))
        console.print(recent)
