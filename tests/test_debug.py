"""Fix-the-bug rounds: the composition property over the whole bank (library), and the round end to end (CLI)."""

import itertools
import json
import time
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from mlkata.cli.main import app
from mlkata.errors import MlkataError
from mlkata.practice import debug
from mlkata.problems.catalog import all_problems, get_problem

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("problem_id", sorted(all_problems()))
def test_every_problem_has_a_valid_round_and_every_injected_bug_matters(problem_id):
    problem = get_problem(problem_id)
    trial = debug.Trial(problem)
    rnd = debug.build(problem, seed=0, trial=trial)
    assert 1 <= len(rnd.bugs) <= 3
    assert len({problem.mistake(b).family for b in rnd.bugs}) == len(rnd.bugs)
    assert rnd.source == debug.compose(problem, rnd.bugs) != problem.solution
    # judged afresh, not from the trial's memory: the file fails, and taking out any one bug changes that
    fresh = debug.Trial(problem)
    every = fresh.symptoms(rnd.source)
    assert every and sorted(every) == sorted(rnd.failing)
    for bug in rnd.bugs:
        rest = [b for b in rnd.bugs if b != bug]
        without = fresh.symptoms(debug.compose(problem, rest) if rest else problem.solution)
        assert set(without) != set(every), bug
        assert rnd.own[bug] and not set(rnd.own[bug]) & set(without), bug
    # the remaining rule counts right after any partial fix: drop any subset of the bugs
    for n in range(len(rnd.bugs) + 1):
        for kept in itertools.combinations(rnd.bugs, n):
            source = debug.compose(problem, kept) if kept else problem.solution
            assert debug.remaining(rnd.to_data(), fresh.symptoms(source)) == list(kept)
    assert rnd.story and not any(problem.mistake(b).title in rnd.story for b in rnd.bugs)


def test_the_seed_fixes_the_round_and_other_seeds_vary_it():
    problem = get_problem("attention")
    trial = debug.Trial(problem)
    first = debug.build(problem, seed=3, trial=trial)
    assert debug.build(problem, seed=3, trial=debug.Trial(problem)).bugs == first.bugs
    assert len({tuple(debug.build(problem, seed=s, trial=trial).bugs) for s in range(6)}) > 1
    assert len(debug.build(problem, seed=3, bugs=1, trial=trial).bugs) == 1


def test_a_mistake_that_ignores_the_rng_is_never_injected():
    problem = get_problem("kmeans")
    trial = debug.Trial(problem)
    assert not trial.steady("ignores-rng") and trial.steady("empty-cluster-not-reseeded")
    assert trial.validate(["ignores-rng"]) is None
    assert all("ignores-rng" not in debug.build(problem, seed=s, trial=trial).bugs for s in range(4))


def test_edits_that_overlap_do_not_compose():
    problem = get_problem("softmax")
    ids = [m.id for m in debug.injectable(problem)]
    broken = [(a, b) for a in ids for b in ids if a < b and debug.compose(problem, [a, b]) is None]
    assert broken  # e.g. two mistakes that rewrite the same line
    a, b = broken[0]
    assert debug.Trial(problem).validate([a, b]) is None
    with pytest.raises(MlkataError):
        debug.build(problem, bugs=4)


def test_a_bug_remains_while_one_of_its_own_checks_fails():
    data = {"bugs": ["a", "b"], "own": {"a": ["x"], "b": ["y", "z"]}}
    assert debug.remaining(data, ["x", "y", "shared"]) == ["a", "b"]
    assert debug.remaining(data, ["z", "shared"]) == ["b"]
    assert debug.remaining(data, ["shared"]) == []


