"""The two frames every full-paper reader gives: table cells and text sections.

A cell is kept with where it stands (table, row, column, spans) and how it is
marked (header, bold, underline), so that a claim read from it can name its
source cell; `row_label` and `col_label` are the header texts that govern it
(joined with " / " from the outermost header in), filled by the reader where
the format states them (PDF-table JSON) or by `label_cells` from the grid.
"""

from __future__ import annotations

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
