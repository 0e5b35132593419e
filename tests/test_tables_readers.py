"""Full-paper readers (PDF-table JSON, GROBID TEI, section text) and the dispatcher that merges a paper's files."""

from __future__ import annotations

import json

import pytest
from tables_fixtures import ABSTRACT, TDMS_DEV, TEI, TEXT, TITLE, write_paper

from claims.ingest.loaders import LoadError
from claims.tables.pdfjson import read_pdfjson
from claims.tables.readers import find, read_full_papers
from claims.tables.tei import read_tei
from claims.tables.textfile import read_sections


def test_pdfjson_cells_keep_their_headers_bold_flags_and_table(tmp_path):
    paper = read_pdfjson(write_paper(tmp_path) / "tables" / "2101.00001.json")
    cells = paper.tables[paper.tables["table_id"] == "Table 2"]
    best = cells[cells["text"] == "91.62"].iloc[0]
    assert paper.paper_id == "2101.00001"
    assert best["row_label"] == "GraphNER ( ours )" and best["col_label"] == "Test / F 1" and best["bold"]
    assert (
        cells["caption"].iloc[0].startswith("Table 2: Test results on CoNLL-2003")
    )  # the table's text before it dropped
    assert set(cells["source"]) == {str(tmp_path / "tables" / "2101.00001.json")}
    assert cells["row"].nunique() == 4 and cells["col"].nunique() == 2  # one position per distinct row and column label


@pytest.mark.parametrize("content", ["{not json", json.dumps({"tables": []}), json.dumps([{"caption": "x"}])])
def test_pdfjson_that_is_not_that_format_is_a_load_error_naming_the_file(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LoadError, match="bad.json"):
        read_pdfjson(path)


def test_tei_gives_title_abstract_sections_and_table_cells(tmp_path):
    path = tmp_path / "p.tei.xml"
    path.write_text(TEI, encoding="utf-8")
    paper = read_tei(path)
    assert paper.paper_id == "p" and paper.title == TITLE and paper.abstract == ABSTRACT
    assert paper.sections["section"].tolist() == ["2 Related Work", "5 Results"]
    cells = paper.tables
    assert set(cells["table_id"]) == {"Table 3"}
    assert cells[cells["header"]]["text"].tolist() == ["Model", "F1"]
    best = cells[cells["text"] == "91.6"].iloc[0]
    assert best["bold"] and (best["row_label"], best["col_label"]) == ("GraphNER", "F1")  # labels from the grid


def test_xml_that_is_not_tei_is_a_load_error(tmp_path):
    path = tmp_path / "x.tei.xml"
    path.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="x.tei.xml: not a TEI XML file"):
        read_tei(path)
    path.write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    with pytest.raises(LoadError, match="not a TEI XML file"):
        read_tei(path)


def test_section_text_reads_title_abstract_and_sections(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(TEXT, encoding="utf-8")
    paper = read_sections(path)
    assert (paper.title, paper.abstract) == (TITLE, ABSTRACT)
    assert paper.sections["section"].tolist() == ["5 Results"]
    path.write_text("just words\n", encoding="utf-8")
    with pytest.raises(LoadError, match='no "section: NAME" line'):
        read_sections(path)


def test_a_folder_of_papers_merges_files_of_one_stem_and_skips_the_annotations(tmp_path):
    write_paper(tmp_path)
    (tmp_path / "figure.png").write_bytes(b"\x89PNG")
    errors: list[LoadError] = []
    papers = read_full_papers([tmp_path], errors)
    assert len(papers) == 1
    paper = papers[0]
    assert paper.title == TITLE and paper.abstract == ABSTRACT
    assert set(paper.tables["table_id"]) == {"Table 1", "Table 2"}  # the PDF-table JSON's, preferred to TEI's text
    assert "5 Results" in set(paper.sections["section"])
    assert [str(e) for e in errors] == [f"{tmp_path}: skipped 1 file of unknown type: figure.png"]
    found = find([tmp_path])
    assert {p.name for p in found.ignored} == {"results.jsonl", "papers.jsonl"}
    assert not found.others


def test_an_empty_table_file_beside_a_paper_is_that_paper_s(tmp_path):
    write_paper(tmp_path)
    (tmp_path / "tables" / "2101.00001.json").write_text("[]", encoding="utf-8")
    found = find([tmp_path])
    assert len(found.papers["2101.00001"]) == 3 and not found.others


def test_a_broken_file_is_reported_and_the_paper_still_read_from_its_other_files(tmp_path):
    write_paper(tmp_path)
    (tmp_path / "tei" / "2101.00001.tei.xml").write_text("<TEI>", encoding="utf-8")
    errors: list[LoadError] = []
    papers = read_full_papers([tmp_path], errors)
    assert len(papers) == 1 and papers[0].title == TITLE  # from the text file
    assert len(errors) == 1 and "2101.00001.tei.xml" in str(errors[0])


@pytest.mark.skipif(not TDMS_DEV.is_dir(), reason="the shared NLP-TDMS folder is not here")
def test_a_shared_paper_reads_from_its_three_formats():
    stem = "1603.01354"
    files = [TDMS_DEV / "tables" / f"{stem}.json", TDMS_DEV / "tei" / f"{stem}.tei.xml"]
    papers = read_full_papers(files)
    assert len(papers) == 1
    paper = papers[0]
    assert paper.title == "End-to-end Sequence Labeling via Bi-directional LSTM-CNNs-CRF"
    assert "Table 3" in set(paper.tables["table_id"]) and paper.tables["bold"].any()
    assert any("Results" in s for s in paper.sections["section"])
