"""A pyparsing grammar of the body of a LaTeX tabular: rows, cells, spans and rules.

Built bottom-up from small named pieces, as in pyparsing's own examples: a row is
its rules, its cells separated by `&` and a row end (`Regex`: `\\\\[2pt]`). The hot
tokens read in one linear scan each: `CellText` (a cell's markup up to the next `&`,
row end or rule outside braces), `RowRule` (every rule of the vocabulary and its
arguments: `\\cmidrule(lr){2-3}`), `Braced` (a balanced group). Parse actions
return typed values (`Rule`, `Row`, `Span`). No alternative re-reads what another
consumed, so a table of thousands of rows parses in one pass without backtracking.
The rules and their arguments are data in `schemas/latex.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pyparsing as pp

from claims.tables.frame import more_header_rows
from claims.tables.latex_source import LatexError, read_group
from claims.tables.markup import Rendered, render, vocabulary


class Braced(pp.Token):
    """A balanced `{...}` group; its value is the text inside the braces."""

    def __init__(self) -> None:
        super().__init__()
        self.mayReturnEmpty = False
        self.mayIndexError = False
        self.errmsg = "expected a {group}"

    def parseImpl(self, instring: str, loc: int, do_actions: bool = True) -> tuple[int, str]:  # noqa: N802
        if loc >= len(instring) or instring[loc] != "{":
            raise pp.ParseException(instring, loc, self.errmsg, self)
        try:
            inner, end = read_group(instring, loc)
        except LatexError as error:
            raise pp.ParseException(instring, loc, str(error), self) from error
        return end, inner


@dataclass(frozen=True)
class Rule:
    """A row rule and whether it crosses the whole table."""

    name: str
    full: bool


@dataclass
class Row:
    """One row of the tabular: the rules above it and the markup of its cells."""

    rules: list[Rule]
    cells: list[str]


@dataclass(frozen=True)
class Span:
    """A cell's `\\multicolumn`/`\\multirow` span and the markup inside it."""

    columns: int = 1
    rows: int = 1
    body: str = ""


@dataclass
class Cell:
    """One cell placed in the grid: position, spans, rendered text and marks."""

    row: int
    col: int
    rowspan: int
    colspan: int
    rendered: Rendered = field(default_factory=Rendered)


# --------------------------------------------------------------------------- grammar pieces
def _option() -> pp.ParserElement:
    return pp.Regex(r"\[[^\]]*\]").set_name("[option]")


class RowRule(pp.Token):
    """A row rule (`\\midrule`, `\\cmidrule(lr){2-3}`, `\\rowcolor{gray}`...) with its arguments, as a `Rule`.

    One token for all the rules of the vocabulary: their names are one regex, their
    arguments (bracketed option, parenthesised trim, braced groups) are read after it.
    """

    def __init__(self, spec: dict[str, dict]) -> None:
        super().__init__()
        self.spec = spec
        names = "|".join(sorted(map(re.escape, spec), key=len, reverse=True))
        self.pattern = re.compile(rf"\\({names})(?![A-Za-z@])")
        self.mayReturnEmpty = False
        self.errmsg = "expected a rule"

    def parseImpl(self, instring: str, loc: int, do_actions: bool = True) -> tuple[int, Rule]:  # noqa: N802
        match = self.pattern.match(instring, loc)
        if match is None:
            raise pp.ParseException(instring, loc, self.errmsg, self)
        name, index = match.group(1), match.end()
        index = _skip(instring, index, r"\s*\[[^\]]*\]")
        index = _skip(instring, index, r"\s*\([^)]*\)")
        for _ in range(self.spec[name].get("braced", 0)):
            start = _skip(instring, index, r"\s*")
            if not instring.startswith("{", start):
                break
            try:
                index = read_group(instring, start)[1]
            except LatexError as error:
                raise pp.ParseException(instring, loc, str(error), self) from error
        return index, Rule(name, bool(self.spec[name].get("full")))


class CellText(pp.Token):
    """The markup of one cell: everything up to the next `&`, row end or rule outside braces.

    The hot token of the grammar, read in one linear scan: a regex jumps to the next
    special character, braced groups are skipped whole, escapes (`\\&`, `\\%`) are text.
    """

    _SPECIAL = re.compile(r"[&\\{}]")

    def __init__(self, rule_names: str) -> None:
        super().__init__()
        self.stop = re.compile(rf"\\\\|\\tabularnewline(?![A-Za-z@])|\\(?:{rule_names})(?![A-Za-z@])")
        self.mayReturnEmpty = True
        self.errmsg = "expected a cell"

    def parseImpl(self, instring: str, loc: int, do_actions: bool = True) -> tuple[int, str]:  # noqa: N802
        index = loc
        while (match := self._SPECIAL.search(instring, index)) is not None:
            index = match.start()
            char = instring[index]
            if char in "&}" or self.stop.match(instring, index):
                break
            if char == "{":
                try:
                    index = read_group(instring, index)[1]
                except LatexError as error:
                    raise pp.ParseException(instring, index, str(error), self) from error
            else:
                index += 2
        else:
            index = len(instring)
        return index, instring[loc:index].strip()


def _skip(text: str, index: int, pattern: str) -> int:
    """The index after `pattern` at `index`, or `index` (patterns are few; `re` caches them compiled)."""
    match = re.compile(pattern).match(text, index)
    return match.end() if match else index


