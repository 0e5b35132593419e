"""arXiv / ar5iv HTML (LaTeXML) -> FullPaper: a real LaTeXML table and LaTeXML-shaped page parts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.ingest.loaders import LoadError
from claims.tables.html import parse_html, read_html, text_of

PAGE = Path(__file__).parent / "fixtures" / "html" / "pe3r_excerpt.html"


@pytest.fixture(scope="module")
def paper():
    return read_html(PAGE, [])


def cell(tables: pd.DataFrame, table_id: str, row: int, col: int) -> pd.Series:
    found = tables[(tables["table_id"] == table_id) & (tables["row"] == row) & (tables["col"] == col)]
    assert len(found) == 1
    return found.iloc[0]


def test_title_abstract_and_sections(paper):
    assert paper.paper_id == "pe3r_excerpt"
    assert paper.title == "PE3R: Perception-Efficient 3D Reconstruction"  # the thanks note is not title
    assert paper.abstract == "We reach 12.0 rel on KITTI, a 9× speed-up."
    sections = paper.sections.set_index("section")["text"]
    assert sections["1 Introduction"] == "Prior work reports 58.2."  # the subsection is its own row
    assert sections["1.1 Setting"] == "Depth is evaluated with τ↑."
    assert "3 Experiments" not in sections.index  # only tables in it: no prose


def test_real_latexml_table_spans_header_and_math(paper):
    tables = paper.tables
    methods = cell(tables, "Table 4", 0, 0)
    assert (methods["text"], methods["rowspan"], methods["colspan"], methods["header"]) == ("Methods", 2, 2, True)
    assert (cell(tables, "Table 4", 0, 4)["text"], cell(tables, "Table 4", 0, 4)["colspan"]) == ("ScanNet", 2)
    assert cell(tables, "Table 4", 1, 3)["text"] == "τ↑"  # the alttext, not the MathML read twice
    assert cell(tables, "Table 4", 1, 3)["header"]  # a label row under spanning headings
    value = cell(tables, "Table 4", 2, 3)
    assert (value["text"], value["bold"], value["col_label"], value["row_label"]) == (
        "58.2",
        True,
        "KITTI / τ↑",
        "(a) / COLMAP",
    )
    assert value["cites"] == "bib.bib34" and value["table_label"] == "S3.T4"
    assert tables[tables["table_id"] == "Table 4"]["caption"].iloc[0] == "Multi-view depth estimation."


def test_rowspan_groups_underline_marks_and_plus_minus(paper):
    tables = paper.tables
    lerf = cell(tables, "Table 2", 2, 2)
    assert (lerf["text"], lerf["row_label"], lerf["col_label"]) == (
        "0.101 ± 0.004",
        "Baselines / LERF",
        "mIoU / ScanNet++",
    )
    assert cell(tables, "Table 2", 2, 3)["underline"] and not cell(tables, "Table 2", 2, 3)["bold"]
    assert cell(tables, "Table 2", 3, 2)["row_label"] == "Baselines / Feature-3DGS"  # under the rowspan
    assert (cell(tables, "Table 2", 3, 1)["text"], cell(tables, "Table 2", 3, 1)["marks"]) == ("Feature-3DGS", "†")
    ours = cell(tables, "Table 2", 4, 2)
    assert (ours["text"], ours["bold"], ours["marks"], ours["cites"]) == ("0.246", True, "*", "")
    assert tables[tables["table_id"] == "Table 2"]["caption"].iloc[0] == "Segmentation on two datasets (mean ± std)."


def test_broken_markup_still_reads_and_a_non_latexml_page_is_refused(tmp_path):
    root = parse_html("<div class='ltx_para'><p>open <b>bold <i>both</p></div></span> tail")
    assert text_of(root) == "open bold both tail"
    page = tmp_path / "plain.html"
    page.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>")
    with pytest.raises(LoadError, match="plain.html: not a LaTeXML page"):
        read_html(page)


def test_an_empty_table_is_reported(tmp_path):
    page = tmp_path / "2101.00003.html"
    page.write_text(
        '<article class="ltx_document"><figure class="ltx_table" id="T1"><figcaption>Table 1: x</figcaption>'
        '<table class="ltx_tabular"></table></figure></article>'
    )
    errors: list[LoadError] = []
    assert read_html(page, errors).tables.empty
    assert [str(error) for error in errors] == [f"{page}: Table 1 skipped: the table has no cells"]


def test_inline_span_tabular_as_latexml_writes_it(tmp_path):
    page = tmp_path / "inline.html"
    page.write_text(
        '<div class="ltx_page_main"><figure class="ltx_table" id="S2.T1"><figcaption>Table 1: Top-1.</figcaption>'
        '<span class="ltx_tabular ltx_align_middle"><span class="ltx_tbody">'
        '<span class="ltx_tr"><span class="ltx_td ltx_th ltx_th_column">Model</span>'
        '<span class="ltx_td ltx_th ltx_th_column">Top-1</span></span>'
        '<span class="ltx_tr"><span class="ltx_td">ViT-B</span><span class="ltx_td"><b>81.8</b></span></span>'
        "</span></span></figure></div>"
    )
    tables = read_html(page).tables
    vit = cell(tables, "Table 1", 1, 1)
    assert (vit["text"], vit["bold"], vit["row_label"], vit["col_label"]) == ("81.8", True, "ViT-B", "Top-1")
    assert tables["header"].tolist() == [True, True, False, False]


_TAGS = ["<tr>", "</tr>", "<td rowspan='x'>", "<td colspan='3'>", "</td>", "<th>", "</th>", "<b>", "</b>", "87.7",
         "<math alttext='\\pm 1'>", "</math>", "<cite><a href='#bib.b1'>1</a></cite>", "<sup>*</sup>", "&amp;", "<",
         "<tbody>", "</table>", "<table class='ltx_tabular'>", "<span class='ltx_font_bold'>", "</span>"]  # fmt: skip


@given(st.lists(st.sampled_from(_TAGS), max_size=60))
def test_any_tag_soup_in_a_table_reads_or_gives_a_reason(tmp_path_factory, pieces):
    """Broken HTML inside a LaTeXML table never raises anything but a `LoadError`."""
    page = tmp_path_factory.mktemp("fuzz") / "p.html"
    page.write_text(
        '<article class="ltx_document"><figure class="ltx_table"><figcaption>Table 1: F</figcaption>'
        f"<table class='ltx_tabular'>{''.join(pieces)}</table></figure></article>"
    )
    errors: list[LoadError] = []
    tables = read_html(page, errors).tables
    assert all(str(error).startswith(str(page)) for error in errors)
    assert tables.empty or set(tables["table_id"]) <= {"Table 1"} | {f"Table 1 ({c})" for c in "abcdefgh"}
