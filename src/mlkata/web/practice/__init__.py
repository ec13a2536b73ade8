"""The practice pages of `mlkata serve`: today's queue, mock rounds, fix-the-bug rounds, reviews and the
progress dashboard, over the same practice library as the CLI's commands."""

from __future__ import annotations

import time

from mlkata.web.practice.api import API
from mlkata.web.practice.pages import PAGES

routes: list = PAGES + API


def now() -> float:
    """The pages' clock (tests replace it to drive mock rounds)."""
    return time.time()
