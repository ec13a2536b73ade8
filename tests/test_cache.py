"""The on-disk cache of trusted outcomes: reused by a fresh engine, hidden from submissions."""

import pytest

from mlkata import paths
from mlkata.judge import bwrap, cache, local
from mlkata.judge.engine import Engine
from mlkata.problems.catalog import get_problem


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


@pytest.mark.skipif(bwrap.bwrap_path() is None, reason="bubblewrap is not available: nothing hides the cache")
def test_submission_cannot_read_the_cache(softmax):
    with Engine(("numpy",)) as engine:
        engine.check(softmax, softmax.solution)  # writes the cache
        assert any(paths.cache_dir().iterdir())
        spy = (
            "import os\n"
            f"SEEN = os.listdir({str(paths.cache_dir())!r}) if os.path.isdir({str(paths.cache_dir())!r}) else []\n"
            "def softmax(x, axis=-1):\n"
            "    assert not SEEN, SEEN\n"
            "    raise ValueError('cache hidden')\n"
        )
        report = engine.check(softmax, spy)
    assert not report.passed
    assert "cache hidden" in report.checks[0].message
