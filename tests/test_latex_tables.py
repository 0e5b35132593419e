"""LaTeX sources -> FullPaper: the grid of real tables, the grammar on small snippets, e-prints, bad input."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.ingest.loaders import LoadError
from claims.tables import latex_source
from claims.tables.frame import TABLE_COLUMNS, label_cells
from claims.tables.latex import read_latex
from claims.tables.latex_source import expand_macros
from claims.tables.latex_tabular import build_grid, parse_rows
from claims.tables.markup import render

FIXTURES = Path(__file__).parent / "fixtures" / "latex"


@pytest.fixture(scope="module")
def cbramod() -> tuple:
    errors: list[LoadError] = []
    return read_latex(FIXTURES / "cbramod", errors), errors


def table(paper, table_id: str) -> pd.DataFrame:
    return paper.tables[paper.tables["table_id"] == table_id]


def cell(frame: pd.DataFrame, row: int, col: int) -> pd.Series:
    found = frame[(frame["row"] == row) & (frame["col"] == col)]
    assert len(found) == 1, f"no single cell at ({row}, {col})"
    return found.iloc[0]


def grid(body: str) -> pd.DataFrame:
    """A snippet's cells as a small frame (the grammar and grid without a paper around them)."""
    cells, header_rows = build_grid(parse_rows(body))
    return pd.DataFrame(
        [
            {
                "row": c.row,
                "col": c.col,
                "text": c.rendered.text,
                "rowspan": c.rowspan,
                "colspan": c.colspan,
                "bold": c.rendered.bold,
                "underline": c.rendered.underline,
                "cites": ",".join(c.rendered.cites),
                "marks": ",".join(c.rendered.marks),
                "header": c.row < header_rows,
            }
            for c in cells
        ]
    )


# --------------------------------------------------------------------------- a real paper (CBraMod source)
def test_paper_parts_and_provenance(cbramod):
    paper, errors = cbramod
    assert paper.paper_id == "cbramod"
    assert paper.title.startswith("Is Vision Pretraining a Free Lunch for EEG Decoding?")
    assert paper.abstract.startswith("EEG foundation models are widely used")
    sections = paper.sections.set_index("section")["text"]
    assert (
        "ConvNeXt-Tiny exceeds every included EEG foundation-model reference"
        in sections["1.1 Unified benchmark and cross-backbone comparison"]
    )
    assert "A.1 CHB-MIT: Seizure Detection" in sections.index
    assert not sections.str.contains(r"\\", regex=False).any()  # markup stripped
    assert list(paper.tables.columns[: len(TABLE_COLUMNS)]) == TABLE_COLUMNS
    unified = table(paper, "Table 1")
    assert unified["source"].iloc[0].endswith("cbramod/sections/05_results.tex")
    assert unified["table_label"].iloc[0] == "tab:unified-results"
    assert "Cohen's κ / weighted F1" in unified["caption"].iloc[0]
    # inputs the excerpt lacks are reported by name, not dropped silently
    assert any("sections/01_introduction" in str(error) and "not followed" in str(error) for error in errors)


def test_multi_level_header_follows_colspans(cbramod):
    unified = table(cbramod[0], "Table 1")
    assert (cell(unified, 0, 1)["text"], cell(unified, 0, 1)["colspan"]) == ("EEG foundation models", 4)
    assert (cell(unified, 0, 5)["text"], cell(unified, 0, 5)["colspan"]) == ("Vision models", 3)
    assert cell(unified, 1, 3)["text"] == "CBraMod"  # \cbramod{} expanded from the preamble's \newcommand
    assert set(unified[unified["row"] < 2]["header"]) == {True}
    vit = cell(unified, 2, 7)
    assert (vit["text"], vit["row_label"], vit["col_label"]) == (".4759/.9116", "CHB-MIT", "Vision models / ViT-S")
    assert cell(unified, 3, 2)["col_label"] == "EEG foundation models / LaBraM"


