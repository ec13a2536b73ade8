"""Shared fixtures: one warm engine for the whole session, an isolated MLKATA_HOME, and the
hypothesis profile."""

import os

import pytest
from hypothesis import settings

from mlkata.judge.engine import Engine

# Property tests draw the same examples on every run, so CI is reproducible; set
# HYPOTHESIS_PROFILE=explore to search with fresh randomness while developing.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def engine():
    with Engine() as eng:
        yield eng


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "mlkata-home"
    monkeypatch.setenv("MLKATA_HOME", str(home))
    monkeypatch.setenv("MLKATA_WORKSPACE", str(tmp_path / "workspace"))
    # checks run in-process unless a test asks for the judge service (tests/test_service.py): a service
    # per test home would outlive the test
    monkeypatch.setenv("MLKATA_JUDGE_SERVICE", "off")
    return home
