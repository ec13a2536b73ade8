"""The CLI end to end through Typer's CliRunner, with an isolated MLKATA_HOME."""

import json

import pytest
from typer.testing import CliRunner

from mlkata.cli import main as cli_main
from mlkata.cli.main import app
from mlkata.problems.catalog import get_problem
from mlkata.store import Store, StoreError

runner = CliRunner()


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "ws"


def test_every_command_has_help_text():
    for command in app.registered_commands:
        assert (command.callback.__doc__ or "").strip(), command.callback.__name__
        result = invoke(command.name or command.callback.__name__.replace("_problems", ""), "--help")
        assert result.exit_code == 0


def test_list_shows_every_problem_and_its_status(workspace):
    result = invoke("list")
    assert result.exit_code == 0
    assert "softmax" in result.output and "not started" in result.output
    invoke("start", "softmax", "--dir", str(workspace))
    assert "started" in invoke("list").output


def test_unknown_id_suggests_the_closest(workspace):
    result = invoke("show", "sofmax")
    assert result.exit_code == 2
    assert "Did you mean 'softmax'" in result.output
    assert "multi_head_attention" in invoke("check", "mha").output  # initials
    assert "multi_head_attention" in invoke("hint", "head").output  # part of the id


def test_start_writes_starter_and_never_overwrites_without_force(workspace):
    assert invoke("start", "softmax", "--dir", str(workspace)).exit_code == 0
    file = workspace / "softmax.py"
    assert "NotImplementedError" in file.read_text()
    file.write_text("# my work\n")
    again = invoke("start", "softmax", "--dir", str(workspace))
    assert again.exit_code == 2 and "already exists" in again.output
    assert file.read_text() == "# my work\n"
    forced = invoke("start", "softmax", "--dir", str(workspace), "--force")
    assert forced.exit_code == 0
    backups = list(workspace.glob("softmax.py.*.bak"))
    assert len(backups) == 1 and backups[0].read_text() == "# my work\n"


