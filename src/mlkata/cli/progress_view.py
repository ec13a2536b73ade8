"""How `mlkata stats` shows progress: Rich tables for the sections, plotext for the terminal plots."""

from __future__ import annotations

import datetime as dt

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from mlkata.practice.progress import Progress

VERDICT_STYLE = {"Strong Hire": "bold green", "Lean Hire": "green", "Lean No Hire": "yellow", "No Hire": "red"}
PLOT_DAYS = 14       # days of checks in the terminal plot
PLOT_PROBLEMS = 6    # problems in the time-to-solve plot (most solved attempts first)
MARKERS = "ox+*#@"


def ratio_text(ratio: float | None) -> Text:
    if ratio is None:
        return Text("–", style="dim")
    return Text(f"{ratio:.0%} of budget", style="green" if ratio <= 1 else "red")


def sections(prog: Progress) -> list[RenderableType]:
    """The progress tables: readiness per track, mistakes by family, streak, mock verdicts."""
    out: list[RenderableType] = []
    tracks = Table(title="Readiness per track", caption="mean time: latest solved attempt / budget")
    for col in ("track", "solved", "due", "mean time"):
        tracks.add_column(col)
    for r in prog.tracks:
        tracks.add_row(r.track, f"{r.solved} of {r.problems}", str(r.due), ratio_text(r.mean_time_ratio))
    out.append(tracks)
    if prog.mistakes:
        mistakes = Table(title="Mistakes you make most", caption="re-checking an unchanged file counts once")
        for col in ("mistake", "times", "in"):
            mistakes.add_column(col)
        for m in prog.mistakes:
            where = ", ".join(f"{pid} ({n})" if len(m.problems) > 1 else pid for pid, n in m.problems)
            mistakes.add_row(Text.assemble((m.family, "bold"), "\n", (m.title, "dim")), str(m.count), where)
        out.append(mistakes)
    s = prog.streak
    if s.current:
        note = "" if s.checked_today else " (check something today to keep it)"
        line = f"Streak: {s.current} day{'s' * (s.current != 1)} in a row{note}; longest {s.longest}."
    elif s.last_day is not None:
        line = f"Streak: none (last check on {s.last_day.isoformat()}); longest {s.longest}."
    else:
        line = "Streak: none yet: every day with a check counts."
    out.append(Text(line))
    if prog.mocks:
        mocks = Table(title="Mock rounds")
        for col in ("started", "mode", "problem", "verdict"):
            mocks.add_column(col)
        for m in prog.mocks:
            verdict = Text(m.outcome, style=VERDICT_STYLE.get(m.outcome, "")) if m.outcome else Text("open",
                                                                                                   style="dim")
            mocks.add_row(dt.datetime.fromtimestamp(m.started_at).strftime("%Y-%m-%d %H:%M"), m.mode, m.problem_id,
                          verdict)
        out.append(mocks)
    return out


def plots(prog: Progress, width: int, colour: bool) -> list[str]:
    """The terminal plots, each a string (with ANSI colours when `colour`)."""
    import plotext

    fig = plotext.figure
    width = max(40, min(width, 120))
    out = []

    def render(title: str, height: int) -> str:
        fig.title(title)
        fig.plot_size(width, height)
        text = fig.build().string(colorless=not colour)
        fig.clear.all()
        return text

    fig.clear.all()
    by_problem: dict[str, list] = {}
    for t in prog.solve_times:
        by_problem.setdefault(t.problem_id, []).append(t)
    shown = sorted(by_problem, key=lambda pid: (-len(by_problem[pid]), pid))[:PLOT_PROBLEMS]
    if shown:
        for pid, marker in zip(shown, MARKERS):  # a marker per problem: it tells them apart without colour
            times = by_problem[pid]
            sig = fig.signal([t.attempt for t in times], [t.seconds / 60 for t in times], marker=marker)
            sig.lines()
            fig.draw(sig)
        attempts = list(range(1, max(len(by_problem[pid]) for pid in shown) + 1))
        fig.ruler("x").ticks(attempts, [str(a) for a in attempts])
        fig.label("attempt", "x")
        key = "   ".join(f"{marker} {pid}" for pid, marker in zip(shown, MARKERS))
        out.append(render("Time to solve (minutes) per attempt", 16) + "\n" + key.center(width).rstrip())
    else:
        out.append("Time to solve: no solved attempt with a recorded start yet.")

    days = prog.checks_per_day[-PLOT_DAYS:]
    fig.draw(fig.bar([d.strftime("%m-%d") for d, _ in days], [n for _, n in days], width=0.6))
    top = max([1] + [n for _, n in days])
    steps = list(range(0, top + 1, -(-top // 4)))  # whole numbers of checks, at most five ticks
    fig.ruler("y").lim(0, top).ticks(steps, [str(n) for n in steps])
    out.append(render(f"Checks per day (last {len(days)} days)", 12))

    tracks = prog.tracks[::-1]  # plotext draws the first bar at the bottom
    fig.draw(fig.bar([r.track for r in tracks], [round(100 * r.share_solved) for r in tracks], orientation="h",
                     labeled=[f"{r.solved}/{r.problems}" for r in tracks]))
    fig.ruler("x").lim(0, 100).ticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
    out.append(render("Readiness per track (% of problems solved)", 2 * len(tracks) + 5))
    return out


def show_plots(console: Console, prog: Progress) -> None:
    for text in plots(prog, console.width - 1, colour=console.is_terminal and not console.no_color):
        console.print(Text.from_ansi(text), soft_wrap=True)
        console.print()
