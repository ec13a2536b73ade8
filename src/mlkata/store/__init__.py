"""The local progress store: every start, check, hint and solution reveal, in SQLite under MLKATA_HOME."""

from mlkata.store.core import Store
from mlkata.store.db import StoreError, StoreNotWritable
from mlkata.store.migrations import SCHEMA_VERSION
from mlkata.store.records import CardRow, CheckRecord, CheckRow, ProblemSummary, RoundRow, Stats

__all__ = ["SCHEMA_VERSION", "CardRow", "CheckRecord", "CheckRow", "ProblemSummary", "RoundRow", "Stats", "Store",
           "StoreError", "StoreNotWritable"]
