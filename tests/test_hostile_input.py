"""Issue 17: hostile input and faults. One regression test (at least) per numbered case, at the mechanism:
pipes, colliding names, dates, unbounded inputs, formulas, chunk-independent identity, invisible characters,
Ctrl-C, glyphs, identifiers; then the items left open by the round before."""

from __future__ import annotations

import csv
import json
import os
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from board_claims import claim, claims_table, papers_table
from conftest import make_abstract

import claims
import claims.cli
import claims.ingest.inputs
import claims.runtime.engine
from claims.boards.chart import chart_svg
from claims.boards.leaderboard import RESERVED_NAMES, build_comparisons, build_leaderboards, file_name
from claims.boards.report import write_leaderboards
from claims.cli import main
from claims.extraction.grammar import quantities
from claims.ingest.loaders import LoadError, iter_paper_chunks
from claims.runtime.engine import run_extraction
from claims.runtime.io import OutputSet, neutralize, spreadsheet_safe

FORMULAS = ["=cmd|'/Ccalc'!A0", "@SUM(1+1)", '+HYPERLINK("http://x")', "-2+3+cmd|' /C calc'!A0"]


def record(title: str, topic: str = "", **fields: object) -> dict[str, object]:
    return {"title": title, "abstract": make_abstract(topic or title), **fields}


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[callable]:
    """fifo(data) -> the path of a named pipe that a thread fills with `data` once (it can be read only once)."""
    threads = []

    def _fifo(data: bytes, name: str = "pipe") -> Path:
        path = tmp_path / name
        os.mkfifo(path)

        def fill() -> None:
            with path.open("wb") as handle:
                handle.write(data)

        threads.append(threading.Thread(target=fill, daemon=True))
        threads[-1].start()
        return path

    yield _fifo
    for thread in threads:
        thread.join(timeout=10)


CORPUS = [record(f"Paper {i}", f"topic {i}") for i in range(40)]  # ~20 KB: far past the 8 KB head
CORPUS_BYTES = "".join(json.dumps(r) + "\n" for r in CORPUS).encode()


# ---- 1: a pipe is read once, whole ---------------------------------------------------------------------------
def test_a_named_pipe_loses_no_record_in_extract(fifo, tmp_path: Path) -> None:
    errors: list[LoadError] = []
    summary = run_extraction([fifo(CORPUS_BYTES)], tmp_path / "c.csv", chunk_size=7, errors=errors)
    assert (summary.papers, errors) == (len(CORPUS), [])


def test_a_named_pipe_loses_no_record_in_load(fifo) -> None:
    errors: list[LoadError] = []
    assert len(claims.load([fifo(CORPUS_BYTES)], errors=errors)) == len(CORPUS) and errors == []


def test_a_csv_or_parquet_from_a_pipe_is_read_by_its_content(fifo, tmp_path: Path) -> None:
    frame = pd.DataFrame(CORPUS)
    parquet = tmp_path / "c.parquet"
    frame.to_parquet(parquet)
    csv_pipe, parquet_pipe = fifo(frame.to_csv(index=False).encode(), "csv"), fifo(parquet.read_bytes(), "pq")
    errors: list[LoadError] = []
    assert len(claims.load([csv_pipe, parquet_pipe], errors=errors)) == len(CORPUS) and errors == []


def test_a_named_pipe_loses_no_record_on_dask(fifo, tmp_path: Path, scheduler: str) -> None:
    errors: list[LoadError] = []
    summary = run_extraction(
        [fifo(CORPUS_BYTES)], tmp_path / "c.csv", scheduler=scheduler, engine="dask", errors=errors
    )
    assert (summary.papers, errors) == (len(CORPUS), [])


# ---- 2: names that cannot collide ----------------------------------------------------------------------------
def test_board_names_never_collide_with_fixed_outputs_or_each_other_whatever_the_case() -> None:
    used: set[str] = set()
    names = [file_name(n, used) for n in ["comparisons", "README", "readme", "model-index", "x", "X", "x-2"]]
    assert len({n.casefold() for n in names}) == len(names)
    assert not {n.casefold() for n in names} & RESERVED_NAMES


def test_a_benchmark_named_like_a_fixed_output_gets_its_own_files(tmp_path: Path) -> None:
    rows = [
        claim(dataset=name, paper_id=f"p{i}", model=f"M{i}", metric="accuracy")
        for i, name in enumerate(["Comparisons", "README", "Evaluation-Tables"])
    ]
    table = claims_table(*rows)
    boards = build_leaderboards(table)
    written = write_leaderboards(boards, build_comparisons(table), tmp_path)
    assert len({str(p).casefold() for p in written}) == len(written)
    assert (tmp_path / "comparisons.md").read_text(encoding="utf-8").startswith("# Comparisons")
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith("# Leaderboards")
    assert {b.slug for b in boards} == {"comparisons-2", "readme-2", "evaluation-tables-2"}


