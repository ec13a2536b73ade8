"""Fundamentals cards: the deck's content check, FSRS scheduling through the store, and `mlkata cards`
through CliRunner with a fake clock (no terminal unless faked)."""

import json

import pytest
from typer.testing import CliRunner

from mlkata.cli import cards as cli_cards
from mlkata.cli.main import app
from mlkata.problems.catalog import all_problems
from mlkata.store import Store
from mlkata.study import cards as deck

runner = CliRunner()
T0 = 1_800_000_000.0
DAY = 86_400.0
TOPICS = {"optimizers", "activations", "losses", "lr_schedules", "regularization", "gradients", "normalization",
          "transformers", "gotchas", "derivations", "information_theory", "experiment_design", "distributed",
          "efficient_attention", "kv_cache", "lora", "rlhf"}


class Clock:
    def __init__(self):
        self.t = T0

    def __call__(self):
        return self.t


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(cli_cards, "now", clock)
    monkeypatch.setattr(cli_cards, "open_store", lambda read_only_ok=False: Store.open(clock=clock))
    return clock


def cli(*args):
    result = runner.invoke(app, ["cards", *args])
    return result, json.loads(result.stdout) if "--json" in args and result.stdout.strip() else None


# The content check.

def test_deck_has_enough_cards_and_covers_every_topic():
    cards = deck.deck()
    assert len(cards) >= 150
    assert {c.topic for c in cards} == TOPICS
    assert TOPICS <= set(deck.tags())


def test_no_empty_or_duplicate_cards_and_ids_unique():
    cards = deck.deck()
    ids = [c.id for c in cards]
    assert len(ids) == len(set(ids))
    for c in cards:
        assert c.id and c.front.strip() and c.back.strip() and c.tags, c.id
        assert c.front != c.back, c.id
        assert "\t" not in c.front + c.back, c.id
    fronts = [c.front.lower() for c in cards]
    assert len(fronts) == len(set(fronts))
    backs = [c.back.lower() for c in cards]
    assert len(backs) == len(set(backs))


def test_every_tag_is_listed_and_every_listed_tag_used():
    used = {t for c in deck.deck() for t in c.tags}
    assert used <= set(deck.tags()), used - set(deck.tags())
    assert set(deck.tags()) <= used, set(deck.tags()) - used


def test_every_bank_problem_has_gotcha_cards():
    gotchas = [c for c in deck.deck() if c.topic == "gotchas"]
    for pid in all_problems():
        assert any(pid in c.tags for c in gotchas), pid


# Scheduling.

def test_rating_stores_an_fsrs_card_under_the_card_prefix(tmp_path):
    with Store.open(tmp_path / "s.sqlite3", clock=lambda: T0) as store:
        first = deck.rate(store, "act-relu", "good", T0)
        assert first["rating"] == "Good" and first["due"] > T0
        row = store.cards()["card:act-relu"]
        assert row.due == first["due"] and row.card["state"] in (1, 2, 3)
        assert store.review_log() == [("card:act-relu", T0, "Good", first["due"])]
        again = deck.rate(store, "act-relu", "Again", first["due"])
        assert again["due"] - first["due"] < first["due"] - T0 + DAY
        with pytest.raises(Exception, match="Rating must be"):
            deck.rate(store, "act-relu", "Perfect", T0)


def test_due_lists_reviews_first_then_new_cards_up_to_the_daily_limit(tmp_path):
    with Store.open(tmp_path / "s.sqlite3", clock=lambda: T0) as store:
        due = deck.due(store, T0)
        assert len(due) == deck.NEW_PER_DAY and all(d is None for _, d in due)
        deck.rate(store, "opt-adam-why", "Again", T0)
        later = deck.due(store, T0 + 3600)
        assert later[0][0].id == "opt-adam-why" and later[0][1] is not None
        assert sum(d is None for _, d in later) == deck.NEW_PER_DAY - 1  # one new card started today
        assert all(c.id != "opt-adam-why" for c, d in later[1:])
        assert all("rope" in c.tags for c, _ in deck.due(store, T0, tag="rope"))


def test_export_is_anki_text():
    text = deck.export_text(deck.select("lora"))
    lines = text.splitlines()
    assert lines[:3] == ["#separator:tab", "#html:false", "#tags column:3"]
    assert len(lines) == 3 + len(deck.select("lora"))
    assert all(len(line.split("\t")) == 3 for line in lines[3:])
    assert deck.export_text([deck.Card("x", "t", 'say "hi"\nthere', "b", ("t",))]).splitlines()[3] == '"say ""hi""'


# The CLI.

def test_cards_json_lists_due_without_waiting(clock):
    result, data = cli("--json")
    assert result.exit_code == 0, result.output
    assert data["count"] == deck.NEW_PER_DAY and data["due"][0]["new"] is True
    result, data = cli("--tag", "softmax", "--json")
    assert {"softmax"} <= set(data["due"][0]["tags"]) and data["count"] == len(deck.select("softmax"))
    result = runner.invoke(app, ["cards", "--tag", "softmax"])  # no terminal: a table, nothing asked
    assert result.exit_code == 0 and "mlkata cards rate" in result.stdout


def test_cards_rate_then_not_due_until_its_time(clock):
    result, data = cli("rate", "gotcha-softmax-shift", "Good", "--json")
    assert result.exit_code == 0, result.output
    assert data["id"] == "gotcha-softmax-shift" and data["rating"] == "Good"
    _, listed = cli("--tag", "softmax", "--json")
    assert "gotcha-softmax-shift" not in [c["id"] for c in listed["due"]]
    clock.t = data["due"] + 1
    _, listed = cli("--tag", "softmax", "--json")
    assert listed["due"][0]["id"] == "gotcha-softmax-shift" and listed["due"][0]["new"] is False


def test_cards_errors_are_one_json_object(clock):
    for args in (("rate", "nope", "Good", "--json"), ("rate", "act-relu", "Perfect", "--json"),
                 ("--tag", "nope", "--json")):
        result, data = cli(*args)
        assert result.exit_code == 2 and "error" in data, args


def test_cards_list_json_and_export(clock, tmp_path):
    _, data = cli("--list", "--json")
    assert data["count"] == len(deck.deck()) and sum(data["topics"].values()) == data["count"]
    assert {"id", "front", "back", "tags", "topic"} <= set(data["cards"][0])
    out = tmp_path / "deck.txt"
    result, data = cli("export", "--out", str(out), "--json")
    assert result.exit_code == 0 and data["count"] == len(deck.deck())
    assert out.read_text().startswith("#separator:tab\n#html:false\n#tags column:3\n")


def test_cards_in_a_terminal_shows_front_then_back_then_asks(clock, monkeypatch):
    monkeypatch.setattr(cli_cards, "interactive", lambda: True)
    answers = iter(["", "3", "", "1", "q"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    result = runner.invoke(app, ["cards", "--tag", "kmeans"])
    assert result.exit_code == 0, result.output
    assert "2 card(s) rated" in result.stdout
    with Store.open(clock=clock) as store:
        ratings = sorted(r for _, _, r, _ in store.review_log())
    assert ratings == ["Again", "Good"]
