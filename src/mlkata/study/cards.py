"""Fundamentals cards: the deck as data (cards/<topic>.toml, one file per topic; cards/tags.toml lists
the tags), scheduled with FSRS as in Anki (the user rates each card) and exported for Anki."""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from mlkata.errors import MlkataError

RATINGS = ("Again", "Hard", "Good", "Easy")
PREFIX = "card:"  # a card's key in the store's cards table, beside the problems' own cards
NEW_PER_DAY = 20  # new cards shown with the due ones, as Anki's default
# Practice's Scheduler (schedule.py) has no learning steps because a re-implementation is not a flashcard;
# these are flashcards, so Anki's steps (1 and 10 minutes, 10 to relearn) stay. No fuzz: same history, same dates.
SCHEDULER = Scheduler(desired_retention=0.9, enable_fuzzing=False)


@dataclass(frozen=True)
class Card:
    id: str
    topic: str
    front: str
    back: str
    tags: tuple[str, ...]  # the topic first

    def to_json(self) -> dict:
        return {"id": self.id, "topic": self.topic, "front": self.front, "back": self.back, "tags": list(self.tags)}


def _folder():
    return resources.files("mlkata.study") / "cards"


@cache
def tags() -> dict[str, str]:
    """Every tag the deck may use, with what it means."""
    return tomllib.loads((_folder() / "tags.toml").read_text("utf-8"))["tags"]


@cache
def deck() -> tuple[Card, ...]:
    """Every card, file by file in name order. A card's topic is its file's `topic` unless it names one."""
    cards = []
    for entry in sorted(_folder().iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml") or entry.name == "tags.toml":
            continue
        data = tomllib.loads(entry.read_text("utf-8"))
        for raw in data["cards"]:
            topic = raw.get("topic", data["topic"])
            extra = [t for t in raw.get("tags", []) if t != topic]
            cards.append(Card(raw["id"], topic, raw["front"].strip(), raw["back"].strip(), (topic, *extra)))
    return tuple(cards)


def get(card_id: str) -> Card:
    found = {c.id: c for c in deck()}.get(card_id)
    if found is None:
        raise MlkataError(f"No card {card_id!r}: `mlkata cards --list` lists them.")
    return found


def select(tag: str | None = None) -> list[Card]:
    if tag is None:
        return list(deck())
    if tag not in tags():
        raise MlkataError(f"No tag {tag!r}. Tags: {', '.join(sorted(tags()))}.")
    return [c for c in deck() if tag in c.tags]


def state(store) -> dict[str, tuple[dict, float]]:
    """(FSRS card, due) of every card reviewed so far, by card id."""
    return {pid[len(PREFIX):]: (row.card, row.due) for pid, row in store.cards().items() if pid.startswith(PREFIX)}


def due(store, now: float, tag: str | None = None, new_limit: int = NEW_PER_DAY) -> list[tuple[Card, float | None]]:
    """The cards to study now, as (card, due; None for a new card): those due, earliest first, then up to
    `new_limit` new ones in deck order, less those already started today."""
    known = state(store)
    cards = select(tag)
    reviews = sorted(((c, known[c.id][1]) for c in cards if c.id in known and known[c.id][1] <= now),
                     key=lambda pair: pair[1])
    midnight = datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
    first_seen: dict[str, float] = {}
    for pid, at, _, _ in store.review_log():
        if pid.startswith(PREFIX):
            first_seen.setdefault(pid[len(PREFIX):], at)
    started_today = sum(1 for at in first_seen.values() if at >= midnight)
    new = [(c, None) for c in cards if c.id not in known][:max(0, new_limit - started_today)]
    return reviews + new


def rate(store, card_id: str, rating: str, at: float | None = None) -> dict:
    """Rate one card (Again, Hard, Good or Easy, any case) at unix time `at` and store its new FSRS state."""
    card = get(card_id)
    name = {r.lower(): r for r in RATINGS}.get(rating.lower())
    if name is None:
        raise MlkataError(f"Rating must be one of {', '.join(RATINGS)}, not {rating!r}.")
    at = time.time() if at is None else at
    when = datetime.fromtimestamp(at, UTC)
    known = state(store).get(card.id)
    before = FsrsCard.from_dict(known[0]) if known else FsrsCard(card_id=int(at * 1000), due=when)
    after, _ = SCHEDULER.review_card(before, Rating[name], review_datetime=when)
    store.record_review(PREFIX + card.id, name, after.to_dict(), after.due.timestamp())
    return {"id": card.id, "rating": name, "due": after.due.timestamp(), "state": after.state.name.lower()}


def _field(text: str) -> str:
    """One field of Anki's text import: quoted when it holds a tab, a newline or a quote."""
    if any(ch in text for ch in '\t\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def export_text(cards: list[Card]) -> str:
    """Anki's importable text: front, back and space-separated tags, one card a line."""
    lines = ["#separator:tab", "#html:false", "#tags column:3"]
    lines += ["\t".join((_field(c.front), _field(c.back), " ".join(c.tags))) for c in cards]
    return "\n".join(lines) + "\n"