def test_check_json_contract_and_exit_codes(workspace):
    invoke("start", "softmax", "--dir", str(workspace))
    file = workspace / "softmax.py"
    result = invoke("check", "softmax", str(file), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) >= {"problem", "passed", "checks", "mistakes", "efficiency", "error"}
    assert data["problem"] == "softmax" and data["passed"] is False
    assert data["error"]["kind"] == "not-implemented"

    file.write_text(get_problem("softmax").mistake("no-max-shift").source)
    data = json.loads(invoke("check", str(file), "--json").stdout)  # id inferred from the file name
    assert data["mistakes"][0]["id"] == "no-max-shift"
    assert set(data["mistakes"][0]) >= {"id", "title", "explanation", "hint"}
    assert all(set(c) >= {"name", "passed", "message"} for c in data["checks"])
    assert data["time_since_start"] is not None

    file.write_text(get_problem("softmax").solution)
    result = invoke("check", "softmax", str(file), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["passed"] is True and data["error"] is None and data["efficiency"]["ratio"] > 0


def test_check_human_report_names_the_mistake(workspace):
    file = workspace / "softmax.py"
    workspace.mkdir()
    file.write_text(get_problem("softmax").mistake("global-max-shift").source)
    result = invoke("check", "softmax", str(file))
    assert result.exit_code == 1
    assert "global-max-shift" in result.output and "Hint" in result.output


def test_check_usage_errors_exit_2(workspace, tmp_path):
    assert invoke("check").exit_code == 2
    missing = invoke("check", "softmax", str(tmp_path / "nope.py"))
    assert missing.exit_code == 2 and "No file at" in missing.output
    stray = tmp_path / "notes.py"
    stray.write_text("x = 1\n")
    unknown = invoke("check", str(stray))
    assert unknown.exit_code == 2 and "Cannot tell which problem" in unknown.output
    binary = tmp_path / "softmax.py"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "line 1, column 1: not valid UTF-8" in invoke("check", str(binary)).output


def test_hints_are_progressive_and_recorded():
    problem = get_problem("softmax")
    first = invoke("hint", "softmax")
    assert first.exit_code == 0 and "Hint 1 of" in first.output
    second = invoke("hint", "softmax")
    assert "Hint 2 of" in second.output
    for _ in problem.hints:
        last = invoke("hint", "softmax")
    assert "All" in last.output and "revealed" in last.output
    assert "hints revealed" in invoke("stats").output


def test_solution_asks_first_when_unsolved():
    refused = invoke("solution", "softmax")  # CliRunner's stdin is not a terminal
    assert refused.exit_code == 2 and "--yes" in refused.output
    shown = invoke("solution", "softmax", "--yes")
    assert shown.exit_code == 0 and "def softmax" in shown.output


def test_stats_counts_checks_and_top_mistakes(workspace):
    workspace.mkdir()
    file = workspace / "softmax.py"
    file.write_text(get_problem("softmax").mistake("ignores-axis").source)
    invoke("check", "softmax", str(file), "--json")
    invoke("check", "softmax", str(file), "--json")
    result = invoke("stats")
    assert result.exit_code == 0
    assert "ignores-axis" in result.output


def test_doctor_reports_sandbox_and_store(isolated_home):
    result = invoke("doctor")
    assert result.exit_code == 0
    assert "sandbox:" in result.output and str(isolated_home) in result.output.replace("\n", "")


# ---- rough edges


def test_help_shows_no_value_for_flags():
    for command in ("start", "check", "solution"):
        text = invoke(command, "--help").output
        assert "<bool>" not in text and "--no-force" not in text, command
    assert "<bool>" not in invoke("--help").output


def test_bare_mlkata_shows_help_and_succeeds():
    result = invoke()
    assert result.exit_code == 0
    assert "Usage" in result.output and "check" in result.output


@pytest.mark.parametrize("args", [
    ["check", "--json"],                                   # no problem, no file
    ["check", "softmax", "/nowhere/softmax.py", "--json"],  # no such file
    ["check", "--json", "--bogus"],                        # unknown option
    ["check", "softmax", "a.py", "extra", "--json"],       # one argument too many
    ["check", "sofmax", "--json"],                         # unknown problem
])
def test_json_usage_errors_print_one_json_object(args):
    result = invoke(*args)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert set(data) == {"error"} and data["error"]["kind"] == "usage" and data["error"]["message"]
    assert "error:" in result.stderr


def test_error_lines_are_not_hard_wrapped(tmp_path):
    deep = tmp_path / ("a-rather-long-folder-name" * 4) / "softmax.py"
    result = invoke("check", "softmax", str(deep))
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("error: No file at") and str(deep) in line


def test_check_finds_the_workspace_from_any_folder_inside_it(tmp_path, monkeypatch):
    monkeypatch.delenv("MLKATA_WORKSPACE")
    monkeypatch.chdir(tmp_path)
    assert invoke("start", "softmax").exit_code == 0
    workspace = tmp_path / "mlkata-workspace"
    inside = workspace / "notes" / "deeper"
    inside.mkdir(parents=True)
    for folder in (tmp_path, workspace, inside):
        monkeypatch.chdir(folder)
        data = json.loads(invoke("check", "softmax", "--json").stdout)
        assert data["error"]["kind"] == "not-implemented", folder
    custom = tmp_path / "practice"  # a --dir workspace carries the marker `start` writes
    monkeypatch.chdir(tmp_path)
    assert invoke("start", "attention", "--dir", str(custom)).exit_code == 0
    monkeypatch.chdir(custom)
    assert invoke("start", "softmax").exit_code == 0  # into this workspace, not a nested one
    assert (custom / "softmax.py").is_file() and not (custom / "mlkata-workspace").exists()


@pytest.fixture
def unwritable_home(tmp_path, monkeypatch):
    """MLKATA_HOME where nothing can be created, even by root: its parent is a file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("MLKATA_HOME", str(blocker / "home"))
    return blocker / "home"


def test_unwritable_store_still_checks_lists_and_shows_stats(unwritable_home, workspace):
    workspace.mkdir()
    file = workspace / "softmax.py"
    file.write_text(get_problem("softmax").mistake("no-max-shift").source)
    result = invoke("check", "softmax", str(file))
    assert result.exit_code == 1 and "no-max-shift" in result.stdout
    assert "This check was not recorded" in result.stderr
    data = json.loads(invoke("check", "softmax", str(file), "--json").stdout)
    assert data["mistakes"][0]["id"] == "no-max-shift"
    for command in ("list", "stats"):
        shown = invoke(command)
        assert shown.exit_code == 0 and "Nothing is recorded" in shown.stderr, command
    assert "softmax" in invoke("list").stdout
    doctor = invoke("doctor")
    assert doctor.exit_code == 0 and "not writable" in doctor.stdout


def test_start_with_an_unwritable_store_writes_nothing(unwritable_home, workspace):
    result = invoke("start", "softmax", "--dir", str(workspace))
    assert result.exit_code == 2 and "Nothing was written" in result.stderr
    assert not workspace.exists()


def test_start_is_all_or_nothing(workspace, monkeypatch):
    (workspace / "softmax.md").mkdir(parents=True)  # the statement cannot be written: a folder is there
    result = invoke("start", "softmax", "--dir", str(workspace))
    assert result.exit_code == 2 and "Nothing was written" in result.stderr
    assert sorted(p.name for p in workspace.iterdir()) == ["softmax.md"]
    assert "not started" in invoke("list").stdout.split("softmax", 1)[1].splitlines()[0]

    (workspace / "softmax.md").rmdir()
    (workspace / "softmax.py").write_text("# my work\n")

    def locked(self, problem_id, where):
        raise StoreError("The progress store is locked.")

    monkeypatch.setattr(Store, "record_start", locked)
    forced = invoke("start", "softmax", "--dir", str(workspace), "--force")
    assert forced.exit_code == 2 and "Nothing was written" in forced.stderr
    assert sorted(p.name for p in workspace.iterdir()) == ["softmax.py"]  # no backup, no statement, no marker
    assert (workspace / "softmax.py").read_text() == "# my work\n"


def test_starter_report_says_not_implemented_once(workspace):
    invoke("start", "softmax", "--dir", str(workspace))
    result = invoke("check", "softmax", str(workspace / "softmax.py"))
    assert result.exit_code == 1
    assert result.stdout.lower().count("not implemented yet") == 1
    assert result.stdout.count("NotImplementedError") == 1
    assert "first failing case" not in result.stdout
    assert all(c.name[:20] in result.stdout for c in get_problem("softmax").checks)  # the to-do list stays


def test_coding_comment_is_honoured_and_bad_bytes_name_their_line(workspace):
    workspace.mkdir()
    solution = get_problem("softmax").solution
    latin = workspace / "softmax.py"
    latin.write_bytes(("# -*- coding: latin-1 -*-\n# café\n" + solution).encode("latin-1"))
    assert invoke("check", "softmax", str(latin)).exit_code == 0
    broken = workspace / "softmax_v2.py"
    broken.write_bytes(b"import numpy as np\n\n# caf\xe9\n" + solution.encode())
    result = invoke("check", str(broken))
    assert result.exit_code == 2
    assert "line 3, column 6: not valid UTF-8" in result.stderr and "byte" not in result.stderr


def test_syntax_error_report_has_no_judging_time(workspace):
    workspace.mkdir()
    file = workspace / "softmax.py"
    file.write_text("def softmax(x, axis=-1)\n    return x\n")
    result = invoke("check", "softmax", str(file))
    assert result.exit_code == 1 and "syntax-error" in result.stdout and "line 1" in result.stdout
    assert "judged in" not in result.stdout


def test_solution_is_never_cut_when_piped():
    source = get_problem("multi_head_attention").solution
    assert max(map(len, source.splitlines())) > 80  # the line the issue saw cut
    result = invoke("solution", "multi_head_attention", "--yes")
    assert result.exit_code == 0 and result.stdout == source


def test_declining_the_solution_says_so(monkeypatch):
    monkeypatch.setattr(cli_main, "_interactive", lambda: True)
    result = invoke("solution", "softmax", input="n\n")
    assert result.exit_code == 0
    assert "Not revealed" in result.stdout and "def softmax" not in result.stdout
    assert "solutions revealed │ 0" in invoke("stats").stdout.replace("  ", "")


def test_stats_count_a_rechecked_unchanged_file_once(workspace):
    workspace.mkdir()
    file = workspace / "softmax.py"
    file.write_text(get_problem("softmax").mistake("ignores-axis").source)
    for _ in range(3):
        invoke("check", "softmax", str(file), "--json")
    file.write_text(file.read_text() + "# edited\n")
    invoke("check", "softmax", str(file), "--json")
    with Store.open() as store:
        stats = store.stats()
    assert stats.checks == 4
    assert stats.top_mistakes == [("softmax", "ignores-axis", 2)]