def test_a_debug_round_end_to_end(tmp_path, monkeypatch):
    result = invoke("debug", "softmax", "--seed", "1", "--bugs", "2", "--json")
    assert result.exit_code == 0, result.output
    started = json.loads(result.stdout)
    assert started["state"] == "open" and started["bugs"] == 2 and started["remaining"] == 2
    assert started["minutes"] == max(5, (get_problem("softmax").minutes + 1) // 2)
    path = started["path"]
    assert path.endswith("debug/softmax.py")
    problem = get_problem("softmax")
    rnd = debug.build(problem, seed=1, bugs=2)
    assert open(path).read() == rnd.source

    # another problem while this round is open: refused, one JSON object on stdout
    refused = invoke("debug", "attention", "--json")
    assert refused.exit_code == 2 and "softmax" in json.loads(refused.stdout)["error"]["message"]
    assert invoke("solution", "softmax", "--yes").exit_code == 2  # the answer stays hidden

    checked = json.loads(invoke("check", path, "--json").stdout)
    assert checked["round_notes"][0].startswith("Debug round") and "2 of 2 injected bugs remain" in \
        checked["round_notes"][0]
    assert checked["mistakes"] == []  # withheld while the round is open: finding them is the exercise
    for bug in rnd.bugs:
        assert problem.mistake(bug).title not in " ".join(checked["round_notes"])

    hinted = invoke("hint", "softmax")
    assert "Injected bug 1 of 2" in hinted.stdout
    first = next(b for b in rnd.bugs if problem.mistake(b).title[:20] in hinted.stdout.replace("\n", " "))
    assert "Injected bug 2 of 2" in invoke("hint", "softmax").stdout
    assert "Every injected bug is named" in invoke("hint", "softmax").stdout

    # one bug fixed (its edits undone): one remains; an hour later the note says the clock ran out
    other = next(b for b in rnd.bugs if b != first)
    open(path, "w").write(debug.compose(problem, [other]))
    later = time.time() + 3600
    monkeypatch.setattr(debug, "time", SimpleNamespace(time=lambda: later))
    notes = json.loads(invoke("check", path, "--json").stdout)["round_notes"]
    assert "1 of 2 injected bugs remain" in notes[0] and any("Over the round's clock" in n for n in notes)
    status = json.loads(invoke("debug", "--status", "--json").stdout)
    assert status["remaining"] == 1 and len(status["hints_named"]) == 2

    # fixed in another spelling than the model answer's: solved, the round ends
    open(path, "w").write("import numpy as np\n\n\ndef softmax(x, axis=-1):\n"
                          "    e = np.exp(x - np.max(x, axis=axis, keepdims=True))\n"
                          "    return e / np.sum(e, axis=axis, keepdims=True)\n")
    done = invoke("check", path, "--json")
    assert done.exit_code == 0 and json.loads(done.stdout)["round_notes"][0].startswith("Debug round solved")
    assert json.loads(invoke("debug", "--status", "--json").stdout)["round"] is None


def test_abandon_ends_the_round_and_a_new_one_keeps_the_old_file(tmp_path):
    assert invoke("debug", "--abandon", "--json").exit_code == 2
    first = json.loads(invoke("debug", "--seed", "0", "--json").stdout)
    again = json.loads(invoke("debug", "--json").stdout)  # resumes the open round
    assert again["round_id"] == first["round_id"]
    ended = json.loads(invoke("debug", "--abandon", "--json").stdout)
    assert ended["state"] == "abandoned" and ended["round_id"] == first["round_id"]
    second = json.loads(invoke("debug", first["problem"], "--seed", "5", "--json").stdout)
    assert second["round_id"] != first["round_id"]
    assert open(second["path"] + ".old").read() == debug.compose(
        get_problem(first["problem"]), _bugs_of(first["round_id"]))


def _bugs_of(round_id):
    from mlkata.store import Store

    with Store.open() as store:
        return store.round(round_id).data["bugs"]


def test_human_output_tells_the_story_and_where_the_file_is():
    result = invoke("debug", "cross_entropy", "--seed", "2")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Debug round: cross_entropy" in text and "debug/cross_entropy.py" in text
    assert "Handed over by a teammate" in text


def test_a_file_that_does_not_run_or_another_file_leaves_the_round_open(tmp_path):
    started = json.loads(invoke("debug", "softmax", "--seed", "0", "--json").stdout)
    path = started["path"]
    open(path, "w").write("def softmax(x, axis=-1:\n")
    notes = json.loads(invoke("check", path, "--json").stdout)["round_notes"]
    assert "does not run" in notes[0]
    other = tmp_path / "softmax.py"
    other.write_text(get_problem("softmax").solution)
    notes = json.loads(invoke("check", "softmax", str(other), "--json").stdout)["round_notes"]
    assert "not the round's file" in notes[0]
    assert json.loads(invoke("debug", "--status", "--json").stdout)["state"] == "open"
