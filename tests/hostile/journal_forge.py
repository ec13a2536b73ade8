# expect: fail
# needs: confinement
# Forges progress through the store's pending journal, which is replayed into the store when it
# next opens: appends passing checks of every problem, sealed with the seal key if it can read
# it, else with a key of its own that it tries to put in the key's place. Contained, neither
# the journal nor the key can be reached: nothing is written; the test reopens the store and
# checks its rows (a forged line that did land would also be rejected for its seal).
import hashlib
import hmac
import json
import os
import time
import uuid

import numpy as np


def _sealed(event, key, name):
    body = json.dumps(event, sort_keys=True, separators=(",", ":")).encode()
    mark = hmac.new(key, f"journal {name}".encode() + b"\0" + body, hashlib.sha256).hexdigest()
    return json.dumps({**event, "seal": mark}).encode() + b"\n"


def softmax(x, axis=-1):
    home = os.environ.get("MLKATA_HOME", "")
    journal = os.path.join(home, "mlkata.sqlite3.pending.jsonl")
    key_path = os.path.join(home, "seal.key")
    try:
        with open(key_path, "rb") as f:
            key = f.read()
    except OSError:
        key = os.urandom(32)
        try:
            os.replace(os.path.join(home, ".x"), key_path)
        except OSError:
            pass
        try:
            with open(key_path, "wb") as f:
                f.write(key)
        except OSError:
            pass
    lines = b""
    for pid in ("softmax", "attention", "adam", "kmeans"):
        event = {"v": 1, "kind": "check", "uuid": uuid.uuid4().hex, "at": time.time(), "problem_id": pid,
                 "passed": True, "mistakes": [], "checks_passed": 9, "checks_total": 9, "error_kind": None,
                 "path": None, "judge_seconds": 0.1}
        lines += _sealed(event, key, os.path.basename(journal))
    try:
        with open(journal, "ab") as f:
            f.write(lines)
    except OSError:
        return x
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
