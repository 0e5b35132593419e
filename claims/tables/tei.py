"""Reader of GROBID TEI XML: title, abstract, sections (each `<div>` of the body under its `<head>`) and
the tables GROBID gives as `<figure type="table">` with `<row>`/`<cell>` (older GROBID versions leave the
table as text: such a table gives no cells, its caption is still read).

The XML is parsed with the standard library (no entity expansion beyond XML's own); a file that is not TEI
raises LoadError naming it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from claims.ingest.loaders import LoadError
from claims.tables.frame import FullPaper, cells_frame, label_cells
from claims.tables.pdfjson import frames, paper_id_of

_NS = {"tei": "http://www.tei-c.org/ns/1.0"}
_TABLE_NUMBER = re.compile(r"\b(?:Table|TABLE)\s+([0-9IVX]+)")


def _text(element: ET.Element | None) -> str:
    """An element's text with its children's, whitespace folded."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _sections(body: ET.Element | None, paper_id: str, source: str) -> list[dict]:
    rows = []
    for div in body.findall("tei:div", _NS) if body is not None else []:
        head = div.find("tei:head", _NS)
        name = _text(head)
        if head is not None and head.get("n"):
            name = f"{head.get('n')} {name}"
        paragraphs = [_text(p) for p in div.findall("tei:p", _NS)]
        text = "\n".join(p for p in paragraphs if p)
        if text:
            rows.append({"paper_id": paper_id, "section": name, "text": text, "source": source})
    return rows


def _table_cells(figure: ET.Element, index: int, paper_id: str, source: str) -> list[dict]:
    caption = " ".join(
        part for part in (_text(figure.find("tei:head", _NS)), _text(figure.find("tei:figDesc", _NS))) if part
    )
    number = _TABLE_NUMBER.search(caption) or re.match(r"([0-9IVX]+)$", _text(figure.find("tei:label", _NS)))
    table_id = f"Table {number.group(1)}" if number else f"table {index + 1}"
    cells = []
    for r, row in enumerate(figure.iter(f"{{{_NS['tei']}}}row")):
        header = row.get("role") == "label"
        c = 0
        for cell in row.findall("tei:cell", _NS):
            span = int(cell.get("cols") or 1) if (cell.get("cols") or "1").isdigit() else 1
            rows = int(cell.get("rows") or 1) if (cell.get("rows") or "1").isdigit() else 1
            bold = any(hi.get("rend") == "bold" for hi in cell.iter(f"{{{_NS['tei']}}}hi"))
            cells.append(
                {
                    "paper_id": paper_id, "table_id": table_id, "caption": caption, "row": r, "col": c,
                    "text": _text(cell), "header": header or cell.get("role") == "label", "bold": bold,
                    "underline": False, "rowspan": rows, "colspan": span, "row_label": None, "col_label": None,
                    "source": source,
                }
            )  # fmt: skip
            c += span
    return cells


def read_tei(path: Path) -> FullPaper:
    """One paper from a GROBID TEI file."""
    source = str(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise LoadError(source, f"not a TEI XML file: {err}") from None
    if not root.tag.endswith("TEI"):
        raise LoadError(source, f"not a TEI XML file: root element is <{root.tag}>")
    paper_id = paper_id_of(path)
    title = _text(root.find(".//tei:titleStmt/tei:title", _NS)) or None
    abstract = _text(root.find(".//tei:profileDesc/tei:abstract", _NS)) or None
    body = root.find(".//tei:text/tei:body", _NS)
    sections = _sections(body, paper_id, source)
    cells = []
    for index, figure in enumerate(root.iter(f"{{{_NS['tei']}}}figure")):
        if figure.get("type") == "table":
            cells.extend(_table_cells(figure, index, paper_id, source))
    tables, sections_ = frames(None, sections)
    if cells:  # a grid: its headers give each body cell's row and column labels, as for LaTeX and HTML tables
        tables = label_cells(cells_frame(cells))
    return FullPaper(paper_id, source, title, abstract, tables, sections_)
