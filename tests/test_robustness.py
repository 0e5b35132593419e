"""Robustness end to end: nothing read is lost, no output is ever half-written, huge inputs are refused.

Every paper read ends up with claims, or in the papers table (OUT.papers.csv)
with its status and reason; every file that cannot be read is reported; a run
that fails or is killed part-way leaves the previous outputs whole.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_abstract, undecoded_errors, write_papers

import claims
import claims.runtime.engine
from claims.cli import main
from claims.ingest.loaders import LoadError, sample_paths
from claims.runtime.engine import quarantine_path, run_extraction
from claims.runtime.guard import MAX_ABSTRACT_CHARS
from claims.runtime.io import OutputSet
from claims.runtime.ledger import STATUS_COLUMNS, papers_path

ACCOUNTING = re.compile(
    r"^papers read (?P<read>\d+) = (?P<ok>\d+) with claims \+ (?P<without>\d+) without \+ (?P<failed>\d+) failed"
    r"  -> (?P<path>\S+)$",
    re.MULTILINE,
)
HUGE = "We reach 81.5% top-1 accuracy on ImageNet. " * (5_000_000 // 44)  # a 5 MB "abstract"


def temporary_files(folder: Path) -> list[Path]:
    """What atomic writes leave behind when they fail to clean up (claims.runtime.io names them .<name>.*.tmp)."""
    return sorted(folder.rglob(".*.tmp"))


@pytest.fixture
def corrupted(seeds_dir: Path) -> Path:
    """The sample pages with one truncated, and a binary, a non-UTF-8 and a partly broken JSON Lines file."""
    first = sample_paths()[0]
    text = first.read_text(encoding="utf-8")
    (seeds_dir / first.name).write_text(text[: len(text) * 2 // 5], encoding="utf-8")
    (seeds_dir / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (seeds_dir / "latin1.txt").write_bytes(f"Café au lait\n\n{make_abstract('café')}\n".encode("latin-1"))
    records = [
        json.dumps({"title": "A good paper", "abstract": make_abstract("segmentation")}),
        '{"title": "A broken record", "abstract": ',
        json.dumps({"title": "A huge paper", "abstract": "x" * (MAX_ABSTRACT_CHARS + 1)}),
        json.dumps({"title": "Negative authors", "abstract": make_abstract("detection"), "authors": -3}),
    ]
    (seeds_dir / "corpus.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return seeds_dir


def test_every_paper_read_is_accounted_for_on_corrupted_pages(corrupted: Path, tmp_path: Path, capsys) -> None:
    errors: list[LoadError] = []
    loaded = claims.load([corrupted], errors=errors)
    out = tmp_path / "claims.csv"
    assert main(["extract", str(corrupted), "-o", str(out)]) == 0
    printed = capsys.readouterr()

    assert printed.err.splitlines() == [f"error: {e}" for e in errors]
    assert {Path(e.source).name for e in errors} == {"binary.txt", "latin1.txt", "corpus.jsonl"}
    assert [e.record for e in errors if e.source.endswith("corpus.jsonl")] == [2]

    figures = {k: v for k, v in ACCOUNTING.search(printed.out).groupdict().items() if k != "path"}
    read, ok, without, failed = (int(figures[k]) for k in ("read", "ok", "without", "failed"))
    assert read == ok + without + failed == len(loaded)

    statuses = pd.read_csv(papers_path(out), keep_default_na=False)
    assert list(statuses.columns) == STATUS_COLUMNS
    assert sorted(statuses["paper_id"]) == sorted(loaded["paper_id"])
    assert statuses["status"].value_counts().to_dict() == {
        s: n for s, n in (("ok", ok), ("no-claims", without), ("failed", failed)) if n
    }
    written = pd.read_csv(out)["paper_id"].value_counts()
    assert statuses.set_index("paper_id")["claims"].to_dict() == {
        p: int(written.get(p, 0)) for p in statuses["paper_id"]
    }
    reasons = statuses[statuses["status"] == "failed"].set_index("title")["reason"].to_dict()
    assert reasons.keys() == {"A huge paper", "Negative authors"}
    assert reasons["A huge paper"].startswith("extract: abstract too long")
    assert reasons["Negative authors"].startswith("papers: authors")
    truncated = sample_paths()[0].name
    assert statuses["sources"].str.contains(truncated).sum() > 0  # the papers before the cut are kept


def test_bytes_that_are_not_utf8_are_reported_alike_by_both_commands_and_engines(tmp_path, scheduler, capsys) -> None:
    folder, broken = tmp_path / "in", [2, 31, 59]
    folder.mkdir()
    files = [write_papers(folder / name, 60, broken) for name in ("a.jsonl", "b.csv", "c.txt")]
    errors = [error for path in files for error in undecoded_errors(path, broken)]
    expected = sorted(f"error: {LoadError(source, reason, record)}" for source, record, reason in errors)
    commands = {  # chunks of 4: JSON Lines blocks of about 20 lines on Dask
        "extract": ["extract", str(folder), "-o", str(tmp_path / "in-process.csv"), "--chunk-size", "4"],
        "extract on Dask": ["extract", str(folder), "-o", str(tmp_path / "dask.csv"), "--chunk-size", "4"],
        "run": ["run", str(folder), "-o", str(tmp_path / "run")],
    }
    commands["extract on Dask"] += ["--scheduler", scheduler]
    for name, command in commands.items():
        assert main(command) == 0, name
        printed = capsys.readouterr()
        assert sorted(printed.err.splitlines()) == expected, name
        figures = {k: int(v) for k, v in ACCOUNTING.search(printed.out).groupdict().items() if k != "path"}
        paper_count = 60 - len(broken)  # the same papers in each file, once each
        assert figures["read"] == figures["ok"] + figures["without"] + figures["failed"] == paper_count, name


def test_a_page_read_twice_gives_each_paper_and_claim_once(tmp_path: Path) -> None:
    page = sample_paths()[1]
    copy = tmp_path / "copy.txt"
    copy.write_bytes(page.read_bytes())
    once = claims.load([page], errors=[])
    twice = claims.load([page, copy, page], errors=[])
    assert twice["paper_id"].tolist() == once["paper_id"].tolist()
    assert all(sources == [page.name, copy.name] for sources in twice["sources"])
    table = claims.extract(twice, failures=[])
    assert not table.duplicated(["paper_id", "start", "end"]).any()
    pd.testing.assert_frame_equal(table, claims.extract(once, failures=[]))

    summary = run_extraction([page, copy], tmp_path / "chunked.csv", chunk_size=7)
    assert (summary.papers, summary.claims) == (len(once), len(table))


def test_papers_that_bring_their_own_ids_are_kept_apart(write) -> None:
    records = [{"title": t, "abstract": make_abstract(t), "paper_id": "x"} for t in ("One", "Two")]
    papers = claims.load([write("ids.jsonl", "\n".join(map(json.dumps, records)))], errors=[])
    assert papers["paper_id"].is_unique and papers["source_paper_id"].tolist() == ["x", "x"]
    valid, quarantine = claims.validate(claims.extract(papers, failures=[]), papers)
    assert set(valid["title"]) == {"One", "Two"} and quarantine.empty

    shared = papers.assign(paper_id="x")  # built by hand: one id, two abstracts
    valid, quarantine = claims.validate(claims.extract(shared, failures=[]), shared)
    assert valid.empty and set(quarantine["reason"]) == {"row: offsets_point_at_value_text"}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".txt"])
def test_a_5mb_abstract_is_refused_with_its_reason_and_the_others_are_read(tmp_path: Path, suffix: str) -> None:
    papers = [("A normal paper", make_abstract("segmentation")), ("A huge paper", HUGE)]
    path = tmp_path / f"papers{suffix}"
    if suffix == ".jsonl":
        path.write_text("\n".join(json.dumps({"title": t, "abstract": a}) for t, a in papers), encoding="utf-8")
    elif suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([("title", "abstract"), *papers])
    else:
        path.write_text("".join(f"{t}\n\n{a}\n\n" for t, a in papers), encoding="utf-8")
    loaded = claims.load([path], errors=[])
    failures: list = []
    table = claims.extract(loaded, failures)
    assert set(table["title"]) == {"A normal paper"}
    assert [(f.title, f.reason.split(" (")[0]) for f in failures] == [("A huge paper", "abstract too long")]


# --------------------------------------------------------------------------- outputs never half-written
def _previous_outputs(out: Path) -> dict[Path, str]:
    """Stand-ins for an earlier run's claims, papers and quarantine tables."""
    previous = {path: f"previous {path.name}\n" for path in (out, papers_path(out), quarantine_path(out))}
    for path, text in previous.items():
        path.write_text(text)
    return previous