def test_bold_underline_and_markers(cbramod):
    unified = table(cbramod[0], "Table 1")
    assert cell(unified, 2, 7)["bold"] and not cell(unified, 2, 7)["underline"]
    assert cell(unified, 2, 6)["underline"] and not cell(unified, 2, 6)["bold"]
    assert not cell(unified, 2, 5)["bold"]
    dataset = cell(unified, 2, 0)
    assert (dataset["text"], dataset["marks"]) == ("CHB-MIT", "*")  # CHB-MIT$^*$
    probe = table(cbramod[0], "Table 3")
    assert (cell(probe, 0, 1)["text"], cell(probe, 0, 1)["marks"]) == ("CBraMod", "†")  # CBraMod$^\dagger$


def test_plus_minus_values(cbramod):
    probe = table(cbramod[0], "Table 3")
    assert cell(probe, 1, 1)["text"] == "0.500 ± 0.000"  # $0.500\pm0.000$
    assert cell(probe, 4, 1)["text"] == "--"
    assert cell(probe, 1, 3)["col_label"] == "ConvNeXt-Tiny"


def test_multirow_groups_give_row_labels(cbramod):
    reruns = table(cbramod[0], "Table 6")
    tuab = cell(reruns, 1, 0)
    assert (tuab["text"], tuab["rowspan"]) == ("TUAB", 5)
    assert reruns[(reruns["col"] == 0) & reruns["row"].between(2, 5)].empty  # covered cells are not cells
    effnet = cell(reruns, 3, 2)
    assert (effnet["text"], effnet["row_label"], effnet["col_label"]) == (
        "0.8317 ± 0.0033",
        "TUAB / EfficientNet-B0",
        "BA",
    )
    assert cell(reruns, 7, 2)["row_label"] == "FACED / REVE-Base (rerun)"


def test_bold_from_a_delimited_def_macro(cbramod):
    reruns = table(cbramod[0], "Table 6")
    # \bestcell{0.8317\pm0.0033} -> \def\bestcell@split#1\pm#2\@nil{\textbf{..}..}
    assert cell(reruns, 3, 2)["bold"] and cell(reruns, 3, 3)["bold"]
    assert cell(reruns, 3, 3)["text"] == "0.9178 ± 0.0025 (PR-AUC)"
    assert not cell(reruns, 1, 2)["bold"]


def test_environment_macro_and_group_rows(cbramod):
    detail = table(cbramod[0], "Table 5")  # \detailhead{...} opens \begin{detailresults} = tabular*
    assert list(detail[detail["row"] == 0]["text"]) == ["Method", "Balanced accuracy", "PR-AUC", "ROC-AUC"]
    assert detail[detail["row"] == 0]["bold"].all()
    eegnet = cell(detail, 2, 1)
    assert (eegnet["row_label"], eegnet["col_label"]) == ("Supervised EEG models / EEGNet", "Balanced accuracy")
    convnext = detail[detail["row_label"] == "Vision models / EEG-Vision (ConvNeXt-Tiny)"]
    assert list(convnext["bold"]) == [True, False, False]
    assert list(convnext["underline"]) == [False, True, True]  # \secondcell -> \underline{$..$}


def test_cited_baselines_and_dataset_columns():
    errors: list[LoadError] = []
    paper = read_latex(FIXTURES / "thyroid" / "classification.tex", errors)
    cls = paper.tables
    assert errors == [] and paper.title is None  # an excerpt: no \documentclass, read as the given file
    resnet = cell(cls, 1, 0)
    assert (resnet["text"], resnet["cites"]) == ("ResNet-50", "he2016deep")
    assert set(cls[(cls["row"] == 1) & (cls["col"] > 0)]["cites"]) == {"he2016deep"}  # the row cites
    ours = cls[cls["row_label"] == "ThyroidXAgent"]
    assert set(ours["cites"]) == {""} and cell(cls, 9, 0)["bold"]
    assert list(cls[cls["row"] == 1]["col_label"].iloc[1:]) == ["TN3K", "DDTI", "ThyroidXL", "TN5K"]
    assert cell(cls, 1, 1)["text"] == "0.7674 ± 0.0394"


def test_datasets_over_metrics_header_with_bold_best():
    blocks = read_latex(FIXTURES / "thyroid" / "classification_blocks.tex").tables
    assert (cell(blocks, 0, 0)["text"], cell(blocks, 0, 0)["rowspan"]) == ("Method", 2)
    assert cell(blocks, 11, 5)["col_label"] == "ThyroidXL / AUROC"
    assert [cell(blocks, 11, col)["bold"] for col in (1, 2, 3, 4)] == [True, False, True, False]
    assert cell(blocks, 4, 0)["cites"] == "he2016deep"


