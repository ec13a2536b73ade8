"""The pending journal: events that could not reach the database wait here, one JSON line each.

Every access holds an exclusive lock on the journal file, and whoever holds it may also take the
database's write lock (never the other way round), so appending, replaying and moving a damaged
database aside are serialized across processes. Appends are flushed and fsynced before returning.
A line that cannot be parsed (a crash mid-append) is moved to a `-rejected` file, never dropped.

Every line is sealed (seal.py) with the key in the store's folder, and only lines whose seal
verifies are replayed: a record the engine did not write (forged by a submission that reached
the folder, say) goes to the `-rejected` file like a damaged one, and never into the store.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from mlkata import seal
from mlkata.store.events import Event, is_valid

try:
    import fcntl

    def _lock(f: BinaryIO) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)

    def _unlock(f: BinaryIO) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)

except ImportError:  # Windows: lock the first byte; LK_LOCK itself retries for 10 s before raising
    import msvcrt

    def _lock(f: BinaryIO) -> None:
        while True:
            f.seek(0)
            with contextlib.suppress(OSError):
                msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)
                return

    def _unlock(f: BinaryIO) -> None:
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)


def journal_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".pending.jsonl")


SEAL_FIELD = "seal"


def _canonical(event: Event) -> bytes:
    return json.dumps(event, sort_keys=True, separators=(",", ":")).encode()


class PendingJournal:
    def __init__(self, path: Path):
        self.path = path
        self.rejected_path = path.with_name(path.name.removesuffix(".jsonl") + "-rejected.jsonl")
        self.unsealed = 0  # lines of the last read that parsed but carried no valid seal

    def _purpose(self) -> str:
        return f"journal {self.path.name}"

    def _key(self) -> bytes:
        """The seal key beside the store (OSError if there is none and none can be made)."""
        return seal.key(self.path.parent)

    def has_pending(self) -> bool:
        try:
            return self.path.is_file() and self.path.stat().st_size > 0
        except OSError:
            return False

    @contextmanager
    def locked(self) -> Iterator[BinaryIO]:
        """The journal file, opened for reading and appending, under an exclusive lock."""
        created = not self.path.exists()
        with open(self.path, "a+b") as f:
            if created:
                _fsync_dir(self.path.parent)
            _lock(f)
            try:
                yield f
            finally:
                _unlock(f)

    def read(self, f: BinaryIO) -> tuple[list[Event], list[bytes]]:
        """(events, rejected lines) in the locked journal `f`: a line is rejected when it cannot be
        parsed, is not a valid event, or its seal does not verify. Raises OSError without a key."""
        f.seek(0)
        lines = [line for line in f.read().split(b"\n") if line.strip()]
        secret = self._key() if lines else b""
        events: list[Event] = []
        bad: list[bytes] = []
        self.unsealed = 0
        for line in lines:
            try:
                event = json.loads(line)
            except ValueError:
                event = None
            mark = event.pop(SEAL_FIELD, None) if isinstance(event, dict) else None
            if not is_valid(event):
                bad.append(line)
            elif not seal.verify(secret, self._purpose(), _canonical(event), mark):
                self.unsealed += 1
                bad.append(line)
            else:
                events.append(event)
        return events, bad

    def append(self, event: Event, f: BinaryIO | None = None) -> None:
        """Append one event durably; `f` is the journal if the caller already holds its lock."""
        if f is None:
            with self.locked() as locked:
                self._append(locked, event)
        else:
            self._append(f, event)

    def _append(self, f: BinaryIO, event: Event) -> None:
        mark = seal.sign(self._key(), self._purpose(), _canonical(event))
        line = json.dumps({**event, SEAL_FIELD: mark}, separators=(",", ":")).encode() + b"\n"
        size = f.seek(0, os.SEEK_END)
        if size:
            f.seek(size - 1)
            if f.read(1) != b"\n":  # a previous append died mid-line: start on a fresh line
                line = b"\n" + line
        f.write(line)
        f.flush()
        os.fsync(f.fileno())

    def settle(self, f: BinaryIO, bad: list[bytes]) -> None:
        """After the events of the locked journal `f` are committed: keep `bad` lines aside, empty the journal."""
        if bad:
            with open(self.rejected_path, "ab") as rejected:
                rejected.write(b"\n".join(bad) + b"\n")
                rejected.flush()
                os.fsync(rejected.fileno())
        f.truncate(0)
        f.flush()
        os.fsync(f.fileno())

    def count(self, kind: str, problem_id: str) -> int:
        """How many pending events of `kind` for `problem_id` (a best-effort read, without the lock)."""
        try:
            with open(self.path, "rb") as f:
                events, _ = self.read(f)
        except OSError:
            return 0
        return sum(1 for e in events if e["kind"] == kind and e["problem_id"] == problem_id)


def _fsync_dir(directory: Path) -> None:
    """Make a newly created file's directory entry durable (POSIX; a no-op where directories can't be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
