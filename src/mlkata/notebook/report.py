"""A notebook check's result: the CLI's panel as text (terminal) or a self-contained HTML panel (Jupyter)."""

from __future__ import annotations

import html
import io

from mlkata.judge.verdict import ErrorKind, Report


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
