"""One board never stops a run: a board that cannot be rendered is left out with a one-line error, the rest is
written.

`claims run` renders every board into several files (CSV, Markdown, HTML, the
exports); one board whose rendering raises (a value no format can hold, a bug
met by one paper's data) would end the run with a traceback and no outputs.
`board_by_board` writes them all; only when that fails (and not for the file
system's sake) does `renderable` try each board's renderings alone (not its
chart: the costly part, guarded where it is drawn, claims.boards.webpage), and the
boards that pass are written: a run that fails costs no time twice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from claims.boards.export import evaluation_tables, model_index
from claims.boards.leaderboard import Board
from claims.boards.report import board_markdown
from claims.boards.webpage import board_html
from claims.schemas.tables import LeaderboardSchema

T = TypeVar("T")


def board_by_board(boards: list[Board], write: Callable[[list[Board]], T]) -> tuple[T, list[Board]]:
    """`write(boards)`, or when it raises, `write` of the boards that render (each other one reported); the
    result and the boards written. An error of the file system (a full disk) or of every board is raised."""
    try:
        return write(boards), boards
    except OSError:
        raise
    except Exception:
        kept = renderable(boards)
        if len(kept) == len(boards):
            raise
        return write(kept), kept


def _render(board: Board) -> None:
    """Every rendering of the board but its chart, thrown away: what fails here would fail when writing it."""
    LeaderboardSchema.validate(board.entries)
    board_markdown(board)
    board_html(board)
    model_index([board])
    evaluation_tables([board])


def one_line(error: BaseException) -> str:
    """An error as one line: its type and the first line of its message."""
    message = str(error).strip().splitlines()
    return f"{type(error).__name__}: {message[0]}" if message else type(error).__name__


def report_line(line: str) -> None:
    print(f"error: {line}", file=sys.stderr)


def renderable(boards: list[Board], report: Callable[[str], None] = report_line) -> list[Board]:
    """The boards that render; each other one is reported in one line ("board NAME: left out: REASON")."""
    kept = []
    for board in boards:
        try:
            _render(board)
        except Exception as error:  # noqa: BLE001 -- any failure of one board's data is that board's alone
            report(f"board {board.slug}: left out: {one_line(error)}")
        else:
            kept.append(board)
    return kept
