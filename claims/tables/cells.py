"""Table cells -> claims: each body cell of a results table that states a score becomes one row of the
claims table (kind score), with the table's provenance where an abstract claim has its sentence's.

The claim's `sentence` is the caption followed by the cell's place, "[row: R | column: C | cell: 97.55]",
and `start`/`end` point at the cell's text in it, so that `sentence[start:end] == value_text` as for every
claim. Extra columns (`FULL_PAPER_COLUMNS`): `origin` ("table"), `table_id`, `row`, `col`, `own` (the
row is the paper's own model), `role` (own, baseline: a cited row, other), `dataset_from` (header,
caption, task or paper: where the dataset was read), `bold`, `split_kind` ("dev" off the test set).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from claims.extraction.normalize import normalize_units
from claims.extraction.setting import add_settings, task_of
from claims.tables.frame import FullPaper
from claims.tables.understand import (
    Cast,
    CellMeaning,
    cast_of,
    is_results_table,
    meaning,
    merged_order,
    parse_cell,
    says,
)

# provenance and reading of a claim that came from a full paper, beside claims.extraction.extract.CLAIM_COLUMNS
FULL_PAPER_COLUMNS = ["origin", "table_id", "row", "col", "own", "role", "dataset_from", "bold", "split_kind"]


def cell_sentence(caption: str, row_label: str, col_label: str, text: str) -> tuple[str, int, int]:
    """The claim's sentence for a cell, and the span of the cell's number in it."""
    head = f"{caption} [row: {row_label} | column: {col_label} | cell: "
    return f"{head}{text}]", len(head), len(head) + len(text)


def _model_name(found: CellMeaning, cast: Cast) -> str | None:
    """The row's model; the paper's own rows ("Ours", "our model") are its system, where the paper names it."""
    return (cast.system if found.role == "own" and cast.system else found.model) or None


def _task(found: CellMeaning, caption: str, paper: FullPaper) -> str | None:
    """The board's task: the benchmark's, narrowed by the metric and the words of the caption and title (not
    of the headers, whose abbreviations name other things)."""
    if not (found.dataset and found.metric) or found.role not in ("own", "baseline"):
        return None
    return task_of(found.dataset, found.metric, caption, paper.title or "")


def _table_rows(paper: FullPaper, cast: Cast, cells: list[dict]) -> list[dict]:
    """The claims of one table's cells (plain dicts: a table is read without a DataFrame per cell)."""
    caption = str(cells[0]["caption"] or "")
    if not is_results_table(caption, cells):
        return []
    read = []
    for cell in cells:
        parsed = None if cell["header"] or captioned_header(str(cell["col_label"] or "")) else parse_cell(cell["text"])
        if parsed is None:
            continue
        found = meaning(str(cell["row_label"] or ""), str(cell["col_label"] or ""), caption, cast)
        if found.role != "none":
            read.append((cell, parsed, found))
    read = _merged_metrics(read)
    roles = bold_own_roles(
        [found.role for _, _, found in read],
        [bool(cell["bold"]) for cell, _, _ in read],
        caption_marks_bold_own(caption),
    )
    rows = []
    for (cell, (number_text, number, unit), found), role in zip(read, roles, strict=True):
        found = replace(found, role=role)
        row_label, col_label = str(cell["row_label"] or ""), str(cell["col_label"] or "")
        sentence, start, _ = cell_sentence(caption, row_label, col_label, str(cell["text"]).strip())
        rows.append(
            {
                "paper_id": paper.paper_id, "title": paper.title or paper.paper_id, "value_text": number_text,
                "number": number, "unit_text": unit, "kind": "score", "direction": None, "bound": "=",
                "metric": found.metric, "dataset": found.dataset, "model": _model_name(found, cast),
                "baseline": None, "task": _task(found, caption, paper), "context": None, "sentence": sentence,
                "start": start, "end": start + len(number_text), "source": cell["source"], "origin": "table",
                "table_id": cell["table_id"], "row": int(cell["row"]), "col": int(cell["col"]),
                "own": found.role == "own", "role": found.role, "dataset_from": found.dataset_from,
                "bold": bool(cell["bold"]), "split_kind": found.split,
            }
        )  # fmt: skip
    return rows


