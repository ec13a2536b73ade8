"""What the terminal shows for a report, built from plain Report data (no engine): the diagnosis
format, errors said once, efficiency wording, prints and warnings, code and long statements."""

import io
import json

from rich.console import Console
from rich.pager import Pager

from mlkata.cli import render, session
from mlkata.judge.verdict import (
    CheckResult,
    Efficiency,
    ErrorInfo,
    FailingCase,
    MistakeFound,
    Report,
)
from mlkata.problems.catalog import get_problem

SOFTMAX = get_problem("softmax")


def text(rep: Report, problem=SOFTMAX, width: int = 120, compact: bool = False) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(render.report_view(rep, problem, None, compact=compact))
    return console.export_text()


def mask_mistake(**kw) -> MistakeFound:
    fields = dict(id="mask-after-softmax", title="Applies the mask after softmax", explanation="Why.",
                  hint="Mask the scores.", explains=4, failing=4, family="mask-after-softmax",
                  variant="mask-after-softmax-renorm", detail="renormalised", share=1.0)
    return MistakeFound(**{**fields, **kw})


def failing(checks=2) -> list[CheckResult]:
    return [CheckResult(f"check {i}", False, f"1/1 failed. case {i}: wrong", 1, 0) for i in range(checks)]


def test_mistake_shows_its_family_first_and_the_variant_as_detail():
    shown = text(Report("softmax", False, checks=failing(), mistakes=[mask_mistake()]))
    assert "Mistake: Applies the mask after softmax [mask-after-softmax; variant: renormalised]" in shown
    assert "(reproduces 4 of the 4 failing cases)" in shown
    no_detail = text(Report("softmax", False, checks=failing(), mistakes=[mask_mistake(detail="")]))
    assert "[mask-after-softmax; variant: mask-after-softmax-renorm]" in no_detail
    itself = text(Report("softmax", False, checks=failing(),
                         mistakes=[mask_mistake(detail="", variant="mask-after-softmax")]))
    assert "[mask-after-softmax]" in itself


def test_a_likely_match_is_never_worded_as_certain():
    rep = Report("softmax", False, checks=failing(), mistakes=[mask_mistake(likely=True, explains=0, share=0.75)])
    shown = text(rep)
    assert "Likely mistake: Applies the mask after softmax [mask-after-softmax; variant: renormalised]" in shown
    assert "Mistake:" not in shown and "reproduces" not in shown
    assert "not reproduced exactly" in shown and "75% of the failing cases" in shown
    assert "Likely mistake: mask-after-softmax" in render.summary_line(rep, SOFTMAX, None).plain
    second = text(Report("softmax", False, checks=failing(),
                         mistakes=[mask_mistake(), mask_mistake(id="other", family="other", likely=True)]))
    assert "Also likely: " in second


def test_json_keeps_every_mistake_field():
    rep = Report("softmax", False, checks=failing(), mistakes=[mask_mistake(likely=True)])
    [mistake] = json.loads(session.report_json(rep, SOFTMAX, None))["mistakes"]
    assert set(mistake) == {"id", "title", "explanation", "hint", "explains", "failing", "family", "variant",
                            "detail", "likely", "share"}
    assert mistake["likely"] is True and mistake["variant"] == "mask-after-softmax-renorm"


def test_an_exception_is_said_first_and_once():
    phrase = "raised NameError: name 'y' is not defined (line 3, in softmax)"
    checks = [CheckResult("random shapes", False, f"5/5 failed. x float64 (7,), axis=-1: {phrase}", 5, 0),
              CheckResult("other axes", False, f"2/4 failed. x float64 (3, 4), axis=0: {phrase}", 4, 2),
              CheckResult("square inputs", True, "3 cases passed", 3, 3)]
    error = ErrorInfo("exception", f"{phrase}, on 7 of the 7 failing cases", 3)
    shown = text(Report("softmax", False, checks=checks, error=error))
    assert shown.count("NameError") == 1
    assert shown.index("NameError") < shown.index("random shapes")
    assert "5/5 failed: the error above" in shown and "2/4 failed: the error above" in shown


def test_efficiency_says_faster_or_slower():
    def efficiency(ratio, finished=True):
        rep = Report("softmax", True, efficiency=Efficiency(ratio, ratio * 1e-3, 1e-3, finished=finished))
        return text(rep)

    assert "Efficiency: 2.1x faster than the model answer (0.47 ms vs 1.00 ms)" in efficiency(0.47)
    assert "Efficiency: 3.0x slower than the model answer" in efficiency(3.0)
    assert "about as fast as the model answer" in efficiency(1.02)
    assert "at least 12.0x slower" in efficiency(12.0, finished=False)
    assert "the model answer's time" not in efficiency(0.47)


