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
import io
import itertools
import json
import pickle
import re
import sys
import tempfile
import warnings
from collections.abc import Container, Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from claims.ingest.fields import DATE_FIELDS, ID_FIELDS, JsonNumber, identifier, utc_date
from claims.ingest.identity import PAPER, Identity
from claims.ingest.identity import normalize_title as normalize_title  # where callers have found it
from claims.ingest.inputs import InputError, Opened, opened, read_whole, text_lines

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
# csv refuses fields over 128 KiB by default, and with them the whole file; an over-long
# abstract is refused on its own, with its reason, by the extraction guard instead.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))


# --------------------------------------------------------------------------- helpers
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
        record["arxiv_id"] = item["id"]  # made text with the other identifiers (claims.ingest.fields)
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
        "published": paper.get("publishedAt"),  # a UTC date once the fields are typed (claims.ingest.fields)
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
            record = _whole_text(_from_mapping(item, source, index), source, index)
            out.append(_typed_fields(record, source, index, issues))
        except LoadError as err:
            issues.append(err)
    return out


def _typed_fields(record: Record, source: str, index: int, issues: list[LoadError]) -> Record:
    """The record with its identifiers as text and its dates as UTC dates (claims.ingest.fields); a value that is
    neither is left out, and reported."""
    for field, typed in [*((f, identifier) for f in ID_FIELDS), *((f, utc_date) for f in DATE_FIELDS)]:
        if field in record:
            try:
                record[field] = typed(record[field])
            except ValueError as err:
                issues.append(LoadError(source, f"{field}: {err}: left out", index))
                record[field] = None
    return record


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


# 2301.10 stays "2301.10" as an identifier. One decoder for every record: given parse_float, json.loads would
# build one per call (a tenth of reading a JSON Lines record).
_JSON = json.JSONDecoder(parse_float=JsonNumber)
_BOM = "Unexpected UTF-8 BOM (decode using utf-8-sig)"  # json.loads's refusal of a text that starts with one


def _loads(text: str) -> object:
    """json.loads, whose other ways of refusing a document (too deep, too long a number) are JSONDecodeErrors too."""
    try:
        if text.startswith("\ufeff"):
            raise json.JSONDecodeError(_BOM, text, 0)
        return _JSON.decode(text)
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
    """The lines of a text as a reader takes them, counted; `undecoded` holds the reasons of the lines taken
    since it was last cleared that are not UTF-8 (a CSV row may span several lines)."""

    def __init__(self, lines: Iterable[str]):
        self.lines, self.undecoded = lines, []

    def __iter__(self) -> Iterator[str]:
        for number, line in enumerate(self.lines, start=1):
            if reason := _undecoded(line, number):
                self.undecoded.append(reason)
            yield line

    def take_undecoded(self) -> str | None:
        """Every bad line of the row, in one reason: "not UTF-8 (line 3, byte 5); not UTF-8 (line 4, byte 1)"."""
        reasons, self.undecoded = self.undecoded, []
        return "; ".join(reasons) or None


def _csv_rows(lines: Iterable[str], source: str, issues: list[LoadError]) -> Iterator[tuple[int, object]]:
    """(row number, row) of a CSV file; a row holding a line that is not UTF-8, or one the csv module refuses,
    is reported and skipped, and the rows after it are read."""
    checked = _CheckedLines(lines)
    reader = csv.DictReader(checked)
    try:
        columns = reader.fieldnames  # the header, read here
    except csv.Error as err:
        raise LoadError(source, f"malformed CSV header ({err})") from None
    if header := checked.take_undecoded():
        raise LoadError(source, f"{header} in the header")
    if not columns or not {"title", "abstract"} <= set(columns):
        raise LoadError(source, "CSV needs 'title' and 'abstract' columns")
    for index in itertools.count(1):
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:  # the reader goes on at the next line
            checked.take_undecoded()
            issues.append(LoadError(source, f"malformed CSV ({err}, line {reader.line_num})", index))
            continue
        if reason := checked.take_undecoded():
            issues.append(LoadError(source, reason, index))
        else:
            yield index, row


