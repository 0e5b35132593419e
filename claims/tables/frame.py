"""The two frames every full-paper reader gives: table cells and text sections.

A cell is kept with where it stands (table, row, column, spans) and how it is
marked (header, bold, underline), so that a claim read from it can name its
source cell; `row_label` and `col_label` are the header texts that govern it
(joined with " / " from the outermost header in), filled by the reader where
the format states them (PDF-table JSON) or by `label_cells` from the grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd

TABLE_COLUMNS = [
    "paper_id",  # the paper, as the papers table names it
    "table_id",  # "Table 2", or the reader's own id when the caption has no number
    "caption",
    "row",  # 0-based position in the table's grid
    "col",
    "text",  # the cell as written (markup removed, marks kept in the flags below)
    "header",  # True for a header cell, False for a body cell
    "bold",
    "underline",
    "rowspan",
    "colspan",
    "row_label",  # header texts governing the cell's row, outermost first, " / "-joined
    "col_label",  # header texts governing the cell's column, outermost first, " / "-joined
    "source",  # the file the table was read from
]

# Columns the LaTeX and HTML readers add after TABLE_COLUMNS: what the markup says beyond the text.
MARK_COLUMNS = [
    "table_label",  # the table's LaTeX label ("tab:main") or HTML id ("S4.T2"), to link text references to it
    "cites",  # citation keys written in the cell, comma-joined ("" when none): a row that cites is a baseline
    "marks",  # note signs written on the cell ("*", "†", a \\tnote letter), comma-joined
]

SECTION_COLUMNS = [
    "paper_id",
    "section",  # the section's heading as written ("4 Experiments"), "abstract" for the abstract
    "text",
    "source",
]


def empty_tables() -> pd.DataFrame:
    """A tables frame with no cells, of the right columns."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in TABLE_COLUMNS})


def empty_sections() -> pd.DataFrame:
    """A sections frame with no text, of the right columns."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in SECTION_COLUMNS})


def cells_frame(records: list[dict]) -> pd.DataFrame:
    """A tables frame of cell records, TABLE_COLUMNS then MARK_COLUMNS; empty but well-formed without records."""
    if not records:
        frame = empty_tables()
        for column in MARK_COLUMNS:
            frame[column] = pd.Series(dtype=object)
        return frame
    return pd.DataFrame.from_records(records, columns=TABLE_COLUMNS + MARK_COLUMNS)


def sections_frame(records: list[dict]) -> pd.DataFrame:
    """A sections frame of section records, empty but well-formed without records."""
    return pd.DataFrame.from_records(records, columns=SECTION_COLUMNS) if records else empty_sections()


@dataclass
class FullPaper:
    """What a full-paper reader gives for one paper: its identity, abstract, tables and sections."""

    paper_id: str  # the file's stem without its extensions ("1603.01354" for tei/1603.01354.tei.xml)
    source: str  # the file or folder read
    title: str | None = None
    abstract: str | None = None
    tables: pd.DataFrame = field(default_factory=empty_tables)
    sections: pd.DataFrame = field(default_factory=empty_sections)


class PaperReader(Protocol):
    """A reader of one input format: `claims.tables.latex.read_latex`, `...html.read_html`, `...tei.read_tei`, ..."""

    def __call__(self, path: Path) -> FullPaper: ...


# --------------------------------------------------------------------------- labels from the grid
_NEUTRAL = {"", "-", "--", "---", "–", "—", "n/a", "N/A", "NA", "na", "x", "✗", "✓", "?"}


def label_cells(tables: pd.DataFrame) -> pd.DataFrame:
    """`tables` with `row_label` and `col_label` of body cells filled from the grid where the reader left them empty.

    Header rows above give a cell's column label, outermost first, following colspans;
    the leading label columns give its row label, following rowspans, after the group
    row (a row holding one label alone, "Supervised models") it sits under. Labels
    a format states (PDF-table JSON) are kept as they are.
    """
    out = tables.copy()
    if out.empty:
        return out
    work = out.reset_index(drop=True)  # positions, so that any index of the caller's (even repeated) is kept
    found = {}
    for _, table in work.groupby(["paper_id", "table_id"], sort=False, dropna=False):
        found.update(_table_labels(table))
    for column, position in (("row_label", 0), ("col_label", 1)):
        stated = work[column].notna() & (work[column].astype(str) != "")
        fills = pd.Series({index: labels[position] for index, labels in found.items()}, dtype=object)
        out[column] = work[column].astype(object).where(stated, fills.reindex(work.index)).to_numpy()
    return out


def _table_labels(table: pd.DataFrame) -> dict[object, tuple[str | None, str | None]]:
    """Row and column labels of each body cell of one table, keyed by the frame's index."""
    columns = ["row", "col", "rowspan", "colspan", "text", "header"]
    cells = [_GridCell(index, *values) for index, *values in table[columns].itertuples(name=None)]
    width = max((cell.col + cell.colspan for cell in cells), default=0)
    at = {position: cell for cell in cells for position in cell.positions()}
    header = sorted((cell for cell in cells if cell.header), key=lambda cell: (cell.row, cell.col))
    body = [cell for cell in cells if not cell.header]
    label_columns = max(_label_columns(body, width), _headed_label_columns(header, width))
    groups = _group_rows(body, width)
    carried = _carried_labels(body, at, label_columns, groups)
    labels: dict[object, tuple[str | None, str | None]] = {}
    for cell in body:
        group = next((text for row, text in groups if row <= cell.row), None)
        if any(row == cell.row for row, _ in groups):
            labels[cell.index] = (None, None)  # the group row is a label itself
            continue
        left = [carried.get((cell.row, col)) for col in range(min(cell.col, label_columns))]
        above = [other for other in header if other.col <= cell.col < other.col + other.colspan]
        labels[cell.index] = (_join([group, *left]), _join([other.text for other in above]))
    return labels


