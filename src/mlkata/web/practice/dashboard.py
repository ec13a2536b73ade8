"""The progress dashboard: `mlkata report`'s tables and figures."""

from __future__ import annotations

from mlkata.cli import session
from mlkata.problems.catalog import all_problems
from mlkata.web import practice


def dashboard_data(figures: bool = True) -> dict:
    """`mlkata report`'s content: the progress tables and its matplotlib figures (base64 PNGs)."""
    from mlkata.cli import report
    from mlkata.practice.progress import progress

    with session.open_store(read_only_ok=True) as store:
        prog = progress(store, all_problems(), now=practice.now())
        warnings = list(store.warnings)
    figs = report.figures(prog) if figures else []
    return {"progress": prog.to_json(), "figures": [{"title": t, "png": png} for t, png in figs],
            "warnings": warnings}