# ---- 3: dates ------------------------------------------------------------------------------------------------
def test_dates_are_utc_dates_from_load_on(tmp_path: Path) -> None:
    records = [
        record("East", published="2024-03-01T01:30:00+05:00"),
        record("West", published="2024-03-01T23:30:00-03:00"),
        record("Plain", published="2024-03-01"),
        record("Last day", published="9999-12-31"),
    ]
    papers = claims.load([jsonl(tmp_path / "p.jsonl", records)], errors=[])
    assert list(papers["published"]) == ["2024-02-29", "2024-03-02", "2024-03-01", "9999-12-31"]


@pytest.mark.parametrize("far", ["9999-12-31", "0001-01-01"])
def test_a_date_outside_the_charts_range_is_kept_and_not_charted(far: str) -> None:
    rows = [claim(paper_id=f"p{i}", model=f"M{i}", value=80.0 + i) for i in range(3)]
    boards = build_leaderboards(claims_table(*rows), papers_table(p0=far, p1="2020-01-01", p2="2021-01-01"))
    assert chart_svg(boards[0]) is not None
    assert far in set(boards[0].entries["published"])


def test_claims_run_with_mixed_offsets_and_far_dates_writes_everything(tmp_path: Path, capsys) -> None:
    records = [
        record(f"Model{i}: a model", published=date)
        for i, date in enumerate(["2024-01-01T10:00:00+05:00", "2023-01-01T10:00:00-03:00", "9999-12-31"])
    ]
    assert main(["run", str(jsonl(tmp_path / "p.jsonl", records)), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "reports" / "index.html").exists()
    assert "Traceback" not in capsys.readouterr().err


# ---- 4: bounded reads ----------------------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_on_its_head_by_both_commands(tmp_path: Path, capsys) -> None:
    errors: list[LoadError] = []
    assert claims.load(["/dev/zero"], errors=errors).empty
    assert [e.reason for e in errors] == ["binary file, not text"]
    assert main(["run", "/dev/zero", "-o", str(tmp_path)]) == 1
    assert "/dev/zero: binary file, not text" in capsys.readouterr().err


def test_a_document_read_whole_is_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(claims.ingest.inputs, "MAX_WHOLE_BYTES", 10_000)
    monkeypatch.setattr(claims.ingest.inputs.read_whole, "__defaults__", (10_000,))
    page = tmp_path / "page.txt"
    page.write_text("\n\n".join(f"Paper {i}\n\n{make_abstract(str(i))}" for i in range(100)), encoding="utf-8")
    errors: list[LoadError] = []
    claims.load([page], errors=errors)
    assert [e.reason.split(":")[0] for e in errors] == ["over 0 MiB"]


# ---- 5: formulas ---------------------------------------------------------------------------------------------
def test_claims_csv_of_both_commands_neutralizes_formulas_and_keeps_its_own_values(tmp_path: Path) -> None:
    records = [record(f"{formula}: a model", f"formula {i}") for i, formula in enumerate(FORMULAS)]
    path = jsonl(tmp_path / "p.jsonl", records)
    assert main(["run", str(path), "-o", str(tmp_path / "run")]) == 0
    assert main(["extract", str(path), "-o", str(tmp_path / "x.csv"), "-q"]) == 0
    for table in [tmp_path / "run" / "claims.csv", tmp_path / "x.csv"]:
        with table.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        cells = [cell for row in rows for key, cell in row.items() if key not in {"value", "start", "end", "bound"}]
        assert rows and not [c for c in cells if c.startswith(("=", "@")) or c[:2] in {"+H", "-2"}]
        assert {row["bound"] for row in rows} <= {"=", "~", "<", "<=", ">", ">="}
    boards = list((tmp_path / "run" / "leaderboards").glob("*.csv"))
    read_back = pd.concat([pd.read_csv(p) for p in boards if p.stem != "comparisons"])
    assert "=" in set(read_back["bound"])  # the tool's own value, read back as the tool meant it


def test_spreadsheet_safe_columns_are_those_neutralized_cell_by_cell() -> None:
    cells = ["=1+1", "+HYPERLINK()", "-2", "-2.5", "@SUM(A1)", "\tx", "\rx", "plain", "", None, "a=b", "+0.5%"]
    frame = pd.DataFrame(
        {"text": pd.array(cells, dtype="string"), "objects": pd.Series(cells, dtype=object), "bound": ["="] * 12}
    )
    safe = spreadsheet_safe(frame)
    for column in ("text", "objects"):
        expected = [neutralize(c) if isinstance(c, str) else c for c in cells]
        assert [None if pd.isna(c) else c for c in safe[column]] == expected
    assert safe["bound"].tolist() == ["="] * 12  # the tool's own values as they are
    assert safe.to_csv(index=False) == frame.assign(
        **{c: frame[c].map(lambda v: neutralize(v) if isinstance(v, str) else v) for c in ("text", "objects")}
    ).to_csv(index=False)


# ---- 6: identity before chunking -----------------------------------------------------------------------------
def test_an_empty_record_before_the_real_one_costs_no_claim_whatever_the_chunk_or_engine(
    tmp_path: Path, scheduler: str
) -> None:
    first = {"title": "Alpha: a model", "abstract": ""}
    records = [first, *(record(f"Filler {i}") for i in range(5)), record("Alpha: a model", "alpha")]
    path = jsonl(tmp_path / "p.jsonl", records)
    runs = [("inprocess", 1), ("inprocess", 2000), ("dask", 1)]
    tables = []
    for engine, size in runs:
        out = tmp_path / f"{engine}-{size}.csv"
        run_extraction([path], out, engine=engine, chunk_size=size, scheduler=scheduler if engine == "dask" else None)
        tables.append(pd.read_csv(out))
    assert all(t.equals(tables[0]) for t in tables)
    assert (tables[0]["title"] == "Alpha: a model").sum() > 0


def test_titles_differing_only_in_accents_or_case_with_other_abstracts_are_two_papers(tmp_path: Path) -> None:
    records = [record("Résumé Networks", "first"), record("resume networks!", "second")]
    papers = claims.load([jsonl(tmp_path / "p.jsonl", records)], errors=[])
    assert sorted(papers["abstract"]) == sorted(r["abstract"] for r in records)


# ---- 7: invisible characters and scientific notation ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8\u200f5.3%", 85.3),
        ("85.\u200b3%", 85.3),
        ("8\u03015.3%", 85.3),
        ("1\u20602\u00ad3", 123.0),
        ("1.2×10⁻³", 0.0012),
        ("1.2 x 10^{-3}", 0.0012),
        ("3\\times10^5", 300000.0),
        ("2.5e-3", 0.0025),
    ],
)
def test_a_number_is_read_through_invisible_characters_and_in_scientific_notation(text: str, value: float) -> None:
    sentence = f"It reaches {text} on it."
    (found,) = quantities(sentence)
    assert found.value == pytest.approx(value) and sentence[found.start : found.end] == found.text == text


