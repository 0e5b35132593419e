"""The public API: load's defaults and errors, leaderboards and report; a missing input fails before a cluster."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from board_claims import claim, claims_table, papers_table

import claims
import claims.runtime.engine
from claims.ingest.loaders import LoadError
from claims.runtime.engine import NoPapersRead, run_extraction


def test_load_without_a_path_reads_the_bundled_samples() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to warn about
        papers = claims.load()
    assert len(papers) > 300 and papers["title"].str.len().min() > 0


def test_a_path_that_does_not_exist_raises_naming_it(tmp_path: Path) -> None:
    good = tmp_path / "papers.jsonl"
    good.write_text('{"title": "T", "abstract": "A"}\n', encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="listings/"):
        claims.load([good, "listings/"])
    with pytest.raises(FileNotFoundError, match="nowhere.jsonl"):
        claims.load(tmp_path / "nowhere.jsonl")
    errors: list[LoadError] = []  # collected instead, as the command line does: the others still load
    assert len(claims.load([good, tmp_path / "nowhere.jsonl"], errors=errors)) == 1
    assert [Path(e.source).name for e in errors] == ["nowhere.jsonl"]


def test_leaderboards_and_report_are_public(tmp_path: Path) -> None:
    table = claims_table(claim(model="A", value=81.0), claim(model="B", paper_id="p2", value=83.0))
    papers = papers_table(p1="2021-03-01", p2="2022-05-01")
    (board,) = claims.leaderboards(table, papers)
    assert board.name == "ImageNet" and list(board.table()["variant"]) == ["B", "A"]
    page = claims.report(table, papers, tmp_path / "out")
    assert page == tmp_path / "out" / "reports" / "index.html" and "B" in page.read_text(encoding="utf-8")
    assert (tmp_path / "out" / "leaderboards" / "imagenet.csv").is_file()


@pytest.mark.parametrize("engine", ["inprocess", "dask"])
def test_a_missing_input_fails_before_any_cluster_starts(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_cluster(*args: object) -> None:
        raise AssertionError("a cluster was started for an input that does not exist")

    monkeypatch.setattr(claims.runtime.engine, "_dask_client", no_cluster)
    errors: list[LoadError] = []
    with pytest.raises(NoPapersRead):
        run_extraction([tmp_path / "missing.jsonl"], tmp_path / "claims.csv", engine=engine, errors=errors)
    assert [Path(e.source).name for e in errors] == ["missing.jsonl"]
    assert not (tmp_path / "claims.csv").exists()
