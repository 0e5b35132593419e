"""Command line: `claims extract` end to end, in-process and as `python -m claims`."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import GOLD_DIR, SAMPLE_PAPERS

import claims
from claims.cli import main
from claims.runtime.io import write_table

SUMMARY = re.compile(
    r"^papers (?P<papers>\d+)\s+claims (?P<claims>\d+)\s+quarantined (?P<quarantined>\d+)\s+"
    r"unreadable (?P<unreadable>\d+)\s+seconds (?P<seconds>\d+\.\d+)\s+-> (?P<output>\S+)$",
    re.MULTILINE,
)
# What the scorer needs of every row (tests/gold/score.py, read_pred).
SCORED_COLUMNS = [
    "title",
    "value_text",
    "value",
    "unit",
    "kind",
    "direction",
    "bound",
    "metric",
    "dataset",
    "model",
]
KEY = ["title", "value_text", "start", "end"]


def summary(stdout: str) -> dict[str, str]:
    match = SUMMARY.search(stdout)
    assert match, f"no summary line in {stdout!r}"
    return match.groupdict()


def read_output(path: Path) -> pd.DataFrame:
    """An output table as written, in any of the three formats (text cells kept as text)."""
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype={"value_text": str, "title": str})
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype={"value_text": str})
    return pd.read_parquet(path)


@pytest.fixture
def extract_csv(seeds_dir, tmp_path, capsys) -> tuple[Path, dict[str, str], str]:
    """`claims extract <seeds> -o out.csv`, run in-process: (output, summary, stderr)."""
    out = tmp_path / "out" / "claims.csv"
    assert main(["extract", str(seeds_dir), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    return out, summary(captured.out), captured.err


def test_extract_reads_the_seeds_and_writes_a_csv(extract_csv):
    out, figures, stderr = extract_csv
    assert stderr == ""
    assert figures["papers"] == str(SAMPLE_PAPERS)
    assert figures["unreadable"] == "0" and figures["output"] == str(out)
    table = read_output(out)
    assert len(table) == int(figures["claims"]) > 0
    assert set(SCORED_COLUMNS) <= set(table.columns)
    assert set(table.columns) >= set(claims.CLAIM_COLUMNS)
    titles = set(claims.load(errors=[]).title)
    assert set(table.title) <= titles
    assert not list(out.parent.glob(".*.tmp"))  # no temporary file left beside the output


def test_python_dash_m_claims(seeds_dir, tmp_path):
    out = tmp_path / "claims.csv"
    result = subprocess.run(
        [sys.executable, "-m", "claims", "extract", str(seeds_dir), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    figures = summary(result.stdout)
    assert figures["papers"] == str(SAMPLE_PAPERS)
    assert len(read_output(out)) == int(figures["claims"]) > 0


def _scorer() -> Path:
    for candidate in (GOLD_DIR / "score.py", Path("/work/shared/eval/score.py")):
        if candidate.is_file():
            return candidate
    pytest.skip("the scorer score.py is in neither tests/gold/ nor /work/shared/eval/")


def test_the_scorer_reads_the_csv(extract_csv, tmp_path):
    scorer = _scorer()
    out, figures, _ = extract_csv
    result = subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--gold",
            str(GOLD_DIR / "dev.jsonl"),
            "--papers",
            str(GOLD_DIR / "dev_papers.jsonl"),
            "--pred",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    head = re.search(r"papers (\d+)\s+gold claims (\d+)\s+predicted (\d+)\s+ignored (\d+)", result.stdout)
    assert head, result.stdout
    papers, gold, predicted, ignored = map(int, head.groups())
    assert papers == SAMPLE_PAPERS and gold > 0
    assert ignored == 0  # every title is a gold paper's title, exactly as on the page
    assert 0 < predicted <= int(figures["claims"])  # the gold leaves a few optional matches unscored
    assert re.search(r"^detection\s+P [01]\.\d{3}\s+R [01]\.\d{3}\s+F1 [01]\.\d{3}$", result.stdout, re.M)


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_jsonl_and_parquet_outputs_hold_the_same_table(extract_csv, seeds_dir, tmp_path, capsys, suffix):
    csv_out, figures, _ = extract_csv
    out = tmp_path / f"claims{suffix}"
    assert main(["extract", str(seeds_dir), "-o", str(out)]) == 0
    assert summary(capsys.readouterr().out)["claims"] == figures["claims"]
    table, reference = read_output(out), read_output(csv_out)
    assert list(table.columns) == list(reference.columns)
    pd.testing.assert_frame_equal(table[KEY], reference[KEY], check_dtype=False)
    pd.testing.assert_series_equal(table.value, reference.value, check_dtype=False)
    assert list(table.unit.astype(str)) == list(reference.unit.astype(str))


TABLE = pd.DataFrame(
    {
        "title": ["Café: Ünïcode Titles", "Second, with comma"],
        "value_text": ["87.7\\%", "1,000 images/s"],
        "value": [87.7, 1000.0],
        "unit": ["%", "1/s"],
        "direction": [None, "up"],
        "start": [10, 200],
    }
)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_write_table_round_trips(tmp_path, suffix):
    path = tmp_path / f"table{suffix}"
    write_table(TABLE, path)
    back = read_output(path)
    expected = TABLE.astype(object).where(TABLE.notna(), None)
    pd.testing.assert_frame_equal(back.astype(object).where(back.notna(), None), expected)


def test_output_files_get_ordinary_permissions(tmp_path):
    fresh, existing = tmp_path / "fresh.csv", tmp_path / "existing.csv"
    existing.write_text("old\n")
    existing.chmod(0o640)
    old_umask = os.umask(0o022)
    try:
        write_table(TABLE, fresh)
        write_table(TABLE, existing)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # as open() would make it, not mkstemp's 0600
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640  # a rewritten file keeps its mode
    assert read_output(existing).title.tolist() == TABLE.title.tolist()


@pytest.mark.parametrize("name", ["claims.xlsx", "claims", "claims.csv.gz", "claims.txt"])
def test_a_bad_output_suffix_is_a_usage_error(seeds_dir, tmp_path, capsys, name):
    out = tmp_path / name
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(seeds_dir), "-o", str(out)])
    assert exit_info.value.code == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith("usage: claims extract")
    assert f"{out}: output must end in .csv, .jsonl, .parquet" in stderr
    assert not out.exists()
    with pytest.raises(ValueError, match="output must end in"):
        write_table(TABLE, out)


def test_unreadable_inputs_are_reported_and_the_rest_is_extracted(seeds_dir, tmp_path, capsys):
    binary = seeds_dir / "zz_binary.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    missing = tmp_path / "missing.jsonl"
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(seeds_dir), str(missing), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"error: {binary}: binary file, not text",
        f"error: {missing}: no such file or directory",
    ]
    figures = summary(captured.out)
    assert (figures["papers"], figures["unreadable"]) == (str(SAMPLE_PAPERS), "2")
    assert len(read_output(out)) == int(figures["claims"]) > 0


def test_nothing_readable_exits_with_an_error_and_writes_nothing(write, tmp_path, capsys):
    bad = write("empty.txt", "")
    out = tmp_path / "claims.csv"
    assert main(["extract", str(bad), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: {bad}: file is empty\nerror: no paper read: earlier outputs left as they were\n"
    assert captured.out == ""
    assert not out.exists() and not (tmp_path / "claims.papers.csv").exists()


@pytest.mark.parametrize("command", ["extract", "run"])
def test_a_typo_in_the_input_leaves_earlier_outputs_as_they_were(command, tmp_path, capsys):
    out = tmp_path / "claims.csv"
    target = ["-o", str(out)] if command == "extract" else ["-o", str(tmp_path)]
    assert main([command, *target]) == 0  # the sample pages
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    capsys.readouterr()
    assert main([command, str(tmp_path / "mine.jsnl"), *target]) == 1
    err = capsys.readouterr().err
    assert "no such file or directory" in err and "no paper read" in err
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert re.fullmatch(r"claims \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def test_a_scheduler_address_means_the_dask_engine(monkeypatch, tmp_path):
    seen = {}

    def fake_run(paths, output, **options):
        seen.update(options)
        raise claims.runtime.engine.NoPapersRead("stop here")

    monkeypatch.setattr(claims.cli, "run_extraction", fake_run)
    assert main(["extract", "-o", str(tmp_path / "c.csv"), "--scheduler", "tcp://127.0.0.1:1"]) == 1
    assert (seen["engine"], seen["scheduler"]) == ("dask", "tcp://127.0.0.1:1")


def test_files_no_reader_takes_and_empty_folders_are_named(tmp_path, capsys):
    (tmp_path / "listings").mkdir()
    (tmp_path / "listings" / "chart.png").write_bytes(b"\x89PNG")
    (tmp_path / "listings" / "notes.md").write_text("# notes")
    (tmp_path / "empty").mkdir()
    out = tmp_path / "claims.csv"
    assert main(["extract", str(tmp_path / "listings"), str(tmp_path / "empty"), "-o", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {tmp_path / 'listings'}: skipped 2 files of unknown type: chart.png, notes.md",
        f"error: {tmp_path / 'empty'}: empty folder",
        "error: no paper read: earlier outputs left as they were",
    ]


def test_a_broken_record_is_worded_alike_by_run_and_extract(tmp_path, capsys):
    good = '{"title": "A paper", "abstract": "We reach 81.2% top-1 accuracy on ImageNet with a long abstract."}'
    path = tmp_path / "p.jsonl"
    path.write_text(good + '\n{"title": "Broken2", "abstract": "unterminated\n')
    assert main(["extract", str(path), "-o", str(tmp_path / "o.csv"), "-q"]) == 0
    extract_errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert main(["run", str(path), "-o", str(tmp_path / "run")]) == 0
    run_errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert (
        extract_errors
        == run_errors
        == [f"error: {path}: record 2: invalid JSON: Unterminated string starting at (column 34)"]
    )


def test_a_full_disk_is_one_line_naming_the_output(tmp_path, capsys, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    out = tmp_path / "claims.csv"
    assert main(["extract", "-o", str(out), "-q"]) == 1
    assert capsys.readouterr().err == f"error: {out}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []  # and no temporary file
    with pytest.raises(OSError):
        main(["--debug", "extract", "-o", str(out), "-q"])