def read_parquet(path: Path, issues: list[LoadError]) -> list[Record]:
    """Parquet with at least `title` and `abstract` columns."""
    return _records(_parquet_rows(path, str(path)), str(path), issues)


def _parquet_file(path: Path, source: str) -> pq.ParquetFile:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as err:
        raise LoadError(source, f"not a Parquet file ({err})") from None
    if not {"title", "abstract"} <= set(parquet.schema_arrow.names):
        raise LoadError(source, "Parquet needs 'title' and 'abstract' columns")
    return parquet


def _parquet_rows(path: Path, source: str, batch_size: int = 4096) -> Iterator[tuple[int, object]]:
    """(row number, row) of a Parquet file, read a batch at a time so memory stays flat; errors named `source`."""
    parquet = _parquet_file(path, source)
    rows = (row for batch in parquet.iter_batches(batch_size) for row in batch.to_pylist())
    try:
        yield from enumerate(rows, start=1)
    except pa.ArrowException as err:  # a data page that does not decode: the footer alone was whole
        raise LoadError(source, f"corrupt Parquet data ({err})") from None


# --------------------------------------------------------------------------- dispatch
def _whole_records(kind: str, data: bytes, source: str, issues: list[LoadError]) -> list[Record]:
    """The records of a page or JSON document read whole; its bytes that are not UTF-8 are kept as surrogates,
    for the readers to report."""
    text = data.decode("utf-8-sig", "surrogateescape")
    try:
        return read_json(text, source, issues) if kind == "json" else read_hf_page(text, source, issues)
    except json.JSONDecodeError as err:
        raise LoadError(source, f"invalid JSON ({err.msg} at line {err.lineno})") from None


def _file_record_batches(path: Path, size: int, issues: list[LoadError]) -> Iterator[list[Record]]:
    """Records of one file, read in one pass (claims.ingest.inputs): `size` at a time for JSON Lines, CSV and Parquet,
    all at once for pages and JSON documents."""
    source = str(path)
    try:
        with opened(path) as found:
            if found.kind not in STREAMED_KINDS:
                yield _with_source(_whole_records(found.kind, read_whole(found.stream), source, issues), path)
                return
            numbered = _numbered_items(found, source, issues)
            while batch := list(itertools.islice(numbered, size)):
                yield _with_source(_records(batch, source, issues), path)
    except InputError as err:
        raise LoadError(source, str(err)) from None


def _numbered_items(found: Opened, source: str, issues: list[LoadError]) -> Iterator[tuple[int, object]]:
    """(record number, item) of a JSON Lines, CSV or Parquet input, read as they are consumed."""
    if found.kind == "parquet":
        return _parquet_rows(found.path, source)
    lines = text_lines(found.stream, found.kind)
    return _json_lines(lines, source, issues) if found.kind == "jsonl" else _csv_rows(lines, source, issues)


def read_file(path: Path, issues: list[LoadError]) -> list[Record]:
    """Read one file of any supported format; record-level problems go to `issues`."""
    return [record for batch in _file_record_batches(path, sys.maxsize, issues) for record in batch]


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
    """Merge the records of one paper (claims.ingest.identity) into one row each, in the order the papers first come."""
    identity = Identity()
    merged: dict[str, Record] = {}  # paper id -> record
    for record in records:
        paper = record.pop(PAPER, None) or identity.assign(str(record["title"]), str(record.get("abstract") or ""))
        if paper not in merged:
            merged[paper] = {**record, "sources": [record["source"]]}
            continue
        target = merged[paper]
        if record["source"] not in target["sources"]:
            target["sources"].append(record["source"])
        for field, value in record.items():
            if target.get(field) in (None, "") and value not in (None, ""):
                target[field] = value
    rows = [{"paper_id": paper, **r} for paper, r in merged.items()]
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


