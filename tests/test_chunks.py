"""Chunked reading and writing: corpora of any size go through in pieces, with the same result."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import SAMPLE_PAPERS, make_abstract

import claims
from claims.ingest.loaders import file_kind, iter_paper_chunks
from claims.runtime.io import TableWriter, write_table


@pytest.fixture(scope="module")
def samples() -> pd.DataFrame:
    return claims.load()


def _records(samples: pd.DataFrame) -> list[dict]:
    return [{"title": t, "abstract": a} for t, a in zip(samples["title"], samples["abstract"], strict=True)]


def _write_corpus(tmp_path, samples, suffix: str):
    path = tmp_path / f"corpus{suffix}"
    frame = pd.DataFrame(_records(samples))
    if suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path, row_group_size=64)
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_chunks_of_a_streamed_file_add_up_to_what_load_reads(tmp_path, samples, suffix):
    path = _write_corpus(tmp_path, samples, suffix)
    chunks = list(iter_paper_chunks([path], chunk_size=50))
    assert [len(c) for c in chunks] == [50] * 7 + [SAMPLE_PAPERS - 350]
    columns = ["paper_id", "title", "abstract", "sources"]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True)[columns], claims.load([path])[columns])


def test_sample_pages_in_one_chunk_are_what_load_reads(samples):
    [chunk] = iter_paper_chunks(None, chunk_size=10_000)
    pd.testing.assert_frame_equal(chunk, samples)


def test_every_read_error_is_known_with_the_first_chunk(write):
    lines = [json.dumps({"title": f"Paper {i}", "abstract": make_abstract(str(i))}) for i in range(30)]
    path = write("corpus.jsonl", "\n".join([*lines, "{broken"]))
    errors: list = []
    chunks = iter_paper_chunks([path], chunk_size=10, errors=errors)
    assert len(next(chunks)) == 10  # the whole input was read once, before any chunk was cut (claims.ingest.identity)
    assert [(e.record, e.reason) for e in errors] == [
        (31, "invalid JSON: Expecting property name enclosed in double quotes (column 2)")
    ]
    assert sum(len(c) for c in chunks) == 20


def test_a_paper_whose_records_are_in_two_chunks_is_merged_whatever_the_chunk_size(write):
    empty = {"title": "Same Paper", "abstract": "", "published": "2024-01-02"}
    others = [{"title": f"Paper {i}", "abstract": make_abstract(str(i))} for i in range(5)]
    full = {"title": "same paper!", "abstract": make_abstract("first"), "arxiv_id": "2401.00001"}
    path = write("corpus.jsonl", "\n".join(json.dumps(r) for r in [empty, *others, full]))
    for size in (1, 2, 7):
        papers = pd.concat(iter_paper_chunks([path], chunk_size=size), ignore_index=True)
        assert papers["paper_id"].is_unique and len(papers) == 6
        same = papers[papers["title"] == "Same Paper"].iloc[0]  # the first record's title, filled from the later
        assert (same.abstract, same.published, same.arxiv_id) == (full["abstract"], "2024-01-02", "2401.00001")


def test_near_duplicate_titles_of_different_abstracts_are_two_papers(write):
    first = {"title": "Café Learning", "abstract": make_abstract("first")}
    second = {"title": "cafe-learning", "abstract": make_abstract("second")}
    again = {"title": "Café Learning", "abstract": make_abstract("first, revised")}  # the same title: one paper
    path = write("corpus.jsonl", "\n".join(json.dumps(r) for r in [first, second, again]))
    papers = claims.load([path], errors=[])
    assert sorted(papers["abstract"]) == sorted([first["abstract"], second["abstract"]])
    assert papers["paper_id"].is_unique


def test_parquet_input_is_read_and_bad_parquet_reported(tmp_path, write):
    good = tmp_path / "good.parquet"
    pd.DataFrame([{"title": "A paper", "abstract": make_abstract("x"), "venue": "NeurIPS"}]).to_parquet(good)
    no_abstract = tmp_path / "no_abstract.parquet"
    pd.DataFrame([{"title": "A paper"}]).to_parquet(no_abstract)
    not_parquet = write("fake.parquet", "title,abstract\n")
    errors: list = []
    papers = claims.load([good, no_abstract, not_parquet], errors=errors)
    assert papers[["title", "venue", "sources"]].values.tolist() == [["A paper", "NeurIPS", ["good.parquet"]]]
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert reasons["no_abstract.parquet"] == "Parquet needs 'title' and 'abstract' columns"
    assert reasons["fake.parquet"].startswith("not a Parquet file")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("snapshot.json", '{"title": "a"}\n{"title": "b"}\n', "jsonl"),
        ("api.json", '{"papers": [{"title": "a"}]}', "json"),
        ("pretty.json", '{\n  "papers": []\n}\n', "json"),
        ("list.json", '[{"title": "a"}]', "json"),
        ("table.csv", "title,abstract\n", "csv"),
        ("page.txt", "Daily Papers\n", "page"),
    ],
)
def test_file_kind_tells_streamable_json_lines_from_one_json_document(write, name, content, kind):
    assert file_kind(write(name, content)) == kind


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_table_written_in_chunks_reads_back_as_written_whole(tmp_path, samples, suffix):
    claims_table = claims.extract(samples)
    write_table(claims_table, tmp_path / f"whole{suffix}")
    with TableWriter(tmp_path / f"chunked{suffix}") as writer:
        for start in range(0, len(claims_table), 37):
            writer.write(claims_table.iloc[start : start + 37])
    whole, chunked = tmp_path / f"whole{suffix}", tmp_path / f"chunked{suffix}"
    if suffix == ".parquet":
        pd.testing.assert_frame_equal(pd.read_parquet(chunked), pd.read_parquet(whole))
    else:
        assert chunked.read_bytes() == whole.read_bytes()


def test_parquet_chunks_keep_text_in_a_column_empty_in_the_first(tmp_path):
    with TableWriter(tmp_path / "t.parquet") as writer:
        writer.write(pd.DataFrame({"name": [None], "value": [1.0]}))
        writer.write(pd.DataFrame({"name": ["x"], "value": [2.0]}))
    assert pd.read_parquet(tmp_path / "t.parquet")["name"].tolist()[1] == "x"


def test_an_interrupted_writer_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("previous\n")
    with pytest.raises(KeyboardInterrupt), TableWriter(target) as writer:
        writer.write(pd.DataFrame({"a": [1]}))
        raise KeyboardInterrupt
    assert target.read_text() == "previous\n" and [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_a_writer_given_no_chunk_writes_no_file(tmp_path):
    with TableWriter(tmp_path / "t.jsonl"):
        pass
    assert list(tmp_path.iterdir()) == []