def test_claims_quote_the_verbatim_text_at_its_offsets() -> None:
    abstract = "Alpha reaches 8\u200f5.3% top-1 accuracy on ImageNet and an MSE of 1.2×10⁻³ on ETTh1."
    table = claims.extract(pd.DataFrame([{"paper_id": "p", "title": "Alpha: a model", "abstract": abstract}]))
    assert sorted(table["value"]) == pytest.approx([0.0012, 85.3])
    assert all(abstract[s:e] == t for s, e, t in zip(table["start"], table["end"], table["value_text"], strict=True))


# ---- 8: Ctrl-C -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["run", "extract"])
def test_ctrl_c_is_one_line_and_exit_130(command: str, tmp_path: Path, monkeypatch, capsys) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(claims.cli, "run_extraction", interrupted)
    monkeypatch.setattr(claims.cli, "_load_and_extract", interrupted)
    argv = [command, "-o", str(tmp_path / ("out" if command == "run" else "c.csv"))]
    assert main(argv) == 130
    assert capsys.readouterr().err == "interrupted: earlier outputs left as they were\n"


# ---- 9: glyphs -----------------------------------------------------------------------------------------------
def test_a_chart_of_cjk_and_emoji_names_draws_without_a_warning() -> None:
    """The chart is SVG text the browser draws in its own fonts: names in any script stay as written."""
    rows = [claim(paper_id=f"p{i}", model=m, value=80.0 + i) for i, m in enumerate(["模型-L", "🚀Rocket", "Ωmega"])]
    boards = build_leaderboards(claims_table(*rows), papers_table(p0="2020-01-01", p1="2021-01-01", p2="2022-01-01"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = chart_svg(boards[0])
    assert svg and all(name in svg for name in ("模型-L", "🚀Rocket", "Ωmega"))


# ---- 10: identifiers and dates as written --------------------------------------------------------------------
def test_identifiers_keep_their_text_and_bad_fields_are_reported_not_stringified(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    abstract = "a " * 80
    lines = ['"id": 2301.10', '"id": ["x"]', '"published": {"date": "2024"}']
    path.write_text(
        "".join(f'{{"title": "{t}", "abstract": "{abstract}", {f}}}\n' for t, f in zip("ABC", lines, strict=True))
    )
    errors: list[LoadError] = []
    papers = claims.load([path], errors=errors)
    assert [None if pd.isna(v) else v for v in papers["arxiv_id"]] == ["2301.10", None, None]
    assert papers["published"].isna().all()
    assert [(e.record, e.reason) for e in errors] == [
        (2, "arxiv_id: a list, not an identifier: left out"),
        (3, "published: a dict, not a date: left out"),
    ]


# ---- left open by the last round -----------------------------------------------------------------------------
def test_a_csv_row_the_csv_module_refuses_costs_that_row_only(tmp_path: Path, monkeypatch) -> None:
    limit = csv.field_size_limit()
    path = tmp_path / "p.csv"
    rows = [record(f"Paper {i}") for i in range(5)]
    rows[2]["abstract"] = "x" * 5000
    pd.DataFrame(rows).to_csv(path, index=False)
    errors: list[LoadError] = []
    try:
        csv.field_size_limit(2000)
        papers = claims.load([path], errors=errors)
    finally:
        csv.field_size_limit(limit)
    assert list(papers["title"]) == ["Paper 0", "Paper 1", "Paper 3", "Paper 4"]
    assert [(e.record, e.reason.split(" (")[0]) for e in errors] == [(3, "malformed CSV")]


def test_a_csv_row_with_two_bad_lines_names_both(tmp_path: Path) -> None:
    abstract = make_abstract("x").replace(". ", ".\n").encode()
    bad = abstract.replace(b"simple", b"simp\xffle").replace(b"Code", b"Co\xffde")
    path = tmp_path / "p.csv"
    path.write_bytes(b'title,abstract\nOne,"' + abstract + b'"\nTwo,"' + bad + b'"\n')
    errors: list[LoadError] = []
    assert list(claims.load([path], errors=errors)["title"]) == ["One"]
    assert [e.reason.count("not UTF-8 (line") for e in errors] == [2]


def test_a_killed_worker_is_one_line(tmp_path: Path, monkeypatch, scheduler: str, capsys) -> None:
    from distributed import KilledWorker

    def killed(*args: object) -> None:
        raise KilledWorker("process_chunk-1", None, 3)

    monkeypatch.setattr(claims.runtime.engine, "_result", killed)
    path = jsonl(tmp_path / "p.jsonl", CORPUS[:2])
    assert main(["extract", str(path), "-o", str(tmp_path / "c.csv"), "--scheduler", scheduler, "-q"]) == 1
    assert (
        capsys.readouterr().err == f"error: scheduler {scheduler}: a partition's worker died 4 times (KilledWorker)\n"
    )


def test_a_failed_run_leaves_no_folder_it_made(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), OutputSet() as outputs:
        outputs.stage(tmp_path / "new" / "deeper" / "claims.csv").write_text("x")
        raise RuntimeError("fails")
    assert list(tmp_path.iterdir()) == []


def test_staged_files_and_their_folder_are_synced_before_and_after_the_renames(tmp_path: Path, monkeypatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    with OutputSet() as outputs:
        outputs.stage(tmp_path / "a.csv").write_text("a")
        outputs.stage(tmp_path / "b.csv").write_text("b")
    assert len(synced) == 3  # two files, then their folder


def test_a_bad_parquet_is_named_by_the_path_given_on_both_engines(tmp_path: Path, monkeypatch, scheduler: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.parquet").write_bytes(b"PAR1 not really")
    jsonl(Path("good.jsonl"), CORPUS[:2])
    for engine in ("inprocess", "dask"):
        errors: list[LoadError] = []
        address = scheduler if engine == "dask" else None
        run_extraction(["bad.parquet", "good.jsonl"], f"{engine}.csv", engine=engine, scheduler=address, errors=errors)
        assert [e.source for e in errors] == ["bad.parquet"]


def test_iter_paper_chunks_gives_the_same_papers_whatever_the_chunk_size(tmp_path: Path) -> None:
    records = [record("Same"), *(record(f"P{i}") for i in range(9)), record("SAME!", "Same"), record("same", "x")]
    path = jsonl(tmp_path / "p.jsonl", records)
    whole = pd.concat(iter_paper_chunks([path], chunk_size=2000), ignore_index=True)
    for size in (1, 3, 7):
        assert pd.concat(iter_paper_chunks([path], chunk_size=size), ignore_index=True).equals(whole)
    assert len(whole) == 11  # "SAME!" has the abstract of "Same": one paper; "same" has its own: another