def test_warnings_are_told_apart_from_prints():
    output = ("hello from my code\n"
              "/home/me/ws/softmax.py:7: RuntimeWarning: overflow encountered in exp\n"
              "  e = np.exp(x)\n"
              "/home/me/ws/softmax.py:7: RuntimeWarning: overflow encountered in exp\n"
              "/home/me/ws/softmax.py:8: RuntimeWarning: invalid value encountered in divide\n")
    prints, warned = render.split_warnings(output)
    assert prints == "hello from my code\n"
    assert warned == ["RuntimeWarning: overflow encountered in exp (softmax.py, line 7)",
                      "RuntimeWarning: invalid value encountered in divide (softmax.py, line 8)"]
    shown = text(Report("softmax", False, checks=failing(), output=output, output_bytes=len(output)))
    assert "Warnings from your code" in shown and "your prints" in shown
    only_warnings = output.split("\n", 1)[1]
    assert "your prints" not in text(Report("softmax", False, checks=failing(), output=only_warnings))


def test_nothing_ran_means_no_judging_time():
    error = ErrorInfo("syntax-error", "expected ':' (softmax.py, line 1)", 1)
    assert "judged in" not in text(Report("softmax", False, error=error, judge_seconds=0.0002))
    assert "judged in 31 ms" in text(Report("softmax", False, checks=failing(), judge_seconds=0.031))


def test_the_failing_case_shows_every_input_however_long_the_first():
    from mlkata.judge.compare import preview_args

    attention = get_problem("attention")
    check = next(c for c in attention.checks if c.name.startswith("mask [Lq, Lk]"))
    case = check.cases[0]
    inputs = preview_args(case.args)  # what the engine puts in the report, one argument per line
    assert [line.split(":")[0] for line in inputs.splitlines() if line[:1].isalpha()] == list(case.args)
    shown = FailingCase(check.name, case.label, "output differs", inputs, "expected", "got")
    report = text(Report("attention", False, checks=failing(), first_failure=shown), problem=attention)
    assert "│ mask: array" in report


def test_compact_view_keeps_the_verdict_the_failing_checks_and_the_mistake():
    checks = failing(1) + [CheckResult(f"fine {i}", True, "2 cases passed", 2, 2) for i in range(8)]
    case = FailingCase("check 0", "case 0", "wrong", "x: 1", "1", "2")
    rep = Report("softmax", False, checks=checks, mistakes=[mask_mistake(), mask_mistake(id="b", family="b")],
                 first_unexplained=case, output="a\nb\nc\nd\ne\nf\ng\n", output_bytes=14)
    full, compact = text(rep), text(rep, compact=True)
    assert compact.count("\n") < full.count("\n")
    assert "FAILED" in compact and "check 0" in compact and "8 other checks passed" in compact
    assert "[mask-after-softmax; variant: renormalised]" in compact and "Also consistent with" in compact
    assert "fine 3" not in compact and "expected" not in compact and "mlkata check softmax" in compact
    assert "(2 more lines)" in compact


def test_code_wraps_on_a_narrow_terminal_and_is_never_cut():
    source = get_problem("multi_head_attention").solution
    console = Console(record=True, width=60, height=10_000, force_terminal=True, file=io.StringIO())
    render.code(console, source, "model answer")
    shown = console.export_text()
    flat = "".join(shown.split())
    for line in source.splitlines():
        for word in line.split():
            assert word.replace("│", "") in flat.replace("│", ""), word


class RecordingPager(Pager):
    def __init__(self):
        self.shown = []

    def show(self, content: str) -> None:
        self.shown.append(content)


def test_long_statements_go_through_the_pager():
    pager = RecordingPager()
    short = Console(force_terminal=True, width=100, height=10, file=io.StringIO())
    render.statement(short, get_problem("attention"), pager)
    assert len(pager.shown) == 1 and "write: " in pager.shown[0]
    tall = Console(force_terminal=True, width=100, height=10_000, file=io.StringIO())
    render.statement(tall, get_problem("attention"), pager)
    assert len(pager.shown) == 1 and tall.file.getvalue()
    piped = Console(width=100, height=10, file=io.StringIO())  # not a terminal: printed as is
    render.statement(piped, get_problem("attention"), pager)
    assert len(pager.shown) == 1 and piped.file.getvalue()


def test_an_unconfined_run_is_said_on_the_report():
    rep = Report("softmax", True, checks=[CheckResult("c", True, "1 case passed", 1, 1)],
                 sandbox="fork per check + rlimits (UNCONFINED: no bubblewrap, no Landlock)")
    assert "ran UNCONFINED" in text(rep)
    confined = Report("softmax", True, checks=[CheckResult("c", True, "1 case passed", 1, 1)],
                      sandbox="bubblewrap (...) + fork per check")
    assert "UNCONFINED" not in text(confined)
