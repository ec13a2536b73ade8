"""The result panel: a check's reply (client.judge_file's dict) as HTML, worded as `mlkata check` words it."""

from __future__ import annotations

import re

from mlkata.cli import render as cli
from mlkata.judge.verdict import ErrorKind, Report
from mlkata.web.pages import env

PRINTS_LIMIT = 4000  # characters of the submission's own prints shown


def view(reply: dict) -> dict:
    """What _result.html shows, from a `result` reply: verdict, checks, mistakes, the case, time, notes."""
    rep = Report.from_json(reply["report"])
    problem = reply.get("problem") or {}
    repeated = cli.repeated_error(rep)
    checks = []
    for c in rep.checks:
        message = c.message
        if not c.passed and repeated and repeated in message:  # the error above says it once
            message = "" if rep.error.kind == ErrorKind.NOT_IMPLEMENTED else (
                f"{c.cases - c.cases_passed}/{c.cases} failed: the error above" if c.cases else "the error above")
        checks.append({"name": c.name, "passed": c.passed, "message": message})
    mistakes = []
    for i, m in enumerate(rep.mistakes):
        if m.likely:
            share = f"{m.share:.0%} of the failing cases" if m.share else "the failing cases"
            support = f"Not reproduced exactly: your failures follow its pattern on {share}."
        else:
            support = f"Reproduces {m.explains} of the {m.failing} failing cases." if m.failing else ""
        mistakes.append({"id": m.id, "title": m.title, "label": cli.mistake_label(i, m), "tag": cli.mistake_tag(m),
                         "explanation": m.explanation, "hint": m.hint, "likely": m.likely, "support": support})
    shown = cli.shown_case(rep)
    case = None if shown is None else {"intro": shown[1], **vars(shown[0])}
    if case is not None:  # small arrays as tables: each input argument, then expected and got
        grids = case.pop("grids", None) or {}
        # the inputs text holds one "name: preview" block per argument; a small array's block becomes a table
        blocks = re.split(r"\n(?=[A-Za-z_]\w*: )", case["inputs"])
        case["input_rows"] = [(block.split(":", 1)[0], grids.get(f"input:{block.split(':', 1)[0]}"), block)
                              for block in blocks]
        case["expected_grid"], case["got_grid"] = grids.get("expected"), grids.get("got")
    prints, warned = cli.split_warnings(rep.output)
    elapsed, budget = reply.get("elapsed"), int(problem.get("minutes") or 0) * 60
    eff = rep.efficiency
    return {
        "passed": rep.passed,
        "problem": problem,
        "error": None if rep.error is None else {"kind": rep.error.kind, "text": cli.error_text(rep),
                                                 "line": rep.error.line},
        "checks": checks,
        "checks_passed": sum(c.passed for c in rep.checks),
        "mistakes": mistakes,
        "case": case,
        "efficiency": None if eff is None else {"speed": cli.speed(rep), "warning": eff.warning,
                                                "ms": eff.submission_seconds * 1e3,
                                                "ref_ms": eff.reference_seconds * 1e3},
        "elapsed": elapsed,
        "budget": budget,
        "over": elapsed is not None and budget and elapsed > budget,
        "prints": prints if len(prints) <= PRINTS_LIMIT else prints[:PRINTS_LIMIT] + "\n…",
        "prints_truncated": rep.output_bytes > len(rep.output),
        "python_warnings": warned,
        "notes": list(reply.get("notes") or []),
        "advice": list(rep.advice),
        "warnings": list(reply.get("warnings") or []),
        "judge_ms": rep.judge_seconds * 1e3 if rep.checks else None,
        "unconfined": "UNCONFINED" in rep.sandbox,
    }


def to_html(reply: dict) -> str:
    """The panel's HTML (the same markup the problem page inserts)."""
    return env.get_template("_result.html").render(r=view(reply))