@cache
def row_grammar() -> pp.ParserElement:
    """The tabular body: rows of `&`-separated cells ended by `\\\\`, with the rules between them."""
    rules_spec = vocabulary().raw["rules"]
    rule = RowRule(rules_spec).set_name("rule")
    names = "|".join(sorted(map(re.escape, rules_spec), key=len, reverse=True))
    row_end = pp.Regex(r"\\\\\*?(?:\s*\[[^\]]*\])?|\\tabularnewline(?![A-Za-z@])").set_name("row end")
    cell = CellText(names).set_name("cell")
    cells = pp.Group(cell + pp.ZeroOrMore(pp.Suppress("&") + cell))
    rules = pp.Group(pp.ZeroOrMore(rule))
    full_row = (rules + cells + pp.Suppress(row_end)).set_parse_action(_row)
    last_row = (rules + cells).set_parse_action(_row)
    return pp.ZeroOrMore(full_row) + pp.Optional(last_row) + pp.Suppress(pp.ZeroOrMore(rule)) + pp.StringEnd()


def _row(tokens: pp.ParseResults) -> Row:
    return Row(rules=list(tokens[0]), cells=[text.strip() for text in tokens[1]])


@cache
def span_grammar() -> pp.ParserElement:
    """`\\multicolumn{n}{spec}{body}`, `\\multirow[..]{n}[..]{width}[..]{body}`, `\\multirowcell{n}{body}`."""
    option = pp.Optional(pp.Suppress(_option()))
    number = Braced().add_parse_action(lambda tokens: _count(tokens[0]))
    multicolumn = pp.Suppress(pp.Regex(r"\\multicolumn(?![A-Za-z@])")) + number + pp.Suppress(Braced()) + Braced()
    multicolumn.set_parse_action(lambda tokens: Span(columns=tokens[0], body=tokens[1]))
    width = pp.Suppress(Braced() | pp.Literal("*"))  # {*}, {3cm}, or the old bare *
    multirow = pp.Suppress(pp.Regex(r"\\multirow(?![A-Za-z@])")) + option + number + option + width + option + Braced()
    multirow.set_parse_action(lambda tokens: Span(rows=tokens[0], body=tokens[1]))
    multirowcell = pp.Suppress(pp.Regex(r"\\multirowcell(?![A-Za-z@])")) + number + option + Braced()
    multirowcell.set_parse_action(lambda tokens: Span(rows=tokens[0], body=tokens[1]))
    return (multicolumn | multirow | multirowcell) + pp.Regex(r"[\s\S]*").add_parse_action(lambda t: t[0].strip())


def _count(text: str) -> int:
    try:
        return int(float(text.strip()))
    except ValueError:
        return 1


def cell_span(markup: str) -> Span:
    """The spans of one cell's markup (nested: `\\multicolumn{2}{c}{\\multirow{2}{*}{X}}`)."""
    columns, rows, body = 1, 1, markup
    for _ in range(4 if "\\multi" in markup else 0):
        try:
            result = span_grammar().parse_string(body.strip(), parse_all=True)
        except pp.ParseException:
            break
        span, rest = result[0], result[1]
        columns = max(columns, span.columns)
        rows = rows if abs(span.rows) == 1 else span.rows
        body = (span.body + " " + rest).strip()
    return Span(columns=max(columns, 1), rows=rows or 1, body=body)


# --------------------------------------------------------------------------- grid
def parse_rows(body: str) -> list[Row]:
    """The rows of a tabular body; a `ParseException` names where the body stops making sense."""
    return [row for row in row_grammar().parse_string(body, parse_all=True) if isinstance(row, Row)]


def build_grid(rows: list[Row]) -> tuple[list[Cell], int]:
    """The cells of `rows` placed in a grid, and how many rows are header rows.

    Cells a `\\multirow` covers are written empty in LaTeX; they are not cells of
    their own. A negative `\\multirow` (written in the last row of its group)
    moves up to the first row it covers.
    """
    kept = _drop_empty_rows(rows)
    cells: list[Cell] = []
    covered: dict[tuple[int, int], Cell] = {}
    for index, row in enumerate(kept):
        column = 0
        for markup in row.cells:
            span = cell_span(markup)
            cell = Cell(index, column, abs(span.rows), span.columns, render(span.body))
            column += span.columns
            if (index, cell.col) in covered and not cell.rendered.text:
                continue
            if span.rows < 0:
                _move_up(cell, cells)
            cells.append(cell)
            for below in range(cell.row + 1, cell.row + cell.rowspan):
                covered[(below, cell.col)] = cell
    return cells, _header_rows(kept, cells)


def _drop_empty_rows(rows: list[Row]) -> list[Row]:
    """Rows with no text (spacers, a last row of rules) are left out; their rules go to the next row."""
    kept: list[Row] = []
    pending: list[Rule] = []
    for row in rows:
        if any(row.cells):
            kept.append(Row(pending + row.rules, row.cells))
            pending = []
        else:
            pending += row.rules
    return kept


def _move_up(cell: Cell, cells: list[Cell]) -> None:
    """Place a negative `\\multirow` at the top of the rows it covers, when those are empty there."""
    top = max(cell.row - cell.rowspan + 1, 0)
    stale = {(row, cell.col) for row in range(top, cell.row)}
    if any((other.row, other.col) in stale and other.rendered.text for other in cells):
        cell.rowspan = 1
        return
    cells[:] = [other for other in cells if (other.row, other.col) not in stale]
    cell.row = top


def _header_rows(rows: list[Row], cells: list[Cell]) -> int:
    """Rows above the first full rule below a row are the header, and label rows under a spanning header."""
    if len(rows) < 2:
        return 0
    end = next((index for index in range(1, len(rows)) if any(rule.full for rule in rows[index].rules)), 1)
    texts: list[list[str]] = [[] for _ in rows]
    for cell in cells:
        texts[cell.row].append(cell.rendered.text)
    return more_header_rows(texts, end, any(cell.colspan > 1 for cell in cells if cell.row < end))
