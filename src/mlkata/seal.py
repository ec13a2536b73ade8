"""Seals on what the engine writes and later trusts: the reference cache and the store's
pending journal. A seal is an HMAC-SHA256 under a random key kept 0600 in the user's data
folder, which no submission can read (bubblewrap hides the folder, Landlock never grants it,
and a root worker's child runs as nobody). Whatever a submission could have written there
carries no valid seal, so it is recomputed or rejected, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_NAME = "seal.key"
KEY_BYTES = 32


def _read_own_key(path: Path) -> bytes | None:
    """The key at `path` if it is a regular file of ours that nobody else may read or replace."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    try:
        st = os.fstat(fd)
        private = os.name != "posix" or (not st.st_mode & 0o077 and st.st_uid == os.geteuid())
        if not stat.S_ISREG(st.st_mode) or not private:
            raise PermissionError(f"{path} is not a private key file of this user")
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise PermissionError(f"{path} is not a key")
    return data


def key(folder: Path) -> bytes:
    """The seal key of `folder` (a data folder), created on first use. A file in its place that
    is not a private key of this user (planted by someone else) is replaced. Raises OSError if
    the folder cannot hold one."""
    folder = Path(folder)
    path = folder / KEY_NAME
    try:
        found = _read_own_key(path)
    except PermissionError:
        path.unlink()  # not ours, or readable by others: nothing sealed with it can be trusted
        found = None
    if found is not None:
        return found
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{KEY_NAME}.{secrets.token_hex(8)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.write(fd, secrets.token_bytes(KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process made one meanwhile: theirs wins
    except FileExistsError:
        pass
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    found = _read_own_key(path)
    if found is None:
        raise FileNotFoundError(f"{path} vanished")
    return found


def sign(secret: bytes, purpose: str, data: bytes) -> str:
    """The hex seal of `data` for one `purpose` (a seal for one use is worthless for another)."""
    return hmac.new(secret, purpose.encode() + b"\0" + data, hashlib.sha256).hexdigest()


def verify(secret: bytes, purpose: str, data: bytes, seal: object) -> bool:
    return isinstance(seal, str) and hmac.compare_digest(sign(secret, purpose, data), seal)
