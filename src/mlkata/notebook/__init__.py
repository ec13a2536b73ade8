"""`mlkata.check` for Jupyter and scripts: judge a function, class, file or source text against a problem.

What the user passes becomes submission source (mlkata.notebook.source), run through the same sandbox as
`mlkata check`; nothing from the calling process is pickled into the judge. Results are NOT recorded in the
progress store."""

from __future__ import annotations

from mlkata.notebook.report import NotebookReport
from mlkata.notebook.source import submission_source

__all__ = ["NotebookReport", "check", "submission_source"]


def check(problem, submission, *, filename: str | None = None) -> NotebookReport:
    """Judge `submission` for `problem` (an id such as "softmax", or a Problem).

    `submission` is a function or class, a dict {entry point: object} or a list of objects (problems with
    several entry points), a path to a .py file, or source text. The verdict is the CLI's (the user's judge
    service, else an in-process engine); it is not recorded in the progress store."""
    from mlkata.problems.catalog import get_problem
    from mlkata.service import client

    if isinstance(problem, str):
        problem = get_problem(problem)
    source, name = submission_source(problem, submission)
    name = filename or name
    return NotebookReport(client.check_source(problem, source, name), problem, source, name)
