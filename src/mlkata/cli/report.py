"""`mlkata report`: the progress of `mlkata stats` as one self-contained HTML file. The figures are
matplotlib PNGs embedded as base64 data; the page loads nothing from anywhere."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import time
from pathlib import Path
from typing import Annotated

import typer

from mlkata.errors import MlkataError
from mlkata.practice.progress import Progress

VERDICT_COLOUR = {"Strong Hire": "#1a7f37", "Lean Hire": "#4c9a2a", "Lean No Hire": "#bf8700", "No Hire": "#cf222e"}
STYLE = """body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1f2328}
h1{margin-bottom:.2em}.sub{color:#656d76;margin-top:0}table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border-bottom:1px solid #d0d7de;padding:.3em .8em;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right}.dim{color:#656d76;font-size:.9em}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em}
.card b{display:block;font-size:1.6em}img{max-width:100%;border:1px solid #d0d7de;border-radius:6px}
.over{color:#cf222e}.under{color:#1a7f37}"""


def figures(prog: Progress) -> list[tuple[str, str]]:
    """(title, base64 PNG) of each figure: time to solve per attempt, checks per day, readiness per track."""
    from matplotlib.figure import Figure

    out = []

    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax = fig.add_subplot()
    by_problem: dict[str, list] = {}
    for t in prog.solve_times:
        by_problem.setdefault(t.problem_id, []).append(t)
    for pid, times in sorted(by_problem.items()):
        ax.plot([t.attempt for t in times], [t.seconds / t.budget_seconds for t in times], marker="o", label=pid)
    ax.axhline(1.0, color="#cf222e", linestyle="--", linewidth=1, label="budget")
    ax.set_xlabel("attempt")
    ax.set_ylabel("time to solve / budget")
    ax.xaxis.get_major_locator().set_params(integer=True)
    if not by_problem:
        ax.text(0.5, 0.5, "no solved attempt with a recorded start yet", ha="center", transform=ax.transAxes)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    out.append(("Time to solve per attempt (against the budget)", _png(fig)))

    fig = Figure(figsize=(8, 2.8), layout="constrained")
    ax = fig.add_subplot()
    days = prog.checks_per_day
    ax.bar([d.strftime("%m-%d") for d, _ in days], [n for _, n in days], color="#0969da")
    ax.set_ylabel("checks")
    ax.tick_params(axis="x", labelrotation=90, labelsize="small")
    ax.yaxis.get_major_locator().set_params(integer=True)
    out.append((f"Checks per day (last {len(days)} days)", _png(fig)))

    fig = Figure(figsize=(8, 0.5 * len(prog.tracks) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    names = [r.track for r in prog.tracks]
    ax.barh(names, [r.problems for r in prog.tracks], color="#d0d7de", label="problems")
    ax.barh(names, [r.solved for r in prog.tracks], color="#1a7f37", label="solved")
    ax.barh(names, [r.due for r in prog.tracks], color="#bf8700", height=0.3, label="due for review")
    ax.invert_yaxis()
    ax.set_xlabel("problems")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    out.append(("Readiness per track", _png(fig)))
    return out


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _e(value: object) -> str:
    return html.escape(str(value))


def _table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """A table; cells are HTML already (escape before)."""
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return '<span class="dim">–</span>'
    return f'<span class="{"under" if ratio <= 1 else "over"}">{ratio:.0%} of budget</span>'


def render_html(prog: Progress, figs: list[tuple[str, str]]) -> str:
    t, s = prog.totals, prog.streak
    cards = [("solved", f"{t.problems_solved} of {prog.problems_total}"), ("checks run", t.checks),
             ("streak", f"{s.current} day{'s' * (s.current != 1)}"), ("longest streak", f"{s.longest} days"),
             ("hints revealed", t.hints_used), ("answers revealed", t.solutions_revealed)]
    parts = [f"<h1>mlkata progress</h1><p class=\"sub\">as of {_e(prog.today.isoformat())}</p>",
             '<div class="cards">' + "".join(f'<div class="card"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in cards)
             + "</div>",
             "<h2>Readiness per track</h2>",
             _table(["track", "solved", "due", "mean time"],
                    [[_e(r.track), f"{r.solved} of {r.problems}", str(r.due), _ratio(r.mean_time_ratio)]
                     for r in prog.tracks], {1, 2}),
             '<p class="dim">Mean time: the latest solved attempt of each solved problem against its budget, '
             "averaged over the track.</p>"]
    parts.append("<h2>Mistakes you make most</h2>")
    if prog.mistakes:
        parts.append(_table(["mistake", "times", "in"],
                            [[f"<b>{_e(m.family)}</b><br><span class=\"dim\">{_e(m.title)}</span>", str(m.count),
                              ", ".join(f"{_e(p)} ({n})" for p, n in m.problems)] for m in prog.mistakes], {1}))
    else:
        parts.append("<p>No classic mistake found yet.</p>")
    parts.append("<h2>Mock rounds</h2>")
    if prog.mocks:
        parts.append(_table(["started", "mode", "problem", "verdict"], [
            [_e(dt.datetime.fromtimestamp(m.started_at).strftime("%Y-%m-%d %H:%M")), _e(m.mode), _e(m.problem_id),
             f'<b style="color:{VERDICT_COLOUR.get(m.outcome, "#656d76")}">{_e(m.outcome or "open")}</b>']
            for m in prog.mocks]))
    else:
        parts.append("<p>No mock round yet: <code>mlkata mock start</code>.</p>")
    for title, data in figs:
        parts.append(f"<h2>{_e(title)}</h2><img alt=\"{_e(title)}\" src=\"data:image/png;base64,{data}\">")
    if t.recent:
        parts.append("<h2>Recent checks</h2>")
        parts.append(_table(["when", "problem", "result", "mistakes"], [
            [_e(dt.datetime.fromtimestamp(r.time).strftime("%Y-%m-%d %H:%M")), _e(r.problem_id),
             '<span class="under">passed</span>' if r.passed else '<span class="over">failed</span>',
             _e(", ".join(r.mistakes))] for r in t.recent]))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>mlkata progress</title>"
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


def report(
    out: Annotated[Path, typer.Option("--out", help="Where to write the HTML file.")] = Path("report.html"),
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """Write your progress (the content of `stats`, with figures) to one self-contained HTML file."""
    from mlkata.cli import session
    from mlkata.cli.main import _warn, console
    from mlkata.practice.progress import progress
    from mlkata.problems.catalog import all_problems

    with session.open_store(read_only_ok=True) as store:
        prog = progress(store, all_problems(), now=time.time())
        _warn(store.warnings)
    figs = figures(prog)
    page = render_html(prog, figs)
    out = out.expanduser()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise MlkataError(f"Cannot write {out} ({exc.strerror or exc}).") from None
    if as_json:
        typer.echo(json.dumps({"path": str(out.resolve()), "bytes": len(page.encode("utf-8")),
                               "figures": [title for title, _ in figs], "progress": prog.to_json()}, allow_nan=False))
    else:
        console.print(f"Report written to [bold]{out}[/] ({len(figs)} figures embedded; open it in a browser).",
                      soft_wrap=True)
