"""Reader of a paper's LaTeX source: title, abstract, sections and every results table as cells.

`read_latex` takes a .tex file, a folder or an arXiv e-print, follows its inputs,
expands its macros (`claims.tables.latex_source`), then reads each `table`/`table*`
float (and each `longtable`): caption, `\\label`, and the grid of every tabular in
it through the pyparsing grammar of `claims.tables.latex_tabular`. A table that
does not parse is skipped with its reason; the rest of the paper is still read.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pyparsing as pp

from claims.ingest.loaders import LoadError
from claims.tables.frame import FullPaper, cells_frame, label_cells, sections_frame, spread_row_cites
from claims.tables.latex_source import INPUT_MARK, LatexError, Source, read_group, read_source
from claims.tables.latex_tabular import Cell, build_grid, parse_rows
from claims.tables.markup import MarkupError, plain, vocabulary

_CAPTION = re.compile(r"\\caption(?![A-Za-z@])\*?\s*(?:\[[^\]]*\]\s*)?(?=\{)")
_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")
_TITLE = re.compile(r"\\title\s*(?:\[[^\]]*\]\s*)?(?=\{)")
_HEADING = re.compile(r"\\(section|subsection|subsubsection)(\*?)\s*(?:\[[^\]]*\]\s*)?(?=\{)")
_APPENDIX = re.compile(r"\\appendix(?![A-Za-z@])")
_MARK = re.compile(re.escape(INPUT_MARK) + r"\{([^{}]*)\}")
_BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?")


def read_latex(path: Path, errors: list[LoadError] | None = None) -> FullPaper:
    """The paper whose LaTeX source is at `path` (a .tex file, a folder or an arXiv e-print).

    A source that cannot be read raises `LoadError` naming the file and the reason;
    a table that does not parse is left out and reported in `errors` (or as a
    warning when no list is given), never dropped silently.
    """
    path = Path(path)
    try:
        source, text = read_source(path)
    except LatexError as error:
        raise LoadError(str(path), str(error).removeprefix(f"{path}: ")) from error
    except OSError as error:
        raise LoadError(str(path), f"cannot read ({error.strerror or error})") from error
    paper_id = _paper_id(path)
    issues: list[LoadError] = [] if errors is None else errors
    issues.extend(LoadError(str(path), problem) for problem in source.problems)
    start = _BEGIN_DOCUMENT.search(text)
    document = text[start.end() :] if start else text
    tables = spread_row_cites(label_cells(cells_frame(_tables(document, paper_id, source, issues))))
    if errors is None:
        for issue in issues:
            warnings.warn(str(issue), stacklevel=2)
    abstract = _abstract(text)  # some classes want the abstract before \\begin{document}
    return FullPaper(
        paper_id=paper_id,
        source=str(path),
        title=_title(text),
        abstract=abstract,
        tables=tables,
        sections=sections_frame(_sections(document, abstract, paper_id, str(path))),
    )


def accepts(path: Path) -> bool:
    """Whether `path` looks like a LaTeX source this reader takes: a .tex file, an e-print, a folder of .tex files."""
    path = Path(path)
    if path.is_dir():
        return any(path.glob("*.tex"))
    name = path.name.lower()
    if name.endswith((".tex", ".tar.gz", ".tgz")):
        return True
    stem = name.removesuffix(".gz")  # arXiv serves a one-file paper as <id>.gz; "results.csv.gz" is not one
    return name.endswith(".gz") and (_ARXIV_ID.fullmatch(stem) is not None or Path(stem).suffix in ("", ".tex"))


def _paper_id(path: Path) -> str:
    name = path.name
    for suffix in (".tar.gz", ".tgz", ".tar", ".gz", ".tex"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


# --------------------------------------------------------------------------- environments
def environments(text: str, names: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Outermost environments of `names` in `text`: (name, start, body start, body end, end)."""
    pattern = re.compile(r"\\(begin|end)\s*\{(" + "|".join(re.escape(name) for name in names) + r")\}")
    found: list[tuple[str, int, int, int, int]] = []
    stack: list[tuple[str, int, int]] = []
    for match in pattern.finditer(text):
        if match.group(1) == "begin":
            stack.append((match.group(2), match.start(), match.end()))
        elif stack and stack[-1][0] == match.group(2):
            name, start, body = stack.pop()
            if not stack:
                found.append((name, start, body, match.start(), match.end()))
    return found


