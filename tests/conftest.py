"""Shared fixtures: one warm engine for the whole session, and an isolated MLKATA_HOME."""

import pytest

from mlkata.judge.engine import Engine


@pytest.fixture(scope="session")
def engine():
    with Engine() as eng:
        yield eng


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "mlkata-home"
    monkeypatch.setenv("MLKATA_HOME", str(home))
    monkeypatch.setenv("MLKATA_WORKSPACE", str(tmp_path / "workspace"))
    return home
