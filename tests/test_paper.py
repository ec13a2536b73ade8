"""`mlkata paper`: the reading list's content, paper rounds through the library (injected clock) and the CLI."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlkata.cli.main import app
from mlkata.errors import MlkataError
from mlkata.practice import paper
from mlkata.store import Store

runner = CliRunner()
ALL_LEAN = [arg for part in paper.PARTS for arg in ("--grade", f"{part}=lean")]


class Clock:
    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def invoke(*args: str):
    return runner.invoke(app, ["paper", *args])


def last_json(result) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- content ---------------------------------------------------------------------------------------------------

def test_reading_list_content():
    papers = paper.papers()
    assert len(papers) >= 20
    assert len({p.id for p in papers}) == len(papers)
    assert len({p.title.lower() for p in papers}) == len(papers)
    assert {p.category for p in papers} == set(paper.CATEGORIES)
    for p in papers:
        assert p.id != "submit"  # the CLI's word for handing in
        assert all(isinstance(v, str) and v.strip() for v in (p.title, p.authors, p.why, p.focus)), p.id
        assert 1940 < p.year < 2030, p.id
    parts = paper.parts()
    assert list(parts) == list(paper.PARTS)
    assert all(part["title"] and part["prompt"] and part["strong"] for part in parts.values())


def test_template_has_the_five_parts_empty():
    text = paper.template(paper.get_paper("attention"))
    assert "Attention Is All You Need" in text
    assert paper.sections(text) == {part: "" for part in paper.PARTS}


def test_sections_reads_under_headings():
    text = paper.template(paper.get_paper("adam")).replace("## Limitations\n", "## Limitations\nNo AMSGrad fix.\n")
    text += "more ideas\n"
    found = paper.sections(text)
    assert found["limitations"] == "No AMSGrad fix."
    assert found["extensions"] == "more ideas"
    assert found["problem"] == ""


def test_parse_grades():
    assert paper.parse_grades(["Problem=Strong", "limitations=no-hire"]) == {"problem": "strong",
                                                                             "limitations": "no_hire"}
    for bad in ("problem", "method=lean", "problem=great"):
        with pytest.raises(MlkataError):
            paper.parse_grades([bad])
    assert paper.overall({"problem": "strong", "contribution": "lean"}) == "lean"


def test_unknown_paper():
    with pytest.raises(MlkataError, match="reading list"):
        paper.get_paper("nope")


# -- library ---------------------------------------------------------------------------------------------------

def test_round_through_the_library(tmp_path):
    clock = Clock()
    with Store.open(tmp_path / "store.db", clock=clock) as store:
        assert paper.papers_read(store) == 0
        round_id = paper.start(store, paper.get_paper("resnet"), tmp_path / "ws")
        rnd = store.round(round_id)
        assert rnd.mode == "paper" and rnd.problem_id == "paper:resnet"
        path = Path(rnd.data["path"])
        assert path == tmp_path / "ws" / "papers" / "resnet.md"
        with pytest.raises(MlkataError, match="is open"):
            paper.start(store, paper.get_paper("adam"), tmp_path / "ws")
        path.write_text(path.read_text().replace("## Problem\n", "## Problem\nDeep nets degrade.\n"))
        with pytest.raises(MlkataError, match="missing"):
            paper.submit(store, rnd, {"problem": "strong"})
        clock.t += 25 * 60
        grades = {part: "strong" for part in paper.PARTS} | {"experiments": "lean"}
        out = paper.submit(store, store.round(round_id), grades)
        assert out["outcome"] == "read" and out["grade"] == "lean"
        assert out["seconds"] == 25 * 60 and out["over_time"]
        assert out["blank"] == ["contribution", "experiments", "limitations", "extensions"]
        assert set(out["strong"]) == set(paper.PARTS)
        assert "Deep nets degrade." in store.round(round_id).data["summary"]
        assert paper.open_round(store) is None
        assert paper.papers_read(store) == 1
        # the same paper again counts once; an abandoned round does not count
        again = paper.start(store, paper.get_paper("resnet"), tmp_path / "ws")
        assert (tmp_path / "ws" / "papers" / "resnet.md.old").read_text().count("Deep nets degrade.") == 1
        paper.submit(store, store.round(again), grades)
        other = paper.start(store, paper.get_paper("adam"), tmp_path / "ws")
        store.end_round(other, "paper:adam", "abandoned")
        assert paper.papers_read(store) == 1
        assert [e["paper"] for e in paper.read(store)] == ["resnet", "resnet"]


# -- CLI -------------------------------------------------------------------------------------------------------

def test_cli_list_json():
    result = invoke("--list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["papers"]) >= 20
    assert sum(data["counts"].values()) == len(data["papers"])
    assert list(data["parts"]) == list(paper.PARTS)


def test_cli_list_plain():
    result = invoke("--list")
    assert result.exit_code == 0 and "Reading list" in result.stdout


def test_cli_round_start_submit_read(tmp_path):
    start = invoke("bert", "--json")
    assert start.exit_code == 0, start.output
    opened = json.loads(start.stdout)
    path = Path(opened["path"])
    assert path.name == "bert.md" and path.parent.name == "papers" and opened["minutes"] == 20
    assert "## Contribution" in path.read_text()
    status = invoke("--json")
    assert json.loads(status.stdout)["round_id"] == opened["round_id"]
    busy = invoke("gan", "--json")
    assert busy.exit_code == 2 and "is open" in last_json(busy)["error"]["message"]

    missing = invoke("submit", "--json", "--grade", "problem=strong")  # no terminal: nothing is asked
    assert missing.exit_code == 2 and "missing" in last_json(missing)["error"]["message"]
    bad = invoke("submit", "--json", "--grade", "problem=great")
    assert bad.exit_code == 2 and "Bad grade" in last_json(bad)["error"]["message"]

    path.write_text(path.read_text() + "Masked LM plus fine-tuning.\n")
    done = invoke("submit", "--json", *ALL_LEAN)
    assert done.exit_code == 0, done.output
    out = json.loads(done.stdout)
    assert out["outcome"] == "read" and out["grade"] == "lean" and out["blank"] == list(paper.PARTS[:-1])
    assert set(out["strong"]) == set(paper.PARTS)

    read = invoke("--read", "--json")
    data = json.loads(read.stdout)
    assert data["count"] == 1 and data["read"][0]["paper"] == "bert"
    assert "Papers read: 1" in invoke("--read").stdout
    assert json.loads(invoke("--json").stdout)["round"] is None


def test_cli_plain_round_and_abandon():
    start = invoke("ppo")
    assert start.exit_code == 0, start.output
    assert "Summary file:" in start.stdout and "ppo.md" in start.stdout
    done = invoke("submit", *ALL_LEAN)
    assert done.exit_code == 0 and "a strong answer:" in done.stdout
    invoke("lora")
    abandoned = invoke("--abandon", "--json")
    assert abandoned.exit_code == 0 and json.loads(abandoned.stdout)["outcome"] == "abandoned"
    assert json.loads(invoke("--read", "--json").stdout)["count"] == 1


def test_cli_errors_are_one_json_object():
    for args in (("nope", "--json"), ("submit", "--json"), ("--abandon", "--json")):
        result = invoke(*args)
        assert result.exit_code == 2
        assert "error" in json.loads(result.stdout)


def test_cli_submit_asks_on_a_terminal(monkeypatch):
    from mlkata.cli import paper as cli

    monkeypatch.setattr(cli, "interactive", lambda: True)
    assert invoke("vae").exit_code == 0
    # problem given on the command line; the other four asked (one bad answer is asked again)
    result = runner.invoke(app, ["paper", "submit", "--grade", "problem=strong"], input="s\nx\nl\nn\nno hire\n")
    assert result.exit_code == 0, result.output
    grades = json.loads(invoke("--read", "--json").stdout)["read"][0]["grades"]
    assert grades == {"problem": "strong", "contribution": "strong", "experiments": "lean",
                      "limitations": "no_hire", "extensions": "no_hire"}


def test_cli_status_shows_the_clock(monkeypatch):
    from mlkata.cli import paper as cli

    opened = json.loads(invoke("dpo", "--json").stdout)
    monkeypatch.setattr(cli, "now", lambda: opened["started_at"] + 21 * 60)
    shown = invoke()
    assert shown.exit_code == 0 and "21:00 of 20:00 (over time)" in shown.stdout
