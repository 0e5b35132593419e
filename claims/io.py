"""Writing tables: CSV, JSON Lines or Parquet by suffix, never half-written.

Every file is written to a temporary file beside its target and renamed into
place, so an interrupted run leaves the previous output whole.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside `target` that replaces it only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_text(text: str, target: str | Path) -> None:
    with atomic_path(target) as path:
        path.write_text(text, encoding="utf-8")


def write_table(frame: pd.DataFrame, target: str | Path) -> None:
    """Write a DataFrame in the format its suffix names (.csv, .jsonl, .parquet)."""
    suffix = Path(target).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"{target}: output must end in one of {', '.join(TABLE_SUFFIXES)}")
    with atomic_path(target) as path:
        if suffix == ".csv":
            frame.to_csv(path, index=False)
        elif suffix == ".jsonl":
            frame.to_json(path, orient="records", lines=True, force_ascii=False)
        else:
            frame.to_parquet(path, index=False)