def test_numeric_row_labels_under_a_spanning_heading_and_blank_labels_repeat():
    ett = read_latex(FIXTURES / "smamba" / "ett.tex").tables  # "Models"/"Metric" span the two label columns
    assert (cell(ett, 0, 0)["text"], cell(ett, 0, 0)["colspan"], cell(ett, 1, 0)["text"]) == ("Models", 2, "Metric")
    assert cell(ett, 2, 8)["text"] == "0.329" and cell(ett, 2, 8)["row_label"] == "ETTm1 / 96"
    assert cell(ett, 2, 8)["col_label"] == "PatchTST / MSE"
    assert cell(ett, 6, 2)["row_label"] == "ETTm1 / Avg"  # below the \multirow{4}: the blank label repeats it
    assert cell(ett, 15, 4)["row_label"] == "ETTh1 / 720" and cell(ett, 17, 4)["row_label"] == "ETTh2 / 96"
    assert cell(ett, 2, 2)["text"] == "0.333"  # \second is not defined in the excerpt: its text is kept


# --------------------------------------------------------------------------- the grammar on invented snippets
def test_rules_line_spacing_escapes_and_comments():
    body = latex_source.strip_comments(
        "\\toprule\nModel & Acc. (\\%) & R\\&D \\\\[2pt] % a comment & 99 \\\\\n\\hline\nA & 50\\% & x \\\\\n"
        "\\cline{2-3} B & 1 & 2 \\\\ \\bottomrule"
    )
    cells = grid(body)
    assert list(cells[cells["row"] == 0]["text"]) == ["Model", "Acc. (%)", "R&D"]
    assert list(cells[cells["row"] == 1]["text"]) == ["A", "50%", "x"]
    assert cells["row"].max() == 2 and list(cells["header"]) == [True] * 3 + [False] * 6


def test_nested_spans_and_negative_multirow():
    cells = grid(
        "\\multicolumn{2}{c}{\\multirow{2}{*}{Both}} & C \\\\ & & D \\\\ \\midrule "
        "& 1 & 2 \\\\ \\multirow{-2}{*}{G} & 3 & 4 \\\\"
    )
    both = cells[cells["text"] == "Both"].iloc[0]
    assert (both["row"], both["col"], both["colspan"], both["rowspan"]) == (0, 0, 2, 2)
    group = cells[cells["text"] == "G"].iloc[0]
    assert (group["row"], group["rowspan"]) == (2, 2)  # moved up to the first row it covers
    assert len(cells[(cells["col"] == 0) & (cells["row"] == 3)]) == 0


def test_cell_marks_math_and_declarations():
    assert render("{\\bf 87.7}$^\\ddagger$").__dict__ | {} == {
        "text": "87.7",
        "bold": True,
        "underline": False,
        "italic": False,
        "cites": [],
        "marks": ["‡"],
    }
    assert render("87.7 $\\pm$ 0.2").text == "87.7 ± 0.2"
    assert render("$82.3_{\\pm 1.2}$").text == "82.3 ± 1.2"
    assert render("Ours\\textsuperscript{*}").marks == ["*"]
    assert render("45.6\\tnote{a}").marks == ["a"]
    assert render("BERT\\footnote{large}").marks == ["footnote"]
    assert render("\\citet[see][p.~2]{devlin2019, liu2019}").cites == ["devlin2019", "liu2019"]
    assert render("\\textcolor{red}{\\underline{1.0}}").underline
    assert render("$10^{-4}$").text == "10^-4"  # an exponent is not a note sign


