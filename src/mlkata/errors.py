"""Errors mlkata raises for the user: each carries a message fit to print as is."""


class MlkataError(Exception):
    """A problem the user can act on (bad id, unreadable file, locked store...)."""


class UnknownProblem(MlkataError):
    def __init__(self, problem_id: str, suggestions: list[str]):
        self.problem_id = problem_id
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"No problem called {problem_id!r}.{hint} Run `mlkata list` to see them all.")


class BankError(MlkataError):
    """A problem folder is malformed: a bug in the bank, caught by its self-check."""