def _headed_label_columns(header: list[_GridCell], width: int) -> int:
    """The columns under the top-left heading ("Models" over two columns) are label columns, whatever they hold."""
    return min(max((cell.colspan for cell in header if cell.col == 0 and cell.text), default=0), max(width - 1, 0))


def _carried_labels(
    body: list[_GridCell], at: dict[tuple[int, int], _GridCell], columns: int, groups: list[tuple[int, str]]
) -> dict[tuple[int, int], str]:
    """The label at each (row, label column): its own cell's, else the one above (a blank repeats it) in its group."""
    group_rows = {row for row, _ in groups}
    carried: dict[tuple[int, int], str] = {}
    for row in sorted({cell.row for cell in body}):
        for col in range(columns):
            cell = at.get((row, col))
            if cell is not None and cell.text and not cell.header:
                carried[(row, col)] = cell.text
            elif row not in group_rows and (row - 1, col) in carried and row - 1 not in group_rows:
                carried[(row, col)] = carried[(row - 1, col)]
    return carried


class _GridCell:
    """A cell of the frame with its grid place, read once."""

    def __init__(
        self, index: object, row: int, col: int, rowspan: object, colspan: object, text: object, header: object
    ):
        self.index = index
        self.row, self.col = int(row), int(col)
        self.rowspan = max(int(rowspan) if pd.notna(rowspan) else 1, 1)
        self.colspan = max(int(colspan) if pd.notna(colspan) else 1, 1)
        self.text = "" if pd.isna(text) else str(text).strip()
        self.header = bool(header) if pd.notna(header) else False

    def positions(self) -> list[tuple[int, int]]:
        """Every grid position the cell covers."""
        return [
            (row, col)
            for row in range(self.row, self.row + self.rowspan)
            for col in range(self.col, self.col + self.colspan)
        ]


_VALUE = re.compile(r"^[\s(\[+\-−~≈<>≤≥±]*\.?\d")


def is_value(text: str) -> bool:
    """A cell that states a number ("87.7", ".41/.90", "-0.4", "(12.1)"), not a label ("R-50", "T5")."""
    return bool(_VALUE.match(text))


def more_header_rows(rows: list[list[str]], end: int, spanning: bool) -> int:
    """Where the header ends: under a spanning header, rows of several labels and no value are header too.

    `rows` are the texts of each row's cells, `end` the first row the format's own
    marks (a rule, a `thead`) put below the header.
    """
    while spanning and end < len(rows) - 1:
        texts = [text for text in rows[end] if text]
        if len(texts) < 2 or any(is_value(text) for text in texts):
            break
        end += 1
    return end


def _label_columns(body: list[_GridCell], width: int) -> int:
    """How many leading columns hold labels (mostly words), not values."""
    count = 0
    while count < width - 1:
        texts = [cell.text for cell in body if cell.col == count and cell.colspan < width]
        texts = [text for text in texts if text not in _NEUTRAL]
        if not texts or sum(map(is_value, texts)) * 2 >= len(texts):
            break
        count += 1
    return count


def _group_rows(body: list[_GridCell], width: int) -> list[tuple[int, str]]:
    """Rows holding one label alone (across the table, or in the first column with nothing beside it), last first."""
    by_row: dict[int, list[_GridCell]] = {}
    for cell in body:
        if cell.text:
            by_row.setdefault(cell.row, []).append(cell)
    groups = [
        (row, cells[0].text)
        for row, cells in by_row.items()
        if len(cells) == 1
        and not is_value(cells[0].text)
        and (cells[0].colspan >= width or (cells[0].col == 0 and cells[0].rowspan == 1 and width > 2))
    ]
    return sorted(groups, reverse=True)


def _join(parts: list[str | None]) -> str | None:
    kept: list[str] = []
    for part in parts:
        if part and part not in kept:
            kept.append(part)
    return " / ".join(kept) or None


def spread_row_cites(tables: pd.DataFrame) -> pd.DataFrame:
    """`cites` of each body cell joined with the citations its row's labels carry ("ResNet~\\cite{he}" | 76.1).

    A row whose label cites a paper is a baseline restated from it: every value of
    the row says so, not only the label cell.
    """
    out = tables.copy()
    if out.empty or "cites" not in out:
        return out
    body = ~out["header"].astype(bool)
    labels = body & ~out["text"].fillna("").map(is_value)
    frame = zip(out["paper_id"], out["table_id"], out["row"], out["cites"].fillna(""), labels, body, strict=True)
    cells = list(frame)
    rows: dict[tuple, list[str]] = {}
    for paper, table_id, row, own, is_label, _ in cells:
        if is_label and own:
            rows.setdefault((paper, table_id, row), []).append(own)
    spread = [
        ",".join(dict.fromkeys(k for k in ",".join([own, *rows.get((p, t, r), [])]).split(",") if k))
        if in_body
        else own
        for p, t, r, own, _, in_body in cells
    ]
    out["cites"] = spread
    return out


def _union(joined: list[str]) -> str:
    """Comma-joined keys, each once, in order."""
    return ",".join(dict.fromkeys(key for part in joined for key in part.split(",") if key))
