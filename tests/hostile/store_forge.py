# expect: fail
# needs: confinement
# Forges progress: inserts a passing check of every problem into the store, so that stats show
# problems solved that were never checked. Contained, the store cannot be opened: nothing
# changes; the test checks the rows.
import os
import sqlite3
import time
import uuid

import numpy as np

PROBLEMS = ["softmax", "attention", "adam", "kmeans", "beam_search", "autograd"]


def softmax(x, axis=-1):
    db = os.path.join(os.environ.get("MLKATA_HOME", ""), "mlkata.sqlite3")
    try:
        conn = sqlite3.connect(f"file:{db}?mode=rw", uri=True, timeout=0.5)
        for pid in PROBLEMS:
            conn.execute("INSERT INTO checks (uuid, problem_id, at, passed, checks_passed, checks_total, "
                         "hints_used, solution_revealed) VALUES (?, ?, ?, 1, 9, 9, 0, 0)",
                         (uuid.uuid4().hex, pid, time.time()))
        conn.commit()
        conn.close()
    except Exception:
        return x
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
