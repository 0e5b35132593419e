"""Reader of arXiv / ar5iv HTML (LaTeXML output): title, abstract, sections and tables as cells.

LaTeXML writes a paper's tables as `<figure class="ltx_table">` holding a caption
and one or more `<table class="ltx_tabular">`; spans are `rowspan`/`colspan`, bold
is `ltx_font_bold`, underline `ltx_framed_underline`, math keeps its LaTeX in
`alttext` (read by the same renderer as LaTeX sources, so "$0.5\\pm0.1$" reads
"0.5 ± 0.1" in both). The page is parsed with the standard library's
`html.parser` into a small tree; nothing is fetched.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from claims.ingest.loaders import LoadError
from claims.tables.frame import (
    FullPaper,
    cells_frame,
    label_cells,
    more_header_rows,
    sections_frame,
    spread_row_cites,
)
from claims.tables.markup import render, split_marks, tidy, vocabulary

MAX_BYTES = 50_000_000
MAX_DEPTH = 400  # elements nested deeper are read as text of the element at this depth
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "source", "wbr", "area", "base", "embed", "track"}
_TABLE_NUMBER = re.compile(r"^\s*(Table\s+[A-Z]?\d+[a-z]?)\s*[:.|]?\s*")
_SECTIONS = {"ltx_section": 0, "ltx_subsection": 1, "ltx_subsubsection": 2, "ltx_appendix": 0}


@dataclass
class Node:
    """An element of the page: tag, attributes and children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        """The element's classes."""
        return set(self.attrs.get("class", "").split())

    def elements(self) -> list[Node]:
        """The child elements."""
        return [child for child in self.children if isinstance(child, Node)]

    def find_all(self, wanted, inside_match: bool = False):  # noqa: ANN001 - a predicate on Node
        """Elements below this one for which `wanted` holds, in document order (not below a match unless asked)."""
        stack = list(reversed(self.elements()))
        while stack:
            node = stack.pop()
            if wanted(node):
                yield node
                if not inside_match:
                    continue
            stack.extend(reversed(node.elements()))


class _TreeBuilder(HTMLParser):
    """Builds the tree; an end tag closes the nearest open element of its name, a stray one is ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    """The page's element tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# --------------------------------------------------------------------------- text of an element
@dataclass
class _Reading:
    """What a walk over an element found: text pieces with their style, citations, note marks."""

    pieces: list[tuple[str, tuple[bool, bool, bool]]] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)

    def text(self) -> str:
        return tidy("".join(piece for piece, _ in self.pieces))

    def flag(self, position: int) -> bool:
        return any(style[position] for piece, style in self.pieces if any(char.isalnum() for char in piece))


def _style(node: Node, style: tuple[bool, bool, bool]) -> tuple[bool, bool, bool]:
    classes, css = node.classes, node.attrs.get("style", "")
    bold = style[0] or "ltx_font_bold" in classes or node.tag in ("b", "strong") or "font-weight:bold" in css
    underline = style[1] or "ltx_framed_underline" in classes or node.tag == "u" or "underline" in css
    italic = style[2] or "ltx_font_italic" in classes or node.tag in ("i", "em")
    return bold, underline, italic


def _read(node: Node, reading: _Reading, style: tuple[bool, bool, bool] = (False, False, False)) -> _Reading:
    """Walk `node`, turning math into text through its LaTeX, citations and note signs into marks."""
    for child in node.children:
        if isinstance(child, str):
            reading.pieces.append((child, style))
        elif child.tag == "math":
            _read_math(child, reading, style)
        elif child.tag == "cite" or "ltx_cite" in child.classes:
            reading.cites.extend(_cite_keys(child))
        elif "ltx_note" in child.classes:
            reading.marks.append("footnote")
        elif child.tag == "sup" and _signs(child):
            reading.marks.extend(_signs(child))
        elif child.tag == "br":
            reading.pieces.append((" ", style))
        elif child.tag not in ("figure", "script", "style", "button") and "ltx_tag_note" not in child.classes:
            _read(child, reading, _style(child, style))
    return reading


def _read_math(node: Node, reading: _Reading, style: tuple[bool, bool, bool]) -> None:
    rendered = render(f"${node.attrs.get('alttext', '')}$")
    reading.pieces.append((rendered.text, (style[0] or rendered.bold, style[1] or rendered.underline, style[2])))
    reading.marks.extend(rendered.marks)


