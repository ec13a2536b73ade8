"""The on-disk cache of trusted outcomes: reused by a fresh engine, sealed (a bundle the engine
did not write is recomputed), hidden from submissions in every confined mode."""

import os

import pytest

from mlkata import paths, seal
from mlkata.judge import bwrap, cache, landlock, local, wire
from mlkata.judge.engine import Engine
from mlkata.problems.catalog import get_problem

CONFINED_MODES = [m for m, usable in (("bwrap", bwrap.bwrap_path() is not None), ("plain", landlock.abi() > 0))
                  if usable]


@pytest.fixture
def softmax():
    return get_problem("softmax")


def test_fresh_engine_reuses_cached_outcomes_without_running_the_answer(softmax, monkeypatch):
    with Engine(("numpy",)) as first:
        assert first.check(softmax, softmax.solution).passed  # also times the model answer
        assert first.check(softmax, softmax.mistake("ignores-axis").source).mistakes[0].id == "ignores-axis"
    bundle = cache.bundle_path(softmax)
    assert bundle.is_file() and bundle.parent == paths.cache_dir()

    def must_not_run(*args, **kwargs):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(local, "run_local", must_not_run)
    monkeypatch.setattr(local, "time_local", must_not_run)
    with Engine(("numpy",)) as second:
        assert second.check(softmax, softmax.solution).passed
        assert second.check(softmax, softmax.mistake("ignores-axis").source).mistakes[0].id == "ignores-axis"


def test_cache_key_changes_with_the_problem_files(softmax, tmp_path):
    import shutil

    from mlkata.problems.problem import load_problem

    copy = tmp_path / "softmax"
    shutil.copytree(softmax.folder, copy)
    before = cache.bundle_path(load_problem(copy))
    (copy / "checks.py").write_text((copy / "checks.py").read_text() + "\n# changed\n")
    assert cache.bundle_path(load_problem(copy)) != before


def test_unreadable_cache_is_ignored(softmax):
    path = cache.bundle_path(softmax)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a bundle")
    assert cache.load(softmax) == {"outcomes": {}, "timing": None}


def _sealed_bundle(softmax):
    with Engine(("numpy",)) as engine:
        assert engine.check(softmax, softmax.solution).passed
    path = cache.bundle_path(softmax)
    raw = path.read_bytes()
    assert raw.startswith(cache.MAGIC) and cache.load(softmax)["outcomes"]
    return path, raw


def _forged(softmax) -> bytes:
    """A well-formed payload whose model-answer outcomes are all zeros: what a poisoner would write."""
    outcomes = cache.load(softmax)["outcomes"]
    data = {"outcomes": {name: [{"v": o.value * 0} if o.ok else {"e": o.error} for o in items]
                         for name, items in outcomes.items()}, "timing": None}
    return wire.encode(data, trusted=True)


def test_a_bundle_the_engine_did_not_seal_is_ignored_and_recomputed(softmax):
    path, raw = _sealed_bundle(softmax)
    head = raw[:len(cache.MAGIC) + cache.SEAL_CHARS + 1]
    other_key = os.urandom(seal.KEY_BYTES)
    forged = _forged(softmax)
    tampered = [
        head + forged,  # the payload replaced, the old seal kept
        raw[:-1] + bytes([raw[-1] ^ 1]),  # one bit flipped
        cache.MAGIC + seal.sign(other_key, f"cache {path.name}", forged).encode() + b"\n" + forged,  # another key
        forged,  # no seal at all
    ]
    for bad in tampered:
        path.write_bytes(bad)
        assert cache.load(softmax) == {"outcomes": {}, "timing": None}
    with Engine(("numpy",)) as fresh:  # recomputes, passes, and seals what it wrote
        report = fresh.check(softmax, softmax.solution)
    assert report.passed and report.error is None
    assert cache.load(softmax)["outcomes"]


def test_the_seal_key_is_private_and_a_planted_one_is_replaced(softmax):
    path, _ = _sealed_bundle(softmax)
    key = paths.data_dir() / seal.KEY_NAME
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == seal.KEY_BYTES
    planted = os.urandom(seal.KEY_BYTES)  # someone else wrote a key others can read: never trusted
    key.unlink()
    key.write_bytes(planted)
    key.chmod(0o644)
    assert cache.load(softmax)["outcomes"] == {}  # sealed under the old key, which is gone
    assert key.read_bytes() != planted and key.stat().st_mode & 0o777 == 0o600
    payload = _forged(softmax)
    path.write_bytes(cache.MAGIC + seal.sign(planted, f"cache {path.name}", payload).encode() + b"\n" + payload)
    assert cache.load(softmax)["outcomes"] == {}


@pytest.mark.parametrize("mode", CONFINED_MODES)
def test_submission_cannot_read_the_cache(softmax, mode, monkeypatch):
    monkeypatch.setenv("MLKATA_SANDBOX", mode)
    with Engine(("numpy",)) as engine:
        engine.check(softmax, softmax.solution)  # writes the cache
        assert any(paths.cache_dir().iterdir())
        spy = (
            "import os\n"
            "try:\n"
            f"    SEEN = os.listdir({str(paths.cache_dir())!r})\n"
            "except OSError:\n"
            "    SEEN = []\n"
            "def softmax(x, axis=-1):\n"
            "    assert not SEEN, SEEN\n"
            "    return x\n"
        )
        report = engine.check(softmax, spy)
        assert engine.worker.mode.kind == mode and engine.worker.mode.confined
    assert not report.passed and report.error is None, report.error
