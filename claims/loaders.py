"""Ingestion: every supported input format becomes one papers DataFrame.

Each reader turns one file into a list of paper records; `load` walks the
paths, picks a reader by content, merges the same paper seen on several pages
(by normalized title) and reports files it could not read instead of dying.

Text is decoded with errors="surrogateescape", so that a byte that is not
UTF-8 costs only the record that holds it: each line holding one is reported
by its number ("not UTF-8 (line 12, byte 5)"), the record of that line (a
JSON Lines line, a CSV row, the paper or JSON item of a page or JSON file) is
not read, and every other record is.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import json
import re
import unicodedata
import warnings
from collections.abc import Callable, Container, Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PAPER_COLUMNS = ["paper_id", "title", "abstract", "published", "authors", "upvotes", "arxiv_id", "sources"]
SUPPORTED_SUFFIXES = {".txt", ".jsonl", ".ndjson", ".json", ".csv", ".parquet"}


class LoadError(Exception):
    """A file (or one record in it) that cannot be read, with the reason."""

    def __init__(self, source: str, reason: str, record: int | None = None):
        self.source, self.reason, self.record = source, reason, record
        where = f"{source}" if record is None else f"{source}: record {record}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str, int | None]]:
        """Errors found on Dask workers travel back to the client pickled."""
        return LoadError, (self.source, self.reason, self.record)


Record = dict[str, object]
DEFAULT_CHUNK_SIZE = 2000  # papers: a chunk takes a second or two, holds a few MiB
_HEAD_BYTES = 8192
# csv refuses fields over 128 KiB by default, and with them the whole file; an over-long
# abstract is refused on its own, with its reason, by the extraction guard instead.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))


# --------------------------------------------------------------------------- helpers
def normalize_title(title: str) -> str:
    """The key that makes one paper of the same title on several pages.

    Letters and digits of any script count, accents do not ("PIXART-α" and
    "PIXART-δ" are two papers, "Café" is "Cafe"); a title of neither is its
    own key, so that no paper is dropped or merged for want of one.
    """
    text = unicodedata.normalize("NFKD", title).casefold()
    return re.sub(r"[\W_]+", "", text) or _clean_line(text)


def _id_of_key(key: str) -> str:
    """A stable short id of a paper's title key (`normalize_title`)."""
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _clean_line(text: str) -> str:
    """Runs of whitespace as one space, none at the ends: what re.sub(r"\\s+", " ", text).strip() gives
    (str.split and \\s agree on every code point), 3x faster on abstracts; a line already clean (every
    whitespace character but the space is unprintable) is returned as it is."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


_UNDECODED = re.compile(r"[\udc80-\udcff]")  # what errors="surrogateescape" makes of a byte that is not UTF-8


def _undecoded(line: str, number: int) -> str | None:
    """Why a line decoded with errors="surrogateescape" is refused ("not UTF-8 (line 12, byte 5)"), None if it
    was UTF-8 (valid UTF-8 never decodes to these surrogates, nor does a JSON escape before it is parsed)."""
    if line.isascii() or not (found := _UNDECODED.search(line)):
        return None
    byte = len(line[: found.start()].encode("utf-8", "surrogateescape")) + 1
    return f"not UTF-8 (line {number}, byte {byte})"


def _without_undecoded(items: list, text: str, source: str, issues: list[LoadError]) -> list:
    """The items read from a document decoded whole (a page, a JSON file) that hold no undecoded byte.

    Each line of `text` holding one is reported once, by its number; the
    items that hold its text are dropped, the others kept.
    """
    if not _UNDECODED.search(text):
        return items
    lines = enumerate(text.split("\n"), start=1)
    issues.extend(LoadError(source, reason) for number, line in lines if (reason := _undecoded(line, number)))
    return [item for item in items if not _UNDECODED.search(json.dumps(item, ensure_ascii=False))]


_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_DATE_LINE = re.compile(
    rf"^(?P<mon>{_MONTHS})[a-z]* (?P<day>\d{{1,2}})(?:, (?P<year>\d{{4}}))?(?: (?P<up>\d{{1,9}}))?$"
)
_AUTHORS_LINE = re.compile(r"^[•·]\s*(\d{1,9})\s+authors?$")
_CHROME = re.compile(
    r"^(new|subscribe|daily papers|byak and the research community"
    r"|get trending papers in your email inbox.*)$",
    re.IGNORECASE,
)
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(_MONTHS.split("|"))}


def _parse_date_line(line: str) -> tuple[str | None, int | None] | None:
    """'Nov 28, 2024 3' -> ('2024-11-28', 3); a date without a year, or no such day, keeps no date."""
    m = _DATE_LINE.match(line)
    if not m:
        return None
    published = None
    if m["year"]:
        with contextlib.suppress(ValueError):  # "Feb 30, 2024", "Jan 1, 0000"
            published = date(int(m["year"]), _MONTH_NUMBER[m["mon"]], int(m["day"])).isoformat()
    return published, int(m["up"]) if m["up"] else None


def _is_abstract(line: str) -> bool:
    """Abstracts are long prose; titles are one short line."""
    return len(line) > 250 or (len(line) > 120 and line.count(". ") >= 2)


# --------------------------------------------------------------------------- page readers
def read_hf_page(text: str, source: str, issues: list[LoadError]) -> list[Record]:
    """A Hugging Face Papers listing page copied as text, in either layout.

    A line that is not UTF-8 is parsed as it stands (so that the lines around
    it keep their roles) and reported; the paper whose title or abstract it is
    is dropped, the others are read.
    """
    records = _page_records(text)
    before = len(issues)
    readable = _without_undecoded(records, text, source, issues)
    if not records and len(issues) == before:
        raise LoadError(source, "no papers found: not a Hugging Face Papers page")
    return readable


def _page_records(text: str) -> list[Record]:
    lines = [_clean_line(line) for line in text.splitlines()]
    blank_share = sum(1 for line in lines if not line) / max(len(lines), 1)
    if blank_share < 0.2:
        lines = _unglue_subscribe(lines)
    records: list[Record] = []
    pending_title: str | None = None
    for line in lines:
        if not line or _CHROME.match(line) or line == "·":
            continue
        if m := _AUTHORS_LINE.match(line):
            if records:
                records[-1]["authors"] = int(m.group(1))
            continue
        if (parsed := _parse_date_line(line)) is not None:
            if records and pending_title is None:
                records[-1]["published"], records[-1]["upvotes"] = parsed
            continue
        if _is_abstract(line):
            if pending_title is not None:
                records.append({"title": pending_title, "abstract": line})
                pending_title = None
            continue
        pending_title = line
    return records


def _unglue_subscribe(lines: list[str]) -> list[str]:
    """The compact layout glues the first title to the 'Subscribe' button."""
    out = []
    for line in lines:
        if line.startswith("Subscribe") and len(line) > len("Subscribe"):
            out.extend(["Subscribe", line[len("Subscribe") :].strip()])
        else:
            out.append(line)
    return out


# --------------------------------------------------------------------------- structured readers
def _from_mapping(item: dict, source: str, index: int) -> Record:
    """One record of JSON Lines / CSV / arXiv snapshot / HF API into paper fields."""
    paper = item.get("paper") if isinstance(item.get("paper"), dict) else None
    if paper is not None:
        return _from_hf_api(item, paper, source, index)
    title, abstract = item.get("title"), item.get("abstract", item.get("summary"))
    if not isinstance(title, str) or not title.strip():
        raise LoadError(source, "record has no title", index)
    if not isinstance(abstract, str):
        raise LoadError(source, "record has no abstract", index)
    record: Record = {k: v for k, v in item.items() if k not in ("title", "abstract", "summary")}
    record.update(title=_clean_line(title), abstract=_clean_line(abstract))
    if "paper_id" in record:  # ids come from titles (one per paper, unique); the input's is kept beside
        record["source_paper_id"] = record.pop("paper_id")
    if "id" in item and "arxiv_id" not in item:
        record["arxiv_id"] = str(item["id"])
    if "update_date" in item and "published" not in item:
        record["published"] = item["update_date"]
    return record


def _from_hf_api(item: dict, paper: dict, source: str, index: int) -> Record:
    title = paper.get("title") or item.get("title")
    abstract = paper.get("summary") or item.get("summary")
    if not isinstance(title, str) or not isinstance(abstract, str):
        raise LoadError(source, "daily-papers item has no paper.title or paper.summary", index)
    authors = paper.get("authors")
    return {
        "title": _clean_line(title),
        "abstract": _clean_line(abstract),
        "arxiv_id": paper.get("id"),
        "published": str(paper.get("publishedAt") or "")[:10] or None,
        "upvotes": paper.get("upvotes"),
        "authors": len(authors) if isinstance(authors, list) else None,
    }


def _records(numbered: Iterable[tuple[int, object]], source: str, issues: list[LoadError]) -> list[Record]:
    """Paper records of (record number, item) pairs; a bad item is reported by its number."""
    out = []
    for index, item in numbered:
        try:
            if not isinstance(item, dict):
                raise LoadError(source, "record is not an object", index)
            out.append(_whole_text(_from_mapping(item, source, index), source, index))
        except LoadError as err:
            issues.append(err)
    return out


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _whole_text(record: Record, source: str, index: int) -> Record:
    """The record, unless a key or text of it holds a lone surrogate (a JSON escape such as "\\udcff" gives
    one): no table can store it, and the first one to try would end the run."""
    for text in itertools.chain(record, record.values()):
        if isinstance(text, str) and not text.isascii() and (found := _SURROGATE.search(text)):
            raise LoadError(source, f"lone surrogate \\u{ord(found[0]):04x} in the text: not Unicode text", index)
    return record


def read_jsonl(text: str, source: str, issues: list[LoadError], first_line: int = 1) -> list[Record]:
    """JSON Lines: generic title/abstract records or the arXiv metadata snapshot.

    A record's number is its line number (`text` starting at line
    `first_line` of its file); only "\n" ends a line (JSON strings may hold
    U+2028 and the like, which `str.splitlines` would split on).
    """
    return _records(_json_lines(text.split("\n"), source, issues, first_line), source, issues)


def _loads(text: str) -> object:
    """json.loads, whose other ways of refusing a document (too deep, too long a number) are JSONDecodeErrors too."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", "", 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer of more digits than int() converts
        raise json.JSONDecodeError("number too long", "", 0) from None