def _cite_keys(node: Node) -> list[str]:
    keys = [link.attrs["href"].rsplit("#", 1)[-1] for link in node.find_all(lambda n: "href" in n.attrs)]
    return keys or [_read(node, _Reading()).text()]


def _signs(node: Node) -> list[str]:
    text = _read(node, _Reading()).text().replace(" ", "")
    signs = vocabulary().signs
    return list(text) if text and all(char in signs for char in text) else []


def text_of(node: Node) -> str:
    """The plain text of an element."""
    return _read(node, _Reading()).text()


# --------------------------------------------------------------------------- the reader
def read_html(path: Path, errors: list[LoadError] | None = None) -> FullPaper:
    """The paper whose arXiv/ar5iv HTML page is at `path`.

    A page that cannot be read raises `LoadError` with the file and the reason; a
    table with no rows is reported in `errors` (or as a warning), never dropped silently.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LoadError(str(path), f"larger than {MAX_BYTES:,} bytes")
        root = parse_html(path.read_bytes().decode("utf-8", errors="replace"))
    except OSError as error:
        raise LoadError(str(path), f"cannot read ({error.strerror})") from error
    if not next(root.find_all(lambda n: bool(n.classes & {"ltx_document", "ltx_page_main", "ltx_title"})), None):
        raise LoadError(str(path), "not a LaTeXML page (no ltx_document)")
    issues: list[LoadError] = [] if errors is None else errors
    paper_id = path.name.split(".html")[0].removesuffix(".htm")
    records = [record for figure in _table_figures(root) for record in _figure_cells(figure, paper_id, path, issues)]
    if errors is None:
        for issue in issues:
            warnings.warn(str(issue), stacklevel=2)
    title = next(root.find_all(lambda n: "ltx_title_document" in n.classes), None)
    abstract = _abstract(root)
    return FullPaper(
        paper_id=paper_id,
        source=str(path),
        title=text_of(title) if title else None,
        abstract=abstract,
        tables=spread_row_cites(label_cells(cells_frame(records))),
        sections=sections_frame(_sections(root, abstract, paper_id, str(path))),
    )


def accepts(path: Path) -> bool:
    """Whether `path` looks like a LaTeXML page: .html/.htm whose head names LaTeXML's classes."""
    path = Path(path)
    if not path.is_file() or path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        return False
    with path.open("rb") as handle:
        return b"ltx_" in handle.read(200_000)


def _abstract(root: Node) -> str | None:
    node = next(root.find_all(lambda n: "ltx_abstract" in n.classes), None)
    if node is None:
        return None
    body = Node("div", {}, [child for child in node.children if not _is_title(child)])
    return text_of(body) or None


def _is_title(child: Node | str) -> bool:
    return isinstance(child, Node) and "ltx_title" in child.classes


def _sections(root: Node, abstract: str | None, paper_id: str, source: str) -> list[dict]:
    records = [] if not abstract else [{"paper_id": paper_id, "section": "abstract", "text": abstract}]
    for section in root.find_all(lambda n: bool(n.classes & set(_SECTIONS)), inside_match=True):
        heading = next((child for child in section.elements() if _is_title(child)), None)
        own = [child for child in section.children if not _is_title(child) and not _is_section(child)]
        text = text_of(Node("div", {}, own))
        if text:
            records.append({"paper_id": paper_id, "section": text_of(heading) if heading else "", "text": text})
    for record in records:
        record["source"] = source
    return records


def _is_section(child: Node | str) -> bool:
    return isinstance(child, Node) and bool(child.classes & set(_SECTIONS))


# --------------------------------------------------------------------------- tables
def _table_figures(root: Node) -> list[Node]:
    return list(root.find_all(lambda n: "ltx_table" in n.classes and n.tag in ("figure", "div")))


def _tabulars(node: Node) -> list[Node]:
    """The outermost tabulars: `<table class="ltx_tabular">`, or the `<span>` form LaTeXML writes inline."""
    return list(node.find_all(lambda n: "ltx_tabular" in n.classes and n.tag in ("table", "span", "div")))


