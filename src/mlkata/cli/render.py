"""Everything the terminal shows. The only module that knows about Rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from mlkata.judge.verdict import Report
from mlkata.problems.problem import Problem

DIFFICULTY_STYLE = {"easy": "green", "medium": "yellow", "hard": "red"}


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


def report(console: Console, rep: Report, problem: Problem, elapsed: float | None) -> None:
    title = f"{problem.id}: {problem.title}"
    if rep.passed:
        headline = Text("PASSED", style="bold green")
    else:
        headline = Text("FAILED", style="bold red")
    parts: list = [headline]
    if rep.error is not None:
        parts.append(Text(f"{rep.error.kind}: {rep.error.message}", style="red"))
    if rep.checks:
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(width=2)
        table.add_column(style="bold")
        table.add_column(overflow="fold")
        for c in rep.checks:
            mark = Text("✓", style="green") if c.passed else Text("✗", style="red")
            table.add_row(mark, c.name, Text(c.message, style="dim" if c.passed else ""))
        parts.append(table)
    for i, m in enumerate(rep.mistakes):
        if i > 0:
            label = "Also consistent with"
        else:  # a variant that reproduces only a few of many failures is a lead, not a verdict
            label = "Mistake" if not m.failing or 2 * m.explains >= m.failing else "Partly matches"
        body = Text.assemble((f"{label}: {m.title} ", "bold yellow"), (f"[{m.id}]", "yellow"), "\n",
                             m.explanation, "\n", ("Hint: ", "bold"), m.hint)
        if m.failing:
            body.append(f"\n(reproduces {m.explains} of the {m.failing} failing cases)", style="dim")
        parts.append(Panel(body, border_style="yellow", expand=True))
    shown, intro = None, ""
    if rep.first_failure is not None and not rep.mistakes:
        shown, intro = rep.first_failure, "No catalogued mistake matches; the first failing case:"
    elif rep.first_unexplained is not None:
        which = "the mistake above" if len(rep.mistakes) == 1 else "any mistake above"
        shown, intro = rep.first_unexplained, f"Not reproduced by {which}; the first such failing case:"
    if shown is not None:
        body = Text.assemble((intro + "\n", "bold"),
                             f"{shown.check} · {shown.case}\n", (shown.reason, "red"), "\n\n",
                             ("input\n", "bold"), shown.inputs, "\n\n", ("expected\n", "bold"), shown.expected,
                             "\n\n", ("got\n", "bold"), shown.got)
        parts.append(Panel(body, border_style="red", title="first failing case"))
    if rep.efficiency is not None:
        eff = rep.efficiency
        at_least = "" if eff.finished else "at least "
        line = Text(f"Efficiency: {at_least}{eff.ratio:.2f}x the model answer's time "
                    f"({at_least}{eff.submission_seconds * 1e3:.2f} ms vs {eff.reference_seconds * 1e3:.2f} ms)")
        if eff.warning:
            line.append(f"\nWarning: {eff.warning}", style="yellow")
        parts.append(line)
    budget = budget_line(elapsed, problem.minutes)
    if budget is not None:
        parts.append(budget)
    if rep.output:
        shown = rep.output if len(rep.output) < 2000 else rep.output[:2000] + "\n…"
        note = f" ({rep.output_bytes} bytes, truncated)" if rep.output_bytes > len(rep.output) else ""
        parts.append(Panel(Text(shown), title=f"your prints{note}", border_style="dim"))
    parts.append(Text(f"judged in {rep.judge_seconds * 1e3:.0f} ms", style="dim"))
    console.print(Panel(Group(*parts), title=title, border_style="green" if rep.passed else "red"))


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


def statement(console: Console, problem: Problem) -> None:
    meta = (f"{problem.difficulty} · {problem.minutes} min · {problem.framework} · "
            f"write: {', '.join(problem.entry_points)}")
    if problem.forbidden:
        meta += f" · not allowed: {', '.join(problem.forbidden)}"
    console.print(Text(meta, style="dim"))
    console.print(Markdown(problem.statement))


def code(console: Console, source: str, title: str) -> None:
    console.print(Panel(Syntax(source, "python", line_numbers=True), title=title))


def stats(console: Console, st, titles: dict[str, str]) -> None:
    table = Table(show_header=False, title="Your progress")
    table.add_row("checks run", str(st.checks))
    table.add_row("problems attempted", str(st.problems_attempted))
    table.add_row("problems solved", f"{st.problems_solved} of {len(titles)}")
    table.add_row("hints revealed", str(st.hints_used))
    table.add_row("solutions revealed", str(st.solutions_revealed))
    console.print(table)
    if st.top_mistakes:
        mistakes = Table(title="Mistakes you make most")
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