def test_tabular_variants_and_a_cell_holding_a_tabular(tmp_path):
    source = tmp_path / "p.tex"
    source.write_text(
        "\\documentclass{article}\\begin{document}\n"
        "\\begin{table}\\caption{One}\\begin{tabular*}{\\linewidth}[t]{@{\\extracolsep{\\fill}}lc}\n"
        "M & \\begin{tabular}[c]{@{}c@{}}Top-1\\\\(\\%)\\end{tabular} \\\\ \\hline X & 1 \\\\ \\end{tabular*}"
        "\\end{table}\n"
        "\\begin{table*}\\caption{Two}\\begin{tabularx}{\\textwidth}{lX}M & F1 \\\\ \\midrule Y & 2\\end{tabularx}"
        "\\begin{tabular}{ll}a & b\\\\c & 3\\end{tabular}\\end{table*}\n\\end{document}\n"
    )
    tables = read_latex(source).tables
    assert sorted(tables["table_id"].unique()) == ["Table 1", "Table 2 (a)", "Table 2 (b)"]
    assert cell(table_of(tables, "Table 1"), 0, 1)["text"] == "Top-1 (%)"
    assert cell(table_of(tables, "Table 2 (a)"), 1, 1)["col_label"] == "F1"


def table_of(tables: pd.DataFrame, table_id: str) -> pd.DataFrame:
    return tables[tables["table_id"] == table_id]


def test_a_long_table_parses():
    body = "\\toprule Model & A & B \\\\ \\midrule\n" + "".join(
        f"M{i}~\\cite{{k{i}}} & \\textbf{{{i}.5}} & ${i} \\pm 0.1$ \\\\\n" for i in range(2000)
    )
    cells = grid(body + "\\bottomrule")
    assert cells["row"].max() == 2000 and len(cells) == 3 * 2001
    assert cells.iloc[-2]["text"] == "1999.5" and cells.iloc[-1]["text"] == "1999 ± 0.1"


# --------------------------------------------------------------------------- macros
def test_macros_with_arguments_defaults_and_redefinition():
    text = (
        "\\newcommand{\\best}[1]{\\textbf{#1}}\\newcommand\\second[1]{\\underline{#1}}"
        "\\newcommand{\\pair}[2][x]{#1:#2}\\def\\na{--}\\newcommand{\\ours}{Ours}\\renewcommand{\\ours}{OURS}"
        "\\best{1} \\second{2} \\pair{y} \\pair[z]{y} \\na{} \\ours"
    )
    assert expand_macros(text) == "\\textbf{1} \\underline{2} x:y z:y --{} OURS"
    assert render(expand_macros("\\newcommand{\\best}[1]{{\\bf #1}}\\best{87.7}")).bold


def test_a_macro_that_never_ends_is_an_error_naming_the_file(tmp_path):
    source = tmp_path / "loop.tex"
    source.write_text("\\documentclass{article}\\newcommand{\\again}{\\again x}\\begin{document}\\again\\end{document}")
    with pytest.raises(LoadError, match="loop.tex.*(nested too deep|does not end)"):
        read_latex(source)