def load(paths: Iterable[str | Path] | str | Path | None = None, errors: list[LoadError] | None = None) -> pd.DataFrame:
    """Read paper listings into a papers DataFrame (one row per distinct paper).

    `paths` are files or folders (read recursively), or one such path; None
    reads the bundled sample pages. Files or records that cannot be read are
    appended to `errors` when given, otherwise reported as warnings: a bad
    file never stops the others from loading. The papers are those, in the
    order, that `iter_paper_chunks` gives.
    """
    issues: list[LoadError] = [] if errors is None else errors
    if isinstance(paths, str | Path):
        paths = [paths]
    records = [record for batch in _record_batches(paths, sys.maxsize, issues) for record in batch]
    if errors is None:
        for issue in issues:
            warnings.warn(str(issue), stacklevel=2)
    identity = Identity()
    for record in records:
        record[PAPER] = identity.assign(str(record["title"]), str(record.get("abstract") or ""))
    chunk = next(_paper_chunks([records], identity, sys.maxsize), None)
    return records_to_papers([]) if chunk is None else chunk


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
SPOOL_RECORDS = 1000  # records per pickled batch of the spool


def file_kind(path: Path) -> str:
    """The reader a file needs ("page", "json", "jsonl", "csv" or "parquet"), from its first bytes (a .json
    file whose first two lines are JSON objects is JSON Lines: the arXiv snapshot is named so)."""
    try:
        with opened(path) as found:
            return found.kind
    except InputError as err:
        raise LoadError(str(path), str(err)) from None


def input_files(paths: Iterable[str | Path] | None, issues: list[LoadError]) -> Iterator[Path]:
    """The files `paths` name (folders read recursively), or the sample pages for None."""
    return iter(sample_paths()) if paths is None else _safe_expand(paths, issues)


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


def iter_paper_chunks(
    paths: Iterable[str | Path] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    errors: list[LoadError] | None = None,
) -> Iterator[pd.DataFrame]:
    """Papers DataFrames of `chunk_size` papers each (the last one fewer): a corpus of any size in flat memory.

    Every input is read once, a batch of records at a time, into a temporary
    spool file while each record is given its paper (claims.ingest.identity); the
    papers are then cut into chunks from the spool, each paper when its last
    record has come, all its records merged as `load` merges them. The papers,
    their order and so every output are the same whatever the chunk size.
    Only the identity of the papers seen grows with the corpus; the spool takes
    about the corpus's size on disk. Errors are reported as by `load`, all of
    them before the first chunk.
    """
    issues: list[LoadError] = [] if errors is None else errors
    identity = Identity()
    with tempfile.TemporaryFile(prefix="claims-records-") as spool:
        for batch in _record_batches(paths, SPOOL_RECORDS, issues):
            for record in batch:
                record[PAPER] = identity.assign(str(record["title"]), str(record.get("abstract") or ""))
            pickle.dump(batch, spool, protocol=pickle.HIGHEST_PROTOCOL)
        if errors is None:
            for issue in issues:
                warnings.warn(str(issue), stacklevel=2)
        spool.seek(0)
        yield from _paper_chunks(_spooled(spool), identity, chunk_size)


def _spooled(spool: BinaryIO) -> Iterator[list[Record]]:
    """The record batches written to the spool, in order."""
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


def _paper_chunks(batches: Iterable[list[Record]], identity: Identity, chunk_size: int) -> Iterator[pd.DataFrame]:
    """Chunks of `chunk_size` papers, a paper's records held until its last one has come."""
    waiting: dict[str, list[Record]] = {}
    ready: list[Record] = []
    papers = 0
    for batch in batches:
        for record in batch:
            held = waiting.setdefault(str(record[PAPER]), [])
            held.append(record)
            if len(held) == identity.count(str(record[PAPER])):
                ready += waiting.pop(str(record[PAPER]))
                papers += 1
            if papers == chunk_size:
                yield records_to_papers(ready)
                ready, papers = [], 0
    if ready:
        yield records_to_papers(ready)


def rows_of_papers(frame: pd.DataFrame, paper_ids: Container[str], keep: bool = True) -> pd.DataFrame:
    """The rows whose paper id is in `paper_ids` (keep) or is not: one set lookup per row, where
    Series.isin would first convert every id of the set (here all the papers seen so far)."""
    inside = (paper_id in paper_ids for paper_id in frame["paper_id"])
    return frame[np.fromiter((found == keep for found in inside), dtype=bool, count=len(frame))]