def _json_lines(
    lines: Iterable[str], source: str, issues: list[LoadError], first_line: int = 1
) -> Iterator[tuple[int, object]]:
    """(line number, parsed line) of JSON Lines; a line that is not UTF-8 or not JSON is reported and skipped."""
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        if reason := _undecoded(line, number):
            issues.append(LoadError(source, reason, number))
            continue
        try:
            yield number, _loads(line.rstrip("\r\n"))  # the record as it reads, whichever reader split the lines
        except json.JSONDecodeError as err:
            issues.append(LoadError(source, f"invalid JSON: {err.msg} (column {err.colno})", number))


def read_json(text: str, source: str, issues: list[LoadError]) -> list[Record]:
    """A JSON list: the Hugging Face daily-papers API response or plain records.

    JSON Lines in a .json file (the arXiv snapshot is named so) is read as such.
    The items holding a line that is not UTF-8 are dropped, that line reported.
    """
    try:
        data = _loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data" and text.lstrip().startswith("{"):
            return read_jsonl(text, source, issues)
        raise
    if isinstance(data, dict):
        data = data.get("papers", data.get("items", [data]))
    if not isinstance(data, list):
        raise LoadError(source, "JSON is neither a list of papers nor an object holding one")
    return _records(_without_undecoded(list(enumerate(data, start=1)), text, source, issues), source, issues)


def read_csv(text: str, source: str, issues: list[LoadError]) -> list[Record]:
    """CSV with at least `title` and `abstract` columns; other columns are kept."""
    return _records(_csv_rows(io.StringIO(text, newline=""), source, issues), source, issues)


class _CheckedLines:
    """The lines of a text as a reader takes them, counted; `undecoded` holds the reason of the first line
    taken since it was last cleared that is not UTF-8 (a CSV row may span several lines)."""

    def __init__(self, lines: Iterable[str]):
        self.lines, self.undecoded = lines, None

    def __iter__(self) -> Iterator[str]:
        for number, line in enumerate(self.lines, start=1):
            self.undecoded = self.undecoded or _undecoded(line, number)
            yield line

    def take_undecoded(self) -> str | None:
        reason, self.undecoded = self.undecoded, None
        return reason


def _csv_rows(lines: Iterable[str], source: str, issues: list[LoadError]) -> Iterator[tuple[int, object]]:
    """(row number, row) of a CSV file; a row holding a line that is not UTF-8 is reported and skipped."""
    checked = _CheckedLines(lines)
    reader = csv.DictReader(checked)
    columns = reader.fieldnames  # the header, read here
    if header := checked.take_undecoded():
        raise LoadError(source, f"{header} in the header")
    if not columns or not {"title", "abstract"} <= set(columns):
        raise LoadError(source, "CSV needs 'title' and 'abstract' columns")
    for index, row in enumerate(reader, start=1):
        if reason := checked.take_undecoded():
            issues.append(LoadError(source, reason, index))
        else:
            yield index, row


def read_parquet(path: Path, issues: list[LoadError], row_groups: range | None = None) -> list[Record]:
    """Parquet with at least `title` and `abstract` columns (all row groups, or the ones named)."""
    return _records(_parquet_rows(path, row_groups), str(path), issues)


def _parquet_file(path: Path) -> pq.ParquetFile:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as err:
        raise LoadError(str(path), f"not a Parquet file ({err})") from None
    if not {"title", "abstract"} <= set(parquet.schema_arrow.names):
        raise LoadError(str(path), "Parquet needs 'title' and 'abstract' columns")
    return parquet


def _parquet_rows(path: Path, row_groups: range | None = None, batch_size: int = 4096) -> Iterator[tuple[int, object]]:
    """(row number, row) of a Parquet file, read a batch at a time so memory stays flat."""
    parquet = _parquet_file(path)
    groups = range(parquet.num_row_groups) if row_groups is None else row_groups
    first = sum(parquet.metadata.row_group(g).num_rows for g in range(min(groups, default=0))) + 1
    rows = (row for batch in parquet.iter_batches(batch_size, row_groups=groups) for row in batch.to_pylist())
    try:
        yield from enumerate(rows, start=first)
    except pa.ArrowException as err:  # a data page that does not decode: the footer alone was whole
        raise LoadError(str(path), f"corrupt Parquet data ({err})") from None


# --------------------------------------------------------------------------- dispatch
def _decode(path: Path) -> str:
    """The text of a file; its bytes that are not UTF-8 are kept as surrogates, for the readers to report."""
    data = path.read_bytes()
    _check_head(data, str(path), complete=True)
    return data.decode("utf-8-sig", "surrogateescape")


def _check_head(head: bytes, source: str, complete: bool) -> None:
    """Refuse empty and binary files before parsing them."""
    if complete and not head.strip():
        raise LoadError(source, "file is empty")
    if b"\x00" in head[:_HEAD_BYTES]:
        raise LoadError(source, "binary file, not text")


def _sniff(text: str, path: Path) -> str:
    head, suffix = text.lstrip()[:1], path.suffix.lower()
    if head == "[" or (head == "{" and suffix == ".json"):
        return "json"
    if head == "{" or suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    return "page"


def read_file(path: Path, issues: list[LoadError]) -> list[Record]:
    """Read one file of any supported format; record-level problems go to `issues`."""
    source = str(path)
    if path.suffix.lower() == ".parquet":
        return _with_source(read_parquet(path, issues), path)
    text = _decode(path)
    kind = _sniff(text, path)
    try:
        if kind == "json":
            records = read_json(text, source, issues)
        elif kind == "jsonl":
            records = read_jsonl(text, source, issues)
        elif kind == "csv":
            records = read_csv(text, source, issues)
        else:
            records = read_hf_page(text, source, issues)
    except json.JSONDecodeError as err:
        raise LoadError(source, f"invalid JSON ({err.msg} at line {err.lineno})") from None
    except csv.Error as err:
        raise LoadError(source, f"malformed CSV ({err})") from None
    return _with_source(records, path)


def _with_source(records: list[Record], path: Path) -> list[Record]:
    for record in records:
        record["source"] = path.name
    return records


def sample_paths() -> list[Path]:
    """The bundled Hugging Face Papers sample pages."""
    folder = resources.files("claims.data") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, directories recursively (supported suffixes only), sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            yield from sorted(found)
        elif path.exists():
            yield path
        else:
            raise LoadError(str(path), "no such file or directory")


def records_to_papers(records: list[Record]) -> pd.DataFrame:
    """Merge records of the same paper (normalized title) into one row each."""
    merged: dict[str, Record] = {}  # normalized title -> record
    for record in records:
        key = normalize_title(str(record["title"]))
        if key not in merged:
            merged[key] = {**record, "sources": [record["source"]]}
            continue
        target = merged[key]
        if record["source"] not in target["sources"]:
            target["sources"].append(record["source"])
        for field, value in record.items():
            if target.get(field) in (None, "") and value not in (None, ""):
                target[field] = value
    rows = [{"paper_id": _id_of_key(key), **r} for key, r in merged.items()]
    frame = pd.DataFrame(rows)
    for column in PAPER_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame = frame.drop(columns=["source"], errors="ignore")
    extra = [c for c in frame.columns if c not in PAPER_COLUMNS]
    frame = frame[PAPER_COLUMNS + extra]
    for column in ("authors", "upvotes"):
        frame[column] = _counts(frame[column])
    return frame


def _counts(values: pd.Series) -> pd.Series:
    """A count column as nullable integers; what is not a whole number in int64's range is missing."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    return numbers.where((numbers % 1 == 0) & (numbers.abs() < 2.0**63)).astype("Int64")


def load(
    paths: Iterable[str | Path] | str | Path | None = None,
    errors: list[LoadError] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> pd.DataFrame:
    """Read paper listings into a papers DataFrame (one row per distinct paper).

    `paths` are files or folders (read recursively), or one such path; None
    reads the bundled sample pages. Files or records that cannot be read are
    appended to `errors` when given, otherwise reported as warnings: a bad
    file never stops the others from loading.
    """
    issues: list[LoadError] = [] if errors is None else errors
    if isinstance(paths, str | Path):
        paths = [paths]
    records: list[Record] = []
    path_iter = sample_paths() if paths is None else _safe_expand(paths, issues)
    for path in path_iter:
        if on_file:
            on_file(path)
        before = len(issues)
        try:
            found = read_file(path, issues)
            records.extend(found)
            _none_read(path, len(found), issues, before)
        except LoadError as err:
            issues.append(err)
        except OSError as err:
            issues.append(LoadError(str(path), f"cannot read ({err.strerror})"))
    if errors is None:
        for issue in issues:
            warnings.warn(str(issue), stacklevel=2)
    return records_to_papers(records)


def _none_read(path: Path, count: int, issues: list[LoadError], before: int) -> None:
    """A file that gave no paper and no reason why holds none ("[]", a CSV header): say so."""
    if not count and len(issues) == before:
        issues.append(LoadError(str(path), "no papers in the file"))


def _safe_expand(paths: Iterable[str | Path], issues: list[LoadError]) -> Iterator[Path]:
    """The files `paths` name; a missing path, a folder's files of unknown type and an empty folder are
    reported in `issues` (nothing is passed over unsaid)."""
    for raw in paths:
        try:
            yield from expand_paths([raw])
        except LoadError as err:
            issues.append(err)
            continue
        if Path(raw).is_dir() and (note := _folder_note(Path(raw))):
            issues.append(LoadError(str(raw), note))


def _folder_note(folder: Path) -> str | None:
    """ "empty folder", or the files a folder holds that no reader takes."""
    files = [path for path in folder.rglob("*") if path.is_file()]
    if not files:
        return "empty folder"
    skipped = sorted(str(path.relative_to(folder)) for path in files if path.suffix.lower() not in SUPPORTED_SUFFIXES)
    if not skipped:
        return None
    noun = "file" if len(skipped) == 1 else "files"
    return f"skipped {len(skipped)} {noun} of unknown type: {', '.join(skipped)}"


# --------------------------------------------------------------------------- chunked reading
STREAMED_KINDS = ("jsonl", "csv", "parquet")


def file_kind(path: Path) -> str:
    """The reader a file needs ("page", "json", "jsonl", "csv" or "parquet"), from its first bytes.

    A .json file whose first two lines are JSON objects is JSON Lines (the
    arXiv snapshot is named so), so that it too can be streamed.
    """
    if path.suffix.lower() == ".parquet":
        return "parquet"
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
        _check_head(head, str(path), complete=len(head) < _HEAD_BYTES)
        text = head.decode("utf-8-sig", errors="ignore")
        kind = _sniff(text, path)
        if kind == "json" and text.lstrip().startswith("{"):
            handle.seek(0)
            kind = "jsonl" if _starts_with_json_lines(handle) else kind
    return kind


def input_files(paths: Iterable[str | Path] | None, issues: list[LoadError]) -> Iterator[Path]:
    """The files `paths` name (folders read recursively), or the sample pages for None."""
    return iter(sample_paths()) if paths is None else _safe_expand(paths, issues)


def parquet_row_counts(path: Path) -> list[int]:
    """Rows in each row group of a Parquet file: how a Dask run partitions it."""
    metadata = _parquet_file(path).metadata
    return [metadata.row_group(g).num_rows for g in range(metadata.num_row_groups)]


def jsonl_blocks(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    """(byte offset, byte length, first line number) of consecutive blocks of whole lines of about `size` bytes
    (a longer line is a block of its own): how a Dask run partitions a JSON Lines file.

    The lines are counted here, so that the workers number each record by its
    line in the whole file, as the in-process reader does.
    """
    with path.open("rb") as handle:
        offset, first_line = 0, 1
        while block := handle.read(size):
            if not block.endswith(b"\n"):
                block += handle.readline()  # the rest of the line the block ends in
            yield offset, len(block), first_line
            offset, first_line = offset + len(block), first_line + block.count(b"\n")


def read_jsonl_block(path: Path, block: tuple[int, int, int], source: str, issues: list[LoadError]) -> list[Record]:
    """The records of one block of `jsonl_blocks`, reported as by `read_jsonl` on the whole file named `source`."""
    offset, length, first_line = block
    with path.open("rb") as handle:
        handle.seek(offset)
        data = handle.read(length)
    text = data.decode("utf-8-sig" if offset == 0 else "utf-8", "surrogateescape")  # a BOM only starts the file
    return read_jsonl(text, source, issues, first_line)


def _starts_with_json_lines(handle: BinaryIO) -> bool:
    """Whether the first two lines are JSON objects (one not UTF-8 too: it is reported when the lines are read)."""
    try:
        return all(isinstance(_loads(handle.readline().decode("utf-8-sig", "surrogateescape")), dict) for _ in range(2))
    except json.JSONDecodeError:
        return False


def _numbered_items(path: Path, kind: str, issues: list[LoadError], stack: contextlib.ExitStack) -> Iterator:
    """(record number, item) of a JSON Lines, CSV or Parquet file, read as they are consumed."""
    if kind == "parquet":
        return _parquet_rows(path)
    newline = "\n" if kind == "jsonl" else ""
    handle = stack.enter_context(path.open(encoding="utf-8-sig", errors="surrogateescape", newline=newline))
    if kind == "jsonl":
        return _json_lines(handle, str(path), issues)
    return _csv_rows(handle, str(path), issues)


def _file_record_batches(path: Path, size: int, issues: list[LoadError]) -> Iterator[list[Record]]:
    """Records of one file, `size` at a time for streamed formats, all at once for the others."""
    kind = file_kind(path)
    if kind not in STREAMED_KINDS:
        yield read_file(path, issues)
        return
    with contextlib.ExitStack() as stack:
        numbered = _numbered_items(path, kind, issues, stack)
        while batch := list(itertools.islice(numbered, size)):
            yield _with_source(_records(batch, str(path), issues), path)


def _record_batches(paths: Iterable[str | Path] | None, size: int, issues: list[LoadError]) -> Iterator[list[Record]]:
    """Record batches of every file; a file that fails part-way keeps the batches read before."""
    for path in input_files(paths, issues):
        before, count = len(issues), 0
        try:
            for batch in _file_record_batches(path, size, issues):
                count += len(batch)
                yield batch
            _none_read(path, count, issues, before)
        except LoadError as err:
            issues.append(err)
        except OSError as err:
            issues.append(LoadError(str(path), f"cannot read ({err.strerror})"))
        except csv.Error as err:
            issues.append(LoadError(str(path), f"malformed CSV ({err})"))


def iter_paper_chunks(
    paths: Iterable[str | Path] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    errors: list[LoadError] | None = None,
) -> Iterator[pd.DataFrame]:
    """Papers DataFrames of about `chunk_size` papers each: a corpus of any size in flat memory.

    JSON Lines, CSV and Parquet files are read incrementally, pages and JSON
    files whole (they are small). Records of one paper within a chunk are
    merged as `load` merges them; a paper already given in an earlier chunk
    is skipped (its first record wins), so each paper comes once. Only the
    set of paper ids seen grows with the corpus. Errors are reported as by
    `load`.
    """
    issues: list[LoadError] = [] if errors is None else errors
    seen: set[str] = set()
    pending: list[Record] = []
    for batch in _record_batches(paths, chunk_size, issues):
        pending.extend(batch)
        if len(pending) >= chunk_size:
            yield from _fresh_papers(pending, seen)
            pending = []
    yield from _fresh_papers(pending, seen)
    if errors is None:
        for issue in issues:
            warnings.warn(str(issue), stacklevel=2)


def rows_of_papers(frame: pd.DataFrame, paper_ids: Container[str], keep: bool = True) -> pd.DataFrame:
    """The rows whose paper id is in `paper_ids` (keep) or is not: one set lookup per row, where
    Series.isin would first convert every id of the set (here all the papers seen so far)."""
    inside = (paper_id in paper_ids for paper_id in frame["paper_id"])
    return frame[np.fromiter((found == keep for found in inside), dtype=bool, count=len(frame))]


def _fresh_papers(records: list[Record], seen: set[str]) -> Iterator[pd.DataFrame]:
    """The papers of `records` not seen before (none, or one DataFrame)."""
    if not records:
        return
    papers = rows_of_papers(records_to_papers(records), seen, keep=False).reset_index(drop=True)
    seen.update(papers["paper_id"])
    if len(papers):
        yield papers
