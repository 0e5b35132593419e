"""leaderboards/results.csv: one row per board entry (a shown value of a model on a board), with where it
came from, in the columns NLP-TDMS's scorer (shared/eval/tdms_score.py) reads.

`source` is the file the value was read from (its name without extensions is the paper), `own` is false
for a baseline's score restated by a citing paper, `origin` is abstract, text or table, and a table
entry names its cell (`table_id`, `row`, `col`).
"""

from __future__ import annotations

import pandas as pd

RESULT_COLUMNS = [
    "source", "paper", "task", "dataset", "split", "metric", "value", "unit", "model", "own",
    "origin", "table_id", "row", "col",
]  # fmt: skip


def _column(entries: pd.DataFrame, name: str) -> pd.Series:
    return entries[name] if name in entries else pd.Series(None, index=entries.index, dtype=object)


def results_table(boards: list) -> pd.DataFrame:
    """The board entries of every board (`claims.boards.leaderboard.Board`), one row each."""
    frames = []
    for board in boards:
        shown = board.shown
        if shown.empty:
            continue
        frames.append(
            pd.DataFrame(
                {
                    "source": _column(shown, "source"),
                    "paper": shown["paper_id"],
                    "task": shown["task"],
                    "dataset": shown["dataset"],
                    "split": shown["split"],
                    "metric": shown["metric"],
                    "value": shown["value"],
                    "unit": shown["unit"],
                    "model": shown["model"],
                    "own": shown["reported_by"].isna(),
                    "origin": _column(shown, "origin").fillna("abstract"),
                    "table_id": _column(shown, "table_id"),
                    "row": _column(shown, "row"),
                    "col": _column(shown, "col"),
                }
            )  # fmt: skip
        )
    if not frames:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[RESULT_COLUMNS]