# --------------------------------------------------------------------------- e-prints and folders
def _tar(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


MAIN = (
    b"\\documentclass{article}\n\\newcommand{\\best}[1]{\\textbf{#1}}\n\\title{A Tiny Paper}\n\\begin{document}\n"
    b"\\begin{abstract}We get 87.7\\% top-1.\\end{abstract}\n\\section{Experiments}\nSee Table 1.\n"
    b"\\input{tables/main}\n\\include{tables/again}\n\\end{document}\n"
)
TABLE = (
    b"\\begin{table}\\caption{Main results.}\\label{tab:main}\n\\begin{tabular}{lc}\n\\toprule Model & Top-1 \\\\\n"
    b"\\midrule ResNet~\\cite{he} & 76.1 \\\\ Ours & \\best{87.7} \\\\ \\bottomrule\\end{tabular}\\end{table}\n"
)


def test_eprint_archive_follows_inputs(tmp_path):
    archive = tmp_path / "2101.00001.tar.gz"
    archive.write_bytes(
        _tar({"ms.tex": MAIN, "tables/main.tex": TABLE, "tables/again.tex": b"\\input{tables/again}", "x.png": b"\x89"})
    )
    errors: list[LoadError] = []
    paper = read_latex(archive, errors)
    assert (paper.paper_id, paper.title, paper.abstract) == ("2101.00001", "A Tiny Paper", "We get 87.7% top-1.")
    ours = paper.tables[paper.tables["row_label"] == "Ours"].iloc[0]
    assert (ours["text"], ours["bold"], ours["col_label"], ours["table_id"]) == ("87.7", True, "Top-1", "Table 1")
    assert ours["source"] == f"{archive}:tables/main.tex"
    assert [str(error) for error in errors] == [
        f"{archive}: \\input{{tables/again}} in tables/again.tex not followed: it includes itself"
    ]
    assert paper.sections.set_index("section").loc["1 Experiments", "text"] == "See Table 1."


def test_archive_member_names_cannot_escape(tmp_path):
    archive = tmp_path / "evil.tar.gz"
    archive.write_bytes(_tar({"../../outside.tex": b"\\documentclass{article}", "/etc/abs.tex": b"x", "a/b.tex": b""}))
    with pytest.raises(LoadError, match="evil.tar.gz: no file has \\\\documentclass"):
        read_latex(archive)
    assert not (tmp_path.parent / "outside.tex").exists()


def test_single_gzipped_tex_and_size_limits(tmp_path, monkeypatch):
    gz = tmp_path / "2101.00002.gz"
    gz.write_bytes(gzip.compress(MAIN.replace(b"\\input{tables/main}", TABLE)))
    assert read_latex(gz, []).tables["text"].tolist()[-1] == "87.7"
    monkeypatch.setattr(latex_source, "MAX_FILE_BYTES", 100)
    with pytest.raises(LoadError, match="2101.00002.gz: the gzipped .tex unpacks to more than 100 bytes"):
        read_latex(gz)


def test_folder_without_a_main_file_is_an_error(tmp_path):
    (tmp_path / "part.tex").write_text("\\section{A} text")
    with pytest.raises(LoadError, match="no file has \\\\documentclass"):
        read_latex(tmp_path)


def test_a_broken_table_is_skipped_with_its_reason_and_the_rest_is_read(tmp_path):
    source = tmp_path / "broken.tex"
    source.write_text(
        "\\documentclass{article}\\begin{document}"
        "\\begin{table}\\caption{Bad}\\begin{tabular}{lc} A & } 1 \\\\ \\end{tabular}\\end{table}"
        "\\begin{table}\\caption{Good}\\begin{tabular}{lc} A & B \\\\ C & 1 \\\\ \\end{tabular}\\end{table}"
        "\\end{document}"
    )
    errors: list[LoadError] = []
    paper = read_latex(source, errors)
    assert list(paper.tables["table_id"].unique()) == ["Table 2"]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{source}: Table 1 skipped: the tabular does not parse")
    with pytest.warns(UserWarning, match="Table 1 skipped"):
        read_latex(source)


# --------------------------------------------------------------------------- label_cells, format-independent
def test_label_cells_from_a_bare_grid():
    rows = [
        # row, col, text, header, rowspan, colspan, row_label
        (0, 0, "Model", True, 2, 1, None),
        (0, 1, "COCO", True, 1, 2, None),
        (1, 1, "AP", True, 1, 1, None),
        (1, 2, "AP50", True, 1, 1, None),
        (2, 0, "Detectors", False, 1, 3, None),
        (3, 0, "R-50", False, 2, 1, None),
        (3, 1, "40.1", False, 1, 1, None),
        (3, 2, "60.2", False, 1, 1, "stated"),
        (4, 1, "41.0", False, 1, 1, None),
    ]
    frame = pd.DataFrame(
        [
            {"paper_id": "p", "table_id": "Table 1", "row": r, "col": c, "text": t, "header": h, "rowspan": rs}
            | {"colspan": cs, "row_label": rl, "col_label": None}
            for r, c, t, h, rs, cs, rl in rows
        ]
    )
    labelled = label_cells(frame).set_index(["row", "col"])
    assert labelled.loc[(3, 1), ["row_label", "col_label"]].tolist() == ["Detectors / R-50", "COCO / AP"]
    assert labelled.loc[(4, 1), ["row_label", "col_label"]].tolist() == ["Detectors / R-50", "COCO / AP"]
    assert labelled.loc[(3, 2), "row_label"] == "stated"  # a label the format states is kept
    assert labelled.loc[(3, 2), "col_label"] == "COCO / AP50"
    assert pd.isna(labelled.loc[(0, 1), "col_label"])  # header cells are not labelled
    repeated = label_cells(frame.set_axis([7] * len(frame)))  # the caller's index, even repeated, is kept
    assert list(repeated.index) == [7] * len(frame)
    assert repeated["row_label"].tolist() == label_cells(frame)["row_label"].tolist()


def test_garbage_archive_and_absurd_nesting_are_reasons_not_crashes(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x1f\x8b" + b"not really gzip" * 10)
    with pytest.raises(LoadError, match="junk.tar.gz: neither a tar archive nor a gzipped .tex"):
        read_latex(junk)
    deep = tmp_path / "deep.tex"
    deep.write_text(
        "\\documentclass{article}\\input sections/t\\begin{document}\\begin{table}\\caption{Deep}\\begin{tabular}{l}"
        + "{" * 300
        + "x"
        + "}" * 300
        + "\\\\\\end{tabular}\\end{table}\\end{document}"
    )
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "t.tex").write_text("\\newcommand{\\ours}{Ours}")
    errors: list[LoadError] = []
    assert read_latex(deep, errors).tables.empty
    assert [str(error) for error in errors] == [f"{deep}: Table 1 skipped: groups nested deeper than 200"]


def test_accepts_and_old_multirow_syntax(tmp_path):
    from claims.tables import html, latex

    assert latex.accepts(FIXTURES / "cbramod") and latex.accepts(tmp_path / "2101.00001.tar.gz")
    assert latex.accepts(tmp_path / "2101.00002v3.gz") and latex.accepts(tmp_path / "paper.gz")
    assert not latex.accepts(tmp_path / "paper.tei.xml") and not latex.accepts(tmp_path / "x.json.gz")
    assert not latex.accepts(tmp_path / "results.csv.gz")
    assert html.accepts(FIXTURES.parent / "html" / "pe3r_excerpt.html")
    assert not html.accepts(FIXTURES / "cbramod" / "main.tex")
    cells = grid("A & B \\\\ \\hline \\multirow{2}*{G} & 1 \\\\ & 2 \\\\")
    assert cells[cells["text"] == "G"]["rowspan"].tolist() == [2]


_PIECES = [
    "&", "\\\\", "{", "}", "$", "\\pm", "\\textbf{", "\\multicolumn{2}{c}{", "\\multirow{-3}{*}{", "\\cite{",
    "\\midrule", "\\cline{1-2}", "%", "\\%", "\\&", "87.7", "Ours", " ", "\n", "\\best{", "^", "_", "\\def\\x#1",
    "\\begin{tabular}{c}", "\\end{tabular}", "[2pt]", "\\newcommand{\\best}[1]{\\textbf{#1}}", "\\input{t}",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_any_markup_in_a_table_reads_or_gives_a_reason(tmp_path_factory, pieces):
    """Whatever a table holds, reading ends with cells or reasons: never another exception, never a hang."""
    source = tmp_path_factory.mktemp("fuzz") / "t.tex"
    source.write_text(
        "\\documentclass{article}\\begin{document}\\begin{table}\\caption{F}\\begin{tabular}{ll}"
        + "".join(pieces)
        + "\\end{tabular}\\end{table}\\end{document}"
    )
    errors: list[LoadError] = []
    try:
        paper = read_latex(source, errors)
    except LoadError as error:
        assert str(error).startswith(str(source))
        return
    assert all(str(error).startswith(str(source)) for error in errors)
    assert list(paper.tables.columns[: len(TABLE_COLUMNS)]) == TABLE_COLUMNS


def test_truncated_eprint_and_unreadable_file_are_reasons(tmp_path):
    whole = _tar({"ms.tex": MAIN, "tables/main.tex": TABLE * 50})
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(LoadError, match="cut.tar.gz: "):
        read_latex(cut)
    with pytest.raises(LoadError, match="missing.tex: cannot read"):
        read_latex(tmp_path / "missing.tex")


def test_iffalse_blocks_are_switched_off():
    text = "A \\iffalse \\begin{table}old\\ifx\\a\\b x\\fi\\end{table} \\else B \\fi C \\iffalse D \\fi E"
    assert latex_source.strip_comments(text) == "A  B  C  E"
    assert latex_source.strip_comments("keep \\iffalse never closed") == "keep "