def _without(text: str, names: list[str]) -> str:
    pieces, position = [], 0
    for _, start, _, _, end in environments(text, names):
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return " ".join(pieces)


def _group_after(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    if match is None:
        return None
    try:
        return read_group(text, match.end())[0]
    except LatexError:
        return None


# --------------------------------------------------------------------------- title, abstract, sections
def _title(text: str) -> str | None:
    title = _group_after(_TITLE, _MARK.sub("", text))
    return (plain(title) or None) if title else None


def _abstract(document: str) -> str | None:
    found = environments(document, ["abstract"])
    if found:
        _, _, body, end, _ = found[0]
        return plain(_MARK.sub("", document[body:end])) or None
    body = _group_after(re.compile(r"\\abstract\s*(?=\{)"), document)
    return (plain(body) or None) if body else None


def _sections(document: str, abstract: str | None, paper_id: str, source: str) -> list[dict]:
    """The paper's text by section, headings numbered as LaTeX numbers them ("4.1 Results")."""
    prose = _MARK.sub("", _without(document, vocabulary().raw["environments"]["not_prose"] + ["abstract"]))
    records = [] if not abstract else [{"paper_id": paper_id, "section": "abstract", "text": abstract}]
    headings = list(_HEADING.finditer(prose))
    appendix = _APPENDIX.search(prose)
    counters = [0, 0, 0]
    for index, heading in enumerate(headings):
        try:
            title, body_start = read_group(prose, heading.end())
        except LatexError:
            continue
        in_appendix = appendix is not None and appendix.start() < heading.start()
        number = _number(counters, heading.group(1), heading.group(2) == "*", in_appendix)
        end = headings[index + 1].start() if index + 1 < len(headings) else len(prose)
        text = plain(prose[body_start:end])
        section = " ".join(part for part in (number, plain(title)) if part)
        if text:
            records.append({"paper_id": paper_id, "section": section, "text": text})
    for record in records:
        record["source"] = source
    return records


def _number(counters: list[int], level_name: str, starred: bool, appendix: bool) -> str:
    level = ("section", "subsection", "subsubsection").index(level_name)
    if starred:
        return ""
    if appendix and level == 0 and counters[0] < 1000:
        counters[0] = 1000  # \appendix restarts sections at A
    counters[level] += 1
    counters[level + 1 :] = [0] * (len(counters) - level - 1)
    first = chr(ord("A") + counters[0] - 1001) if counters[0] > 1000 else str(counters[0])
    return ".".join([first, *(str(count) for count in counters[1 : level + 1])])


# --------------------------------------------------------------------------- tables
def _tables(document: str, paper_id: str, source: Source, issues: list[LoadError]) -> list[dict]:
    """Cell records of every table float and standalone longtable, in the order of the paper."""
    names = vocabulary().raw["environments"]
    floats = environments(document, names["floats"] + names["standalone"])
    records: list[dict] = []
    number = 0
    for name, start, body_start, body_end, end in floats:
        body = document[body_start:body_end]
        caption_markup = _group_after(_CAPTION, body)
        number += caption_markup is not None
        table_id = f"Table {number}" if caption_markup is not None else f"Table (uncaptioned, at character {start})"
        offset = body_start
        if name in names["standalone"]:
            body, offset = document[start:end], start  # the longtable is itself the tabular
        context = {
            "paper_id": paper_id,
            "caption": plain(_MARK.sub(" ", caption_markup)) if caption_markup else None,
            "table_label": (_LABEL.search(body) or [None, None])[1],
            "source": lambda at, offset=offset: _file_at(document, offset + at, source),
        }
        records.extend(_float_cells(body, table_id, context, issues))
    return records


def _file_at(document: str, position: int, source: Source) -> str:
    """The source file the text at `position` was read from (inputs leave marks in the text)."""
    marks = list(_MARK.finditer(document, 0, position))
    member = marks[-1].group(1) if marks else source.main
    origin = Path(source.origin)
    if origin.is_dir():
        return str(origin / member)
    if origin.suffix.lower() == ".tex":
        return str(origin.parent / member)
    return f"{origin}:{member}"


def _float_cells(body: str, table_id: str, context: dict, issues: list[LoadError]) -> list[dict]:
    tabulars = environments(body, list(vocabulary().raw["environments"]["tabulars"]))
    records: list[dict] = []
    for index, (name, start, body_start, body_end, _) in enumerate(tabulars):
        this_id = table_id if len(tabulars) == 1 else f"{table_id} ({chr(ord('a') + index % 26)})"
        where = {**context, "source": context["source"](start)}
        try:
            cells, header_rows = _grid(name, body[body_start:body_end])
        except (pp.ParseException, LatexError, MarkupError, RecursionError) as error:
            issues.append(LoadError(where["source"], f"{this_id} skipped: {_reason(error)}"))
            continue
        records.extend(_record(cell, header_rows, this_id, where) for cell in cells)
    return records


def _reason(error: Exception) -> str:
    if isinstance(error, pp.ParseException):
        return f"the tabular does not parse at its line {error.lineno}, column {error.col} ({error.msg})"
    if isinstance(error, RecursionError):
        return "the tabular nests groups too deep"
    return str(error)


def _grid(name: str, body: str) -> tuple[list[Cell], int]:
    """Skip the tabular's arguments (width, column spec), read its rows, place its cells."""
    rows = _MARK.sub(" ", _CAPTION_ROW.sub(" ", body[_after_arguments(name, body) :]))
    return build_grid(parse_rows(_flatten_nested(rows)))


def _after_arguments(name: str, body: str) -> int:
    """Where the rows of a tabular start: after its options, width and column specification."""
    index = 0
    for _ in range(vocabulary().raw["environments"]["tabulars"][name]):
        index = _skip_option(body, index)
        start = _skip_space(body, index)
        if not body.startswith("{", start):
            raise LatexError(f"\\begin{{{name}}} without its column specification")
        index = read_group(body, start)[1]
    return _skip_option(body, index)


_CAPTION_ROW = re.compile(r"\\(?:caption|label)\*?\s*(?:\[[^\]]*\])?\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*(?:\\\\)?")


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _skip_option(text: str, index: int) -> int:
    start = _skip_space(text, index)
    if text.startswith("[", start) and (end := text.find("]", start)) > 0:
        return end + 1
    return index


def _flatten_nested(body: str) -> str:
    """A tabular inside a cell becomes one braced group whose rows and columns read as spaces."""
    pieces, position = [], 0
    for name, start, inner_start, inner_end, end in environments(
        body, list(vocabulary().raw["environments"]["tabulars"])
    ):
        inner = body[inner_start:inner_end]
        inner = inner[_after_arguments(name, inner) :]
        inner = re.sub(r"(?<!\\)&", " ", re.sub(r"\\\\(?:\[[^\]]*\])?", " ", inner))
        pieces += [body[position:start], "{", inner, "}"]
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _record(cell: Cell, header_rows: int, table_id: str, context: dict) -> dict:
    rendered = cell.rendered
    return {
        "paper_id": context["paper_id"],
        "table_id": table_id,
        "caption": context["caption"],
        "row": cell.row,
        "col": cell.col,
        "text": rendered.text,
        "header": cell.row < header_rows,
        "bold": rendered.bold,
        "underline": rendered.underline,
        "rowspan": cell.rowspan,
        "colspan": cell.colspan,
        "row_label": None,
        "col_label": None,
        "source": context["source"],
        "table_label": context["table_label"],
        "cites": ",".join(rendered.cites),
        "marks": ",".join(rendered.marks),
    }
