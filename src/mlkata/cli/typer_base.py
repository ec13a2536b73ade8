"""What every command module shares: Typer command and group classes whose on/off flags show no
`<bool>` in help, and the `--json` option."""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup


def bare_flags(params: list) -> list:
    """On/off flags take no value: help shows none (Typer would show `<bool>`)."""
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


class Command(TyperCommand):
    def get_params(self, ctx):
        return bare_flags(super().get_params(ctx))


class Group(TyperGroup):
    def get_params(self, ctx):
        return bare_flags(super().get_params(ctx))


Json = Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")]