def test_a_run_failing_after_some_chunks_were_written_leaves_the_previous_outputs(tmp_path, monkeypatch) -> None:
    out = tmp_path / "claims.csv"
    previous = _previous_outputs(out)
    real = claims.runtime.engine.paper_statuses
    calls = []

    def fails_on_the_third_chunk(*args: object) -> pd.DataFrame:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("a bug in the third chunk")
        return real(*args)

    monkeypatch.setattr(claims.runtime.engine, "paper_statuses", fails_on_the_third_chunk)
    with pytest.raises(RuntimeError, match="third chunk"):
        run_extraction(None, out, chunk_size=50)
    assert {path: path.read_text() for path in previous} == previous
    assert temporary_files(tmp_path) == []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _good_papers(path: Path, count: int) -> Path:
    """A JSON Lines file of papers that all pass validation: a run of them quarantines nothing."""
    lines = [json.dumps({"title": f"Paper {i}", "abstract": make_abstract(f"topic {i}")}) for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _full_disk() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_at_the_last_file_of_extract_leaves_every_earlier_output_as_it_was(tmp_path, monkeypatch, capsys):
    import pyarrow.parquet as pq

    corpus = _good_papers(tmp_path / "corpus.jsonl", 6)
    out = tmp_path / "out" / "claims.parquet"
    out.parent.mkdir()
    previous = _previous_outputs(out)
    real_close = pq.ParquetWriter.close

    def fills_at_the_claims_table(writer: pq.ParquetWriter) -> None:
        """The claims table is the last file the run completes (its writer closes last): its last bytes do not fit."""
        last = writer.is_open and Path(writer.where).name.startswith(f".{out.name}.")
        real_close(writer)
        if last:
            raise _full_disk()

    command = ["extract", str(corpus), "-o", str(out), "--chunk-size", "2", "-q"]
    monkeypatch.setattr(pq.ParquetWriter, "close", fills_at_the_claims_table)
    assert main(command) == 1
    assert capsys.readouterr().err == f"error: {out}: No space left on device\n"
    assert {path: path.read_bytes() for path in previous} == {p: text.encode() for p, text in previous.items()}
    assert temporary_files(out.parent) == []  # the ledger and the quarantine are as they were too

    monkeypatch.undo()
    assert main(command) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == sorted([out.name, papers_path(out).name])
    ledger = pd.read_parquet(papers_path(out)).set_index("title")
    assert sorted(ledger.index) == [f"Paper {i}" for i in range(6)] and set(ledger["status"]) == {"ok"}
    assert pd.read_parquet(out)["title"].value_counts().to_dict() == ledger["claims"].to_dict()


def test_claims_run_with_a_full_disk_at_its_last_file_leaves_every_earlier_output_as_it_was(
    tmp_path, write, monkeypatch, capsys
) -> None:
    inputs = [str(p) for p in sample_paths()]
    bad = write("bad.jsonl", json.dumps({"title": "Bad", "abstract": make_abstract("x"), "authors": -3}))
    out = tmp_path / "run"
    assert main(["run", *inputs, str(bad), "-o", str(out)]) == 0
    old = _snapshot(out)
    assert "claims.quarantine.csv" in old
    real_write_text = Path.write_text

    def fills_at_the_report(path: Path, text: str, *args: object, **kwargs: object) -> int:
        """The report, the run's last file, gets half its text, then the disk is full."""
        if not path.name.startswith(".index.html."):
            return real_write_text(path, text, *args, **kwargs)
        real_write_text(path, text[: len(text) // 2], *args, **kwargs)
        raise _full_disk()

    monkeypatch.setattr(Path, "write_text", fills_at_the_report)
    capsys.readouterr()
    assert main(["run", *inputs[:2], "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"error: {out / 'reports' / 'index.html'}: No space left on device\n"
    assert _snapshot(out) == old
    assert temporary_files(out) == []

    monkeypatch.undo()
    assert main(["run", *inputs[:2], "-o", str(out)]) == 0
    new = _snapshot(out)
    assert "claims.quarantine.csv" not in new  # the earlier run's, gone once this run was in place
    assert new["claims.csv"] != old["claims.csv"] and new["reports/index.html"] != old["reports/index.html"]
    boards = {name.removeprefix("leaderboards/") for name in new if name.startswith("leaderboards/")}
    assert set(new["leaderboards/.generated"].decode().split()) == boards - {".generated"}
    assert boards != {name.removeprefix("leaderboards/") for name in old if name.startswith("leaderboards/")}


@pytest.fixture
def locked_folder(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """A folder one may not write in (root may: for root, files are refused in it as the kernel refuses others)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    real_mkstemp = tempfile.mkstemp

    def refused(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:
        if Path(dir or ".") == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder / ".claims.csv.x.tmp"))
        return real_mkstemp(*args, dir=dir, **kwargs)

    if os.geteuid() == 0:
        monkeypatch.setattr(tempfile, "mkstemp", refused)
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize("command", ["extract", "run"])
def test_an_output_folder_one_may_not_write_in_is_one_line(command, locked_folder, tmp_path, capsys) -> None:
    out = locked_folder / "claims.csv"
    corpus = _good_papers(tmp_path / "corpus.jsonl", 2)
    assert main([command, str(corpus), "-o", str(out if command == "extract" else locked_folder)]) == 1
    assert capsys.readouterr().err == f"error: {out}: Permission denied\n"
    assert list(locked_folder.iterdir()) == []


def test_a_rename_failing_part_way_never_leaves_a_newer_ledger_beside_older_claims(tmp_path, monkeypatch) -> None:
    out = tmp_path / "claims.csv"
    previous = _previous_outputs(out)
    stale = tmp_path / "stale.md"
    stale.write_text("an earlier run's\n")
    real_replace = os.replace

    def refuses_the_quarantine(source: str, target: Path) -> None:
        if Path(target) == quarantine_path(out):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), source)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", refuses_the_quarantine)
    with pytest.raises(PermissionError) as refused, OutputSet() as outputs:
        for path in previous:  # the claims, the ledger, the quarantine
            outputs.reserve(path)
        for path in reversed(previous):  # written in another order than they are committed
            outputs.stage(path).write_text("new\n")
        outputs.discard(stale)
    assert refused.value.filename == str(quarantine_path(out))  # the output, not its temporary file
    assert {path.name: path.read_text() for path in [*previous, stale]} == {
        out.name: "new\n",
        papers_path(out).name: "new\n",
        quarantine_path(out).name: previous[quarantine_path(out)],
        stale.name: "an earlier run's\n",  # discarded only once every file is in place
    }
    assert temporary_files(tmp_path) == []


def test_extract_commits_the_claims_first_and_the_ledger_last(tmp_path, write, monkeypatch) -> None:
    good = {"title": "Good paper", "abstract": make_abstract("segmentation")}
    bad = {"title": "Bad paper", "abstract": make_abstract("detection"), "authors": -3}
    corpus = write("corpus.jsonl", "\n".join(json.dumps(r) for r in (good, bad)))  # a quarantine from chunk 2 only
    renamed: list[Path] = []
    real_replace = os.replace

    def records(source: str, target: Path) -> None:
        renamed.append(Path(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", records)
    out = tmp_path / "claims.csv"
    run_extraction([corpus], out, chunk_size=1)
    assert renamed == [out, quarantine_path(out), papers_path(out)]


def test_a_killed_extraction_leaves_the_previous_output_and_no_temporary_file(tmp_path: Path) -> None:
    abstracts = claims.load()["abstract"].tolist()
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(50_000):  # a run of many seconds, however fast extraction gets, so the signal finds it busy
            handle.write(json.dumps({"title": f"Paper {i}", "abstract": abstracts[i % len(abstracts)]}) + "\n")
    out = tmp_path / "out" / "claims.csv"
    out.parent.mkdir()
    previous = _previous_outputs(out)
    command = [sys.executable, "-m", "claims", "extract", str(corpus), "-o", str(out), "--chunk-size", "50", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not temporary_files(out.parent) and process.poll() is None:
            time.sleep(0.01)  # until the run is writing its outputs
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=300)
    finally:
        process.kill()
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert {path: path.read_text() for path in previous} == previous
    assert temporary_files(out.parent) == []


def test_a_writer_whose_close_fails_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    import pyarrow.parquet as pq

    from claims.runtime.io import TableWriter

    failed: list[bool] = []

    def full_disk(self) -> None:  # the first close fails as on a full disk (the writer's __del__ closes again)
        if not failed:
            failed.append(True)
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "close", full_disk)
    target = tmp_path / "claims.parquet"
    with pytest.raises(OSError, match="No space left"), TableWriter(target) as writer:
        writer.write(pd.DataFrame({"value": [1.0, 2.0]}))
    assert list(tmp_path.iterdir()) == []


def test_a_later_run_removes_the_stale_temporary_files_of_its_output_only(tmp_path: Path) -> None:
    from claims.runtime.io import STALE_SECONDS, write_table

    stale = tmp_path / ".claims.csv.abc123.tmp"  # what a SIGKILL'd run leaves
    live = tmp_path / ".claims.csv.def456.tmp"  # another run still appending to its own
    other = tmp_path / ".other.csv.ghi789.tmp"
    for path in (stale, live, other):
        path.write_text("partial")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_table(pd.DataFrame({"value": [1.0]}), tmp_path / "claims.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["claims.csv", live.name, other.name])
