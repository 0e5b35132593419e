"""Writing tables: CSV, JSON Lines or Parquet by suffix, never half-written.

Every file is written to a temporary file beside its target and renamed into
place, so an interrupted run leaves the previous output whole.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")


def _file_mode(target: Path) -> int:
    """The mode a plain open() would give: the target's own, else 0666 less the umask."""
    with contextlib.suppress(FileNotFoundError):
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


STALE_SECONDS = 600  # a temporary file of a target not written for this long was left by a killed run


def _remove_stale(target: Path) -> None:
    """Temporary files of `target` that a killed run left (SIGKILL cannot be cleaned up after): a live run
    appends to its own at every chunk, so one untouched for `STALE_SECONDS` is no one's."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside `target` that replaces it only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, _file_mode(target))  # mkstemp makes it owner-only (0600)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_text(text: str, target: str | Path) -> None:
    with atomic_path(target) as path:
        path.write_text(text, encoding="utf-8")


def write_table(frame: pd.DataFrame, target: str | Path) -> None:
    """Write a DataFrame in the format its suffix names (.csv, .jsonl, .parquet)."""
    with TableWriter(target) as writer:
        writer.write(frame)


class TableWriter:
    """Writes one table chunk by chunk, so that memory holds a chunk, never the table.

    CSV and JSON Lines chunks are appended, Parquet chunks become row groups
    (with the column types of the first chunk). The file replaces `target`
    only when the writer closes without error, and only if it was given a
    chunk: an empty chunk still writes the header.
    """

    def __init__(self, target: str | Path):
        self.target = Path(target)
        self.suffix = self.target.suffix.lower()
        if self.suffix not in TABLE_SUFFIXES:
            raise ValueError(f"{target}: output must end in one of {', '.join(TABLE_SUFFIXES)}")
        self.rows = 0
        self._stack = contextlib.ExitStack()
        self._path: Path | None = None
        self._parquet: pq.ParquetWriter | None = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc_info: object) -> bool | None:
        try:
            if self._parquet is not None:
                self._parquet.close()
        except BaseException as error:  # a close that fails (a full disk) leaves no temporary file either
            self._stack.__exit__(type(error), error, error.__traceback__)
            raise
        return self._stack.__exit__(*exc_info)

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk (an empty chunk after the first adds nothing). An error of the file system names
        the output it was writing (the temporary file's name would mean nothing to a user)."""
        try:
            self._write(frame)
        except OSError as error:
            raise OSError(error.errno, error.strerror or str(error), str(self.target)) from error

    def _write(self, frame: pd.DataFrame) -> None:
        first = self._path is None
        if first:
            self._path = self._stack.enter_context(atomic_path(self.target))
        elif frame.empty:
            return
        if self.suffix == ".csv":
            frame.to_csv(self._path, mode="a", header=first, index=False)
        elif self.suffix == ".jsonl" and len(frame):
            frame.to_json(self._path, orient="records", lines=True, force_ascii=False, mode="a")
        elif self.suffix == ".parquet":
            self._write_row_group(frame)
        self.rows += len(frame)

    def _write_row_group(self, frame: pd.DataFrame) -> None:
        if self._parquet is None:
            schema = pa.Schema.from_pandas(frame, preserve_index=False)
            untyped = [i for i, field in enumerate(schema) if pa.types.is_null(field.type)]
            for i in untyped:  # all-null in the first chunk: later chunks hold text
                schema = schema.set(i, schema.field(i).with_type(pa.large_string()))
            self._parquet = pq.ParquetWriter(self._path, schema)
        table = pa.Table.from_pandas(frame, schema=self._parquet.schema, preserve_index=False)
        self._parquet.write_table(table)