def _merged_metrics(read: list[tuple]) -> list[tuple]:
    """Cells of a row under one header naming several metrics ("Rouge-1 Rouge-2 Rouge-L": PDF extraction
    merged the columns' headers), as many as it names, each in its metric by the order their values keep
    (`merged_order`); other cells as read."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (cell, _, _) in enumerate(read):
        groups.setdefault((str(cell["row_label"] or ""), str(cell["col_label"] or "")), []).append(i)
    read = list(read)
    for (_, col_label), members in groups.items():
        order = merged_order(col_label, len(members))
        if order is None:
            continue
        ranked = sorted(members, key=lambda i: read[i][1][1], reverse=True)
        for i, metric in zip(ranked, order, strict=True):
            cell, parsed, found = read[i]
            read[i] = (cell, parsed, replace(found, metric=metric))
    return read


_CAPTION_HEAD = re.compile(r"\bTable\s*\d+\s*:")


def captioned_header(col_label: str) -> bool:
    """A column header holding a caption ("Table 1 : Quantitative results ..."): PDF extraction took the
    caption's line for the header of numbers it could not place, often another table's: the cell's column,
    and so its metric, is unknown."""
    return bool(_CAPTION_HEAD.search(col_label))


def caption_marks_bold_own(caption: str) -> bool:
    """A caption presenting the paper's own models ("Test error of our models"), or saying the rows it compares
    with are other papers' results ("The first six rows are taken from ..."): its bold uncited row is the
    paper's."""
    return says(caption, "caption", "own") or says(caption, "caption", "cites_others")


def bold_own_roles(roles: list[str], bold: list[bool], captioned_own: bool = False) -> list[str]:
    """Roles of a table's cells, with a bold value of an uncited row the paper's own where the table names no
    row of its own but compares with cited work or its caption marks bold rows own (`caption_marks_bold_own`):
    a paper marks its best in bold, and the rows it compares with cite their papers."""
    if "own" in roles or not ("baseline" in roles or captioned_own):
        return roles
    return ["own" if role == "other" and is_bold else role for role, is_bold in zip(roles, bold, strict=True)]


def table_rows(paper: FullPaper, cast: Cast | None = None) -> list[dict]:
    """Raw claims (numbers not yet normalized) of every score a paper's results tables state."""
    if paper.tables.empty:
        return []
    cast = cast or cast_of(paper)
    tables: dict[tuple[str, str], list[dict]] = {}
    columns = list(paper.tables.columns)
    for values in zip(*(paper.tables[c].tolist() for c in columns), strict=True):  # 10x to_dict("records")
        cell = dict(zip(columns, values, strict=True))
        tables.setdefault((str(cell["source"]), str(cell["table_id"])), []).append(cell)
    return [row for cells in tables.values() for row in _table_rows(paper, cast, cells)]


def claims_of_rows(rows: list[dict]) -> pd.DataFrame:
    """Raw claims of any number of papers -> claims, units normalized, and the task and settings read for
    those a board can take (a model's row, a metric and a benchmark: reading the others' settings costs
    more than all the rest). In one pass: the steps cost per call more than per row."""
    if not rows:
        return pd.DataFrame()
    claims = normalize_units(pd.DataFrame(rows))
    boardable = claims["role"].isin(["own", "baseline"]) & claims["metric"].notna() & claims["dataset"].notna()
    if not boardable.any():
        return claims
    read = add_settings(claims[boardable].reset_index(drop=True))
    claims.loc[boardable, ["task", "context"]] = read[["task", "context"]].to_numpy()
    return claims


def table_claims(paper: FullPaper, cast: Cast | None = None) -> pd.DataFrame:
    """Every score a paper's results tables state, as claims with FULL_PAPER_COLUMNS."""
    return claims_of_rows(table_rows(paper, cast))
