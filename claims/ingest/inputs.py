"""Opening an input: one pass over its bytes, in bounded reads, whatever it is (a file, a pipe, a device).

The first bytes (the head) tell the format; the reader then goes on from the
same open handle, the head given back in front (`Opened.stream`), so that a
pipe or `<(zcat corpus.jsonl.gz)`, which can be read only once, loses nothing.
Nothing is read whole without a bound: a file read whole (a page, a JSON
document) may hold at most `MAX_WHOLE_BYTES`, and an input is refused on its
head (empty, binary: `/dev/zero`) before the rest is read.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

HEAD_BYTES = 8192
BLOCK_BYTES = 1 << 20
MAX_WHOLE_BYTES = 1 << 30  # a page or JSON document larger than this is refused: JSON Lines is read a line at a time
PARQUET_MAGIC = b"PAR1"


class InputError(ValueError):
    """An input refused on what its bytes show, with the reason (the caller names the file)."""


class _Rejoined(io.RawIOBase):
    """A stream whose head was read already: the head first, then the rest from the same handle."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if len(self._head):
            count = min(len(buffer), len(self._head))
            buffer[:count], self._head = self._head[:count], self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


@dataclass
class Opened:
    """An input opened once: its format, and its bytes from the first (`stream`), or a seekable file (`path`)
    for Parquet, which is read from its footer."""

    kind: str
    stream: BinaryIO
    path: Path


def read_head(handle: BinaryIO, size: int = HEAD_BYTES) -> bytes:
    """Up to `size` first bytes (a pipe may give fewer per read than it holds)."""
    parts, got = [], 0
    while got < size and (part := handle.read(size - got)):
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def check_head(head: bytes, complete: bool) -> None:
    """Refuse empty and binary inputs before reading more of them."""
    if complete and not head.strip():
        raise InputError("file is empty")
    if b"\x00" in head[:HEAD_BYTES]:
        raise InputError("binary file, not text")


def sniff(head: bytes, path: Path) -> str:
    """The reader the head asks for ("page", "json", "jsonl", "csv" or "parquet"); the suffix decides where the
    content cannot (a pipe has none: `/dev/fd/63`)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet" or head.startswith(PARQUET_MAGIC):
        return "parquet"
    text = head.decode("utf-8-sig", errors="ignore")
    first = text.lstrip()[:1]
    if first == "[" or (first == "{" and suffix == ".json"):
        return "jsonl" if first == "{" and _starts_with_json_lines(text) else "json"
    if first == "{" or suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix == ".csv" or _csv_header(text):
        return "csv"
    return "page"


def _starts_with_json_lines(text: str) -> bool:
    """Whether the head's first two lines are whole JSON objects (the arXiv snapshot, named .json)."""
    lines = text.split("\n")
    if len(lines) < 3:  # no two whole lines in the head: one document, read whole
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines[:2])
    except (ValueError, RecursionError):
        return False


def _csv_header(text: str) -> bool:
    """A first line that is a CSV header with `title` and `abstract` (a CSV without its suffix, from a pipe)."""
    line = text.split("\n", 1)[0]
    with contextlib.suppress(csv.Error):
        return {"title", "abstract"} <= {field.strip() for field in next(csv.reader([line]), [])}
    return False


def read_whole(stream: BinaryIO, limit: int = MAX_WHOLE_BYTES) -> bytes:
    """All the bytes of a stream, in bounded reads; `InputError` past `limit`."""
    data = bytearray()
    while block := stream.read(BLOCK_BYTES):
        data += block
        if len(data) > limit:
            raise InputError(f"over {limit >> 20} MiB: too large to read whole (JSON Lines is read a line at a time)")
    return bytes(data)


def _regular(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return stat.S_ISREG(path.stat().st_mode)
    return False


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Opened]:
    """The input at `path`, opened once and its head checked; Parquet from a pipe is copied to a temporary file
    first (its footer is at the end)."""
    with contextlib.ExitStack() as stack:
        handle = stack.enter_context(path.open("rb"))
        head = read_head(handle)
        kind = sniff(head, path)
        if kind != "parquet":
            check_head(head, complete=len(head) < HEAD_BYTES)
        stream = io.BufferedReader(_Rejoined(head, handle), BLOCK_BYTES)
        if kind == "parquet" and not _regular(path):
            spool = stack.enter_context(tempfile.NamedTemporaryFile(prefix="claims-", suffix=".parquet"))
            shutil.copyfileobj(stream, spool, BLOCK_BYTES)
            spool.flush()
            yield Opened(kind, stream, Path(spool.name))
            return
        yield Opened(kind, stream, path)


def text_lines(stream: BinaryIO, kind: str) -> io.TextIOWrapper:
    """The stream as text lines for the JSON Lines and CSV readers; bytes that are not UTF-8 kept as surrogates
    (the readers report their lines), a BOM only at the start."""
    newline = "\n" if kind == "jsonl" else ""
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline=newline)
