"""Reader of the PDF-table JSON of NLP-TDMS (`tables/<paper>.json`): a list of tables, each with a caption
and `numberCells`, every number with the row and column headers the PDF extractor associated to it and
whether it is bold.

The format states no grid, so a cell's `row` and `col` are the order in which its row labels and column
labels first appear in the table; `row_label`/`col_label` are the associated headers joined with " / ",
spanning column headers (`associatedMergedColumns`) first. The caption field often holds the table's text
before its "Table N:" caption: only the caption proper is kept.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from claims.ingest.loaders import LoadError
from claims.tables.frame import SECTION_COLUMNS, TABLE_COLUMNS, FullPaper, empty_sections, empty_tables

# "Table 3: ...", "Table 3. ...", "TABLE III ...": the last one in the field is the caption proper
_CAPTION = re.compile(r"(?:^|\n)\s*(?P<caption>(?:Table|TABLE)\s+(?P<number>[0-9IVX]+)\s*[:.|]?.*)", re.S)


def paper_id_of(path: Path) -> str:
    """The paper's id: the file's name without its extensions ("1603.01354" for 1603.01354.tei.xml)."""
    name = path.name
    for suffix in (".tei.xml", ".json", ".txt", ".tex", ".html", ".xml", ".pdf"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


@lru_cache(maxsize=1)
def _empty() -> tuple[pd.DataFrame, pd.DataFrame]:
    return empty_tables(), empty_sections()


def frames(cells: list[dict] | None = None, sections: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(tables, sections) frames of these rows; empty ones are copies of one template (building an empty
    frame of typed columns costs more than reading a paper)."""
    tables = pd.DataFrame(cells, columns=TABLE_COLUMNS) if cells else _empty()[0].copy()
    return tables, pd.DataFrame(sections, columns=SECTION_COLUMNS) if sections else _empty()[1].copy()


def caption_of(text: str, index: int) -> tuple[str, str]:
    """(table id, caption): "Table N" and the text from it on, else the reader's own id and the whole text."""
    matches = list(_CAPTION.finditer(text or ""))
    if not matches:
        return f"table {index + 1}", " ".join((text or "").split())
    match = matches[-1]
    return f"Table {match.group('number')}", " ".join(match.group("caption").split())


def _labels(parts: object) -> list[str]:
    """Header texts as a list of non-empty, distinct strings, order kept."""
    if not isinstance(parts, list):
        return []
    cleaned = (" ".join(str(part).split()) for part in parts if part is not None)
    return list(dict.fromkeys(part for part in cleaned if part))


def _cells(table: dict, table_id: str, caption: str, paper_id: str, source: str) -> list[dict]:
    rows: dict[str, int] = {}
    cols: dict[str, int] = {}
    out = []
    for cell in table.get("numberCells") or []:
        if not isinstance(cell, dict) or not str(cell.get("number") or "").strip():
            continue
        row_label = " / ".join(_labels(cell.get("associatedRows")))
        col_label = " / ".join(
            dict.fromkeys(_labels(cell.get("associatedMergedColumns")) + _labels(cell.get("associatedColumns")))
        )
        out.append(
            {
                "paper_id": paper_id,
                "table_id": table_id,
                "caption": caption,
                "row": rows.setdefault(row_label, len(rows)),
                "col": cols.setdefault(col_label, len(cols)),
                "text": str(cell["number"]).strip(),
                "header": False,
                "bold": bool(cell.get("isBolded")),
                "underline": False,
                "rowspan": 1,
                "colspan": 1,
                "row_label": row_label,
                "col_label": col_label,
                "source": source,
            }
        )
    return out


def read_pdfjson(path: Path) -> FullPaper:
    """The tables of one PDF-table JSON file; a file that is not that format raises LoadError naming it."""
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise LoadError(source, f"not a PDF-table JSON file: {type(err).__name__}: {err}") from None
    if not isinstance(data, list) or not all(isinstance(t, dict) and "numberCells" in t for t in data):
        raise LoadError(source, "not a PDF-table JSON file: expected a list of tables with numberCells")
    paper_id = paper_id_of(path)
    cells: list[dict] = []
    for index, table in enumerate(data):
        table_id, caption = caption_of(str(table.get("caption") or ""), index)
        cells.extend(_cells(table, table_id, caption, paper_id, source))
    tables, sections = frames(cells)
    return FullPaper(paper_id, source, tables=tables, sections=sections)
