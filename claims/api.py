"""The Python API beyond one step: load with a clear error for a mistyped path, boards and the report.

`claims.load()` reads the bundled sample pages; `claims.load(paths)` refuses a path that does not exist
(FileNotFoundError naming it) rather than returning an empty table with a warning, unless the caller
collects problems in `errors`, as the command line does. `leaderboards` and `report` are what
`claims run` does after extraction, callable on any claims table.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from claims.boards.leaderboard import Board, build_comparisons, build_leaderboards
from claims.boards.report import write_leaderboards
from claims.boards.webpage import write_report
from claims.ingest import loaders
from claims.runtime.io import OutputSet


def _named(paths: Iterable[str | Path] | str | Path | None) -> list[str | Path]:
    if paths is None:
        return []
    return [paths] if isinstance(paths, str | Path) else list(paths)


def load(
    paths: Iterable[str | Path] | str | Path | None = None,
    errors: list[loaders.LoadError] | None = None,
) -> pd.DataFrame:
    """Papers DataFrame of `paths` (files or folders; None: the bundled sample pages), as claims.ingest.loaders.load.

    Without `errors`, a path that does not exist raises FileNotFoundError naming it: a mistyped path is
    not an empty corpus. With `errors`, it is reported there like any unreadable file.
    """
    named = _named(paths)
    if errors is None:
        for path in named:
            if not Path(path).exists():
                raise FileNotFoundError(errno.ENOENT, "no such file or folder", str(path))
    return loaders.load(named if paths is not None else None, errors=errors)


def leaderboards(claims: pd.DataFrame, papers: pd.DataFrame | None = None) -> list[Board]:
    """One ranked board per task on a benchmark from a validated claims table (`papers` adds dates and arXiv
    links); each Board has `.name`, `.table()` (a row per model) and `.entries` (every claim, with provenance)."""
    return build_leaderboards(claims, papers)


def report(claims: pd.DataFrame, papers: pd.DataFrame | None = None, directory: str | Path = ".") -> Path:
    """Write what `claims run` writes after the claims table, under `directory`: leaderboards/ (CSV, Markdown,
    model-index cards, evaluation-tables.json) and reports/index.html, replaced together; the page's path."""
    directory = Path(directory)
    boards = build_leaderboards(claims, papers)
    comparisons = build_comparisons(claims, papers)
    with OutputSet() as outputs:
        write_leaderboards(boards, comparisons, directory / "leaderboards", outputs)
        page = write_report(boards, comparisons, directory / "reports", outputs)
    return page
