"""`mlkata design`: the prompts' content, the library (answer file, sections, marks, verdict) and the CLI through
CliRunner with a fake clock and no terminal unless faked."""

import json

import pytest
from typer.testing import CliRunner

from mlkata.cli import design as cli_design
from mlkata.cli.main import app
from mlkata.errors import MlkataError
from mlkata.practice import design
from mlkata.store import Store

runner = CliRunner()
T0 = 1_800_000_000.0
PRINCIPLES = {"controlled", "fair_baselines", "seeds", "ablation", "compute_matched", "held_out", "extrapolation"}


class Clock:
    def __init__(self):
        self.t = T0

    def __call__(self):
        return self.t


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(cli_design, "now", clock)
    monkeypatch.setattr(cli_design, "open_store", lambda: Store.open(clock=clock))
    monkeypatch.setattr(cli_design, "interactive", lambda: False)
    return clock


def invoke(*args, input=None):
    return runner.invoke(app, ["design", *args], input=input)


def one_json(result) -> dict:
    return json.loads(result.stdout)  # exactly one object: anything else fails to parse


def test_content_is_complete_and_distinct():
    prompts = design.prompts()
    assert len(prompts) >= 12
    assert len({p["id"] for p in prompts}) == len(prompts)
    assert len({p["prompt"] for p in prompts}) == len(prompts)
    assert len({p["area"] for p in prompts}) >= 8
    for p in prompts:
        assert all(p[key].strip() for key in ("id", "area", "title", "prompt", "focus")), p["id"]
    assert [p["id"] for p in design.parts()] == ["hypothesis", "baseline", "ablations", "metrics", "expected",
                                                  "outcomes"]
    for part in design.parts():
        assert all(part[level].strip() for level in ("strong", "lean", "no_hire")), part["id"]
    assert {p["id"] for p in design.principles()} == PRINCIPLES
    titles = [c["title"] for c in design.criteria()]
    assert len(set(titles)) == len(titles)  # a mark is never ambiguous on screen
    assert design.minutes() == 15


def test_sections_read_each_heading_and_template_starts_empty():
    p = design.prompt("optimizer_change")
    text = design.template(p)
    assert set(design.sections(text).values()) == {""}
    text = text.replace("## Baseline\n", "## Baseline\nAdam, tuned as hard.\n")
    text += "\nA win means ship it.\n"
    found = design.sections(text)
    assert found["baseline"] == "Adam, tuned as hard."
    assert found["outcomes"] == "A win means ship it."
    assert found["hypothesis"] == ""


def test_marks_and_verdict():
    assert design.parse_marks(["Hypothesis=S", "seeds=no-hire", "baseline=lean"]) == {
        "hypothesis": "strong", "seeds": "no_hire", "baseline": "lean"}
    for bad in ["hypothesis", "nope=strong", "hypothesis=great"]:
        with pytest.raises(MlkataError):
            design.parse_marks([bad])
    everything = {c["id"]: "strong" for c in design.criteria()}
    assert design.verdict(everything) == {"verdict": "Strong Hire", "score": 1.0}
    assert design.verdict({k: "lean" for k in everything})["verdict"] == "Lean No Hire"
    assert design.verdict({k: "no_hire" for k in everything})["verdict"] == "No Hire"
    assert design.verdict({}) == {"verdict": "Unmarked", "score": None}


def test_list_json_carries_every_prompt(clock):
    result = invoke("--list", "--json")
    assert result.exit_code == 0, result.output
    data = one_json(result)
    assert [p["id"] for p in data["prompts"]] == [p["id"] for p in design.prompts()]
    assert set(data["principles"]) == PRINCIPLES and len(data["parts"]) == 6
    shown = invoke("--list")
    assert shown.exit_code == 0 and "positional_encoding" in shown.output


def test_round_start_submit_history(clock, tmp_path):
    result = invoke("positional_encoding", "--json")
    assert result.exit_code == 0, result.output
    state = one_json(result)
    file = tmp_path / "workspace" / "design" / "positional_encoding.md"
    assert state["path"] == str(file) and state["deadline"] == T0 + 15 * 60
    assert "## What each outcome would tell you" in file.read_text()
    again = invoke("optimizer_change", "--json")
    assert again.exit_code == 2 and "already open" in one_json(again)["error"]["message"]

    file.write_text(file.read_text().replace("## Hypothesis\n", "## Hypothesis\nIt extrapolates better.\n"))
    clock.t += 600
    result = invoke("submit", "--mark", "hypothesis=strong", "--mark", "extrapolation=lean", "--json")
    assert result.exit_code == 0, result.output
    data = one_json(result)
    assert data["prompt"] == "positional_encoding" and "It extrapolates better." in data["answer"]
    assert data["seconds_used"] == 600 and not data["over_time"]
    assert "hypothesis" not in data["empty_parts"] and "baseline" in data["empty_parts"]
    assert data["marks"]["hypothesis"] == "strong" and data["marks"]["seeds"] is None
    assert data["verdict"] == "No Hire" and len(data["rubric"]["parts"]) == 6
    assert "extrapolat" in data["focus"]

    with Store.open() as store:  # the verdict and the answer are the round's record
        (rnd,) = store.rounds(mode="design")
    assert rnd.outcome == "No Hire" and rnd.problem_id == "design:positional_encoding"
    assert "It extrapolates better." in rnd.data["answer"]

    history = one_json(invoke("history", "--json"))["rounds"]
    assert [(r["prompt"], r["verdict"]) for r in history] == [("positional_encoding", "No Hire")]
    assert "positional_encoding" in invoke("history").output
    none_open = invoke("submit", "--json")
    assert none_open.exit_code == 2 and "No design round is open" in one_json(none_open)["error"]["message"]


def test_bare_design_picks_an_unseen_prompt_and_keeps_an_existing_file(clock, tmp_path):
    first = design.prompts()[0]["id"]
    file = tmp_path / "workspace" / "design" / f"{first}.md"
    file.parent.mkdir(parents=True)
    file.write_text("my notes\n")
    state = one_json(invoke("--json"))
    assert state["prompt"] == first and state["kept_existing_file"]
    assert file.read_text() == "my notes\n"
    invoke("submit")
    state = one_json(invoke("--json"))
    assert state["prompt"] == design.prompts()[1]["id"]


def test_submit_without_terminal_records_unmarked_and_shows_the_rubric(clock):
    invoke("lora_vs_full")
    clock.t += 20 * 60
    result = invoke("submit")
    assert result.exit_code == 0, result.output
    assert "Compute-matched comparison" in result.output and "No Hire" in result.output
    assert "recorded unmarked" in result.output and "over time" in result.output
    assert "Unmarked" in result.output


def test_submit_on_a_terminal_asks_each_criterion(clock, monkeypatch):
    monkeypatch.setattr(cli_design, "interactive", lambda: True)
    invoke("dpo_vs_ppo")
    answers = "\n".join(["s"] * len(design.criteria())) + "\n"
    result = invoke("submit", input=answers)
    assert result.exit_code == 0, result.output
    assert "Strong Hire" in result.output
    assert one_json(invoke("history", "--json"))["rounds"][0]["score"] == 1.0


def test_unknown_prompt_and_bad_mark_are_usage_errors(clock):
    result = invoke("no_such_prompt", "--json")
    assert result.exit_code == 2 and "No design prompt" in one_json(result)["error"]["message"]
    invoke("scaling_claim")
    result = invoke("submit", "--mark", "vibes=strong", "--json")
    assert result.exit_code == 2 and "Bad --mark" in one_json(result)["error"]["message"]