def _is(node: Node, tag: str) -> bool:
    """An element of this table role, as an HTML tag or as LaTeXML's class of the same name (`ltx_tr`)."""
    return node.tag == tag or f"ltx_{tag}" in node.classes


def _figure_cells(figure: Node, paper_id: str, path: Path, issues: list[LoadError]) -> list[dict]:
    caption_node = next(figure.find_all(lambda n: n.tag == "figcaption" or "ltx_caption" in n.classes), None)
    caption = text_of(caption_node) if caption_node else None
    number = _TABLE_NUMBER.match(caption or "")
    table_id = number.group(1) if number else f"Table {figure.attrs.get('id', '(unnumbered)')}"
    context = {
        "paper_id": paper_id,
        "caption": caption[number.end() :] if number and caption else caption,
        "table_label": figure.attrs.get("id"),
        "source": str(path),
    }
    tabulars = _tabulars(figure)
    records: list[dict] = []
    for index, tabular in enumerate(tabulars):
        this_id = table_id if len(tabulars) == 1 else f"{table_id} ({chr(ord('a') + index % 26)})"
        found = _tabular_cells(tabular, {**context, "table_id": this_id})
        if not found:
            issues.append(LoadError(str(path), f"{this_id} skipped: the table has no cells"))
        records.extend(found)
    return records


def _rows(tabular: Node) -> list[tuple[Node, bool]]:
    """The table's rows with whether each sits in a `thead`, not looking into tables nested in cells."""
    rows: list[tuple[Node, bool]] = []
    for child in tabular.elements():
        if _is(child, "tr"):
            rows.append((child, False))
        elif any(_is(child, group) for group in ("thead", "tbody", "tfoot")):
            rows.extend((row, _is(child, "thead")) for row in child.elements() if _is(row, "tr"))
    return rows


def _tabular_cells(tabular: Node, context: dict) -> list[dict]:
    rows = _rows(tabular)
    taken: set[tuple[int, int]] = set()
    records: list[dict] = []
    for index, (row, _) in enumerate(rows):
        column = 0
        for cell in (child for child in row.elements() if _is(child, "td") or _is(child, "th")):
            while (index, column) in taken:
                column += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            taken.update((r, c) for r in range(index, index + rowspan) for c in range(column, column + colspan))
            records.append(_record(cell, index, column, rowspan, colspan, context))
            column += colspan
    end = _header_end(rows, records)
    for record in records:
        record["header"] = record["row"] < end
    return records


def _header_end(rows: list[tuple[Node, bool]], records: list[dict]) -> int:
    """The header: the `thead` rows or leading rows of column headings (else the first row), and label rows below."""
    end = 0
    while end < len(rows) and (rows[end][1] or _header_row(rows[end][0])):
        end += 1
    end = min(end, len(rows) - 1) if end else min(len(rows) - 1, 1)  # a table is never all header
    texts: list[list[str]] = [[] for _ in rows]
    for record in records:
        texts[record["row"]].append(record["text"])
    return more_header_rows(texts, end, any(record["colspan"] > 1 for record in records if record["row"] < end))


def _header_row(row: Node) -> bool:
    cells = [cell for cell in row.elements() if _is(cell, "td") or _is(cell, "th")]
    return bool(cells) and all(_is(cell, "th") and "ltx_th_row" not in cell.classes for cell in cells)


def _span(cell: Node, name: str) -> int:
    try:
        return max(1, min(int(cell.attrs.get(name, "1") or 1), 1000))
    except ValueError:
        return 1


def _record(cell: Node, row: int, col: int, rowspan: int, colspan: int, context: dict) -> dict:
    reading = _read(cell, _Reading(), _style(cell, (False, False, False)))
    text, trailing = split_marks(reading.text())
    return {
        "paper_id": context["paper_id"],
        "table_id": context["table_id"],
        "caption": context["caption"],
        "row": row,
        "col": col,
        "text": text,
        "header": False,
        "bold": reading.flag(0),
        "underline": reading.flag(1),
        "rowspan": rowspan,
        "colspan": colspan,
        "row_label": None,
        "col_label": None,
        "source": context["source"],
        "table_label": context["table_label"],
        "cites": ",".join(reading.cites),
        "marks": ",".join(reading.marks + trailing),
    }
