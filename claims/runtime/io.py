"""Writing tables: CSV, JSON Lines or Parquet by suffix, never half-written, all of one run together.

Every file is written to a temporary file beside its target; the files of one
run (`OutputSet`) are renamed into place only when all of them are complete, so
a run that fails or is interrupted leaves every previous output as it was.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a signed amount ("-2.5", "+0.5%", "-3x"): no operator, call or reference past its sign, so no formula
AMOUNT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?( ?%|[A-Za-z]+)?")
# Columns whose values are the tool's own vocabulary (schemas/tables.py checks them with `isin`), never the
# input's: written as they are, so that pandas.read_csv gives back the bound "=" unchanged.
OWN_VALUES = frozenset({"bound", "unit", "kind", "direction", "better", "status", "table"})


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
def naming(target: Path) -> Iterator[None]:
    """An error of the file system names the output it concerns (a temporary file's name means nothing to a user)."""
    try:
        yield
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(target)) from error


def neutralize(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula; amounts stay as they are."""
    if text.startswith(FORMULA_START) and not AMOUNT.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell that comes from the input neutralized (names, titles, sentences); numeric
    columns and the tool's own values (`OWN_VALUES`) are left alone."""
    text = [c for c in frame.columns if c not in OWN_VALUES and not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.assign(**{c: _neutral_column(frame[c]) for c in text})


def _neutral_column(column: pd.Series) -> pd.Series:
    """A text column neutralized: a column of strings only where a cell starts like a formula (found at once,
    not cell by cell: most columns have none), any other cell by cell."""
    if not pd.api.types.is_string_dtype(column):
        return column.map(_neutral_cell, na_action="ignore")
    risky = column.str.startswith(FORMULA_START, na=False)
    return column.mask(risky, column[risky].map(neutralize)) if risky.any() else column


def _neutral_cell(value: object) -> object:
    return neutralize(value) if isinstance(value, str) else value


def _sync(path: Path) -> None:
    """Force a file (or a folder's entries) to disk, so that a rename never outlives the data it names."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        handle = os.open(path, flags)
    except OSError:  # a folder one may not open (Windows): the rename is still atomic
        return
    try:
        with contextlib.suppress(OSError):  # a file system without fsync (some FUSE mounts)
            os.fsync(handle)
    finally:
        os.close(handle)


def _made_folders(folder: Path) -> list[Path]:
    """Create `folder` with its missing parents; the ones created, deepest first (to remove if the run fails)."""
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    return missing


class OutputSet:
    """The files of one run, replaced together: each written beside its target, all renamed into place
    only when every one is complete.

    `stage` hands out a temporary path beside a target; `discard` names a file of
    an earlier run that this run does not produce. When the `with` block ends
    without error, the staged files are renamed in the order their targets were
    first named (`reserve` or `stage`), then the discarded files are removed.
    Name a table before the tables that describe it (claims, quarantine, then the
    ledger that counts both; files before their manifest): a run stopped between
    two renames then never leaves a newer ledger beside older claims. When the
    block raises, every temporary file goes and every earlier output stays as it was.
    """

    def __init__(self) -> None:
        self._temporary: dict[Path, Path | None] = {}  # target -> its temporary file once staged, in commit order
        self._discarded: set[Path] = set()
        self._made: list[Path] = []  # folders this run created, deepest first

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        try:
            if exc_type is None:
                self._commit()
        finally:
            for temporary in self._temporary.values():
                if temporary is not None:
                    temporary.unlink(missing_ok=True)
            if exc_type is not None:
                self._remove_made_folders()

    def _remove_made_folders(self) -> None:
        """A failed run leaves no folder it made (only empty ones go: never what another process put there)."""
        for folder in sorted(set(self._made), key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()

    def reserve(self, target: str | Path) -> None:
        """Give `target` its place in the commit order before it is staged (a file written later, or never)."""
        self._temporary.setdefault(Path(target), None)

    def stage(self, target: str | Path) -> Path:
        """A new temporary file beside `target`, renamed onto it when the run commits."""
        target = Path(target)
        if self._temporary.get(target) is not None:
            raise ValueError(f"{target}: written twice in one run")
        with naming(target):
            self._made += _made_folders(target.parent)
        _remove_stale(target)
        with naming(target):
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        self._temporary[target] = Path(temporary)
        return Path(temporary)

    def discard(self, target: str | Path) -> None:
        """Remove `target` once the run has committed, unless the run wrote it (an earlier run's file)."""
        self._discarded.add(Path(target))

    def _commit(self) -> None:
        staged = {target: temporary for target, temporary in self._temporary.items() if temporary is not None}
        for target, temporary in staged.items():  # before any rename: a failure here changes nothing
            with naming(target):
                os.chmod(temporary, _file_mode(target))  # mkstemp makes it owner-only (0600)
                _sync(temporary)  # the data on disk before the rename that makes it the output
        for target, temporary in staged.items():
            with naming(target):
                os.replace(temporary, target)
        for target in self._discarded - staged.keys():
            with naming(target):
                target.unlink(missing_ok=True)
        for folder in {target.parent for target in staged}:
            _sync(folder)  # the renames themselves


def joined(outputs: OutputSet | None) -> contextlib.AbstractContextManager[OutputSet]:
    """The run's set of outputs when there is one, else a set of one's own, committed at the end of the block."""
    return contextlib.nullcontext(outputs) if outputs is not None else OutputSet()


def write_text(text: str, target: str | Path, outputs: OutputSet | None = None) -> None:
    with joined(outputs) as files, naming(Path(target)):
        files.stage(target).write_text(text, encoding="utf-8")


def write_table(frame: pd.DataFrame, target: str | Path, outputs: OutputSet | None = None) -> None:
    """Write a DataFrame in the format its suffix names (.csv, .jsonl, .parquet)."""
    with TableWriter(target, outputs) as writer:
        writer.write(frame)


class TableWriter:
    """Writes one table chunk by chunk, so that memory holds a chunk, never the table.

    CSV and JSON Lines chunks are appended, Parquet chunks become row groups
    (with the column types of the first chunk). The file replaces `target`
    only if the writer was given a chunk (an empty chunk still writes the
    header), and only when the writer closes without error, or, given the
    run's `outputs`, when the whole run commits.
    """

    def __init__(self, target: str | Path, outputs: OutputSet | None = None):
        self.target = Path(target)
        self.suffix = self.target.suffix.lower()
        if self.suffix not in TABLE_SUFFIXES:
            raise ValueError(f"{target}: output must end in one of {', '.join(TABLE_SUFFIXES)}")
        self.rows = 0
        self._outputs = outputs
        if outputs is not None:
            outputs.reserve(self.target)  # its place in the commit order is where the run made its writer
        self._stack = contextlib.ExitStack()
        self._path: Path | None = None
        self._parquet: pq.ParquetWriter | None = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc_info: object) -> bool | None:
        try:
            if self._parquet is not None:
                with naming(self.target):
                    self._parquet.close()
        except BaseException as error:  # a close that fails (a full disk) leaves no temporary file either
            self._stack.__exit__(type(error), error, error.__traceback__)
            raise
        return self._stack.__exit__(*exc_info)

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk (an empty chunk after the first adds nothing)."""
        with naming(self.target):
            self._write(frame)

    def _write(self, frame: pd.DataFrame) -> None:
        first = self._path is None
        if first:
            self._path = self._stack.enter_context(joined(self._outputs)).stage(self.target)
        elif frame.empty:
            return
        if self.suffix == ".csv":  # the one CSV writer of every table: no input text runs as a formula
            spreadsheet_safe(frame).to_csv(self._path, mode="a", header=first, index=False)
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
