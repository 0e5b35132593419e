"""Rendering: leaderboards and comparisons (claims/leaderboard.py) to files.

`write_leaderboards` writes one CSV (every claim, with provenance) and one
Markdown table (one value per cell) per board, the comparisons and an index;
`write_report` writes one self-contained HTML page with sortable tables and
best-score-over-time charts. All text is escaped for its format, and CSV text
that a spreadsheet would run as a formula is neutralized. Files are written
beside their targets and replaced together, with the rest of the run's outputs
when given them (claims.io.OutputSet).
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from claims.export import EVALUATION_TABLES, MODEL_INDEX, write_exports
from claims.io import OutputSet, joined, write_table, write_text
from claims.leaderboard import Board, format_amount, format_number, progress
from claims.schemas.tables import LeaderboardSchema

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
MANIFEST = ".generated"
GENERATED_SUFFIXES = (".csv", ".md", ".yaml", ".json")
DISPUTED = " (disputed)"


# ---- shared row model ------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One model's row of a board, as both Markdown and HTML lay it out."""

    rank: int | None
    model: str
    reported_by: str
    cells: dict[str, pd.DataFrame]  # column -> the cell's claims, the shown one first
    papers: list[tuple[str, str | None]]  # (title, link) of the shown claims


def _opt(value: object) -> str | None:
    return None if pd.isna(value) else str(value)


def rows(board: Board) -> list[Row]:
    """The board's rows in rank order (entries are sorted so by leaderboard.py)."""
    out = []
    for model, claims in board.entries.groupby("variant", sort=False):
        shown = claims[claims["shown"]]
        rank = claims["rank"].iloc[0]
        out.append(
            Row(
                rank=None if pd.isna(rank) else int(rank),
                model=str(model),
                reported_by="; ".join(dict.fromkeys(shown["reported_by"].dropna())),
                cells={str(c): cell for c, cell in claims.groupby("column", sort=False)},
                papers=list(dict.fromkeys(zip(shown["title"], map(_opt, shown["link"]), strict=True))),
            )
        )
    return out


def cell_text(cell: pd.DataFrame) -> str:
    """The shown value with its bound, marked when the cell's claims disagree."""
    first = cell.iloc[0]
    return format_number(first["value"], first["bound"]) + (DISPUTED if first["disputed"] else "")


def has_baselines(board: Board) -> bool:
    return bool(board.shown["reported_by"].notna().any())


def direction_word(board: Board) -> str:
    """ "higher is better", "lower is better", or why the board is not ranked."""
    if not board.ranked:
        return "its direction is unknown: unranked"
    return "higher is better" if board.higher_is_better else "lower is better"


# ---- CSV and Markdown --------------------------------------------------------


def neutralize(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula; numbers stay numbers."""
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell neutralized; numeric columns are left alone."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(neutralize, na_action="ignore") for c in text})


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no raw pipes, line breaks, HTML or links."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = re.sub(r"([\\|\[\]])", r"\\\1", str(value))  # "[x](javascript:...)" is no link
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)  # a tag or comment, not "<= 3"
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def md_link(title: str, link: str | None) -> str:
    text = md_cell(title)
    return "[" + text + "](" + link.replace(")", "%29") + ")" if link else text


def md_table(header: list[str], body: Iterable[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (md_cell)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines) + "\n"


def _papers_md(row: Row) -> str:
    return "; ".join(md_link(title, link) for title, link in row.papers)


def board_markdown(board: Board) -> str:
    """One board: a value per cell, ranked; all the claims behind it are in the CSV."""
    baselines = has_baselines(board)
    header = ["rank", "model", *(["reported by"] if baselines else []), *map(md_cell, board.columns), "paper"]
    body = [
        [
            "" if row.rank is None else str(row.rank),
            md_cell(row.model),
            *([md_cell(row.reported_by)] if baselines else []),
            *(md_cell(cell_text(row.cells[c])) if c in row.cells else "" for c in board.columns),
            _papers_md(row),
        ]
        for row in rows(board)
    ]
    intro = (
        f"# {md_cell(board.name)}\n\n"
        f"Ranked by **{md_cell(board.primary)}** ({direction_word(board)}), the task's headline metric "
        f"where papers report it, else the one most of them report. {len(body)} models, "
        f"{len(board.entries)} claims from {board.entries['paper_id'].nunique()} papers. "
        "`~`, `<`, `>=` mark bounded claims; "
        f'"disputed" marks a cell whose papers state different values (each claim, with its sentence, '
        f"is in [{board.slug}.csv]({board.slug}.csv)). "
        + ('"reported by" names the paper that stated a baseline\'s score.' if baselines else "")
    )
    return intro.rstrip() + "\n\n" + md_table(header, body)


def comparisons_markdown(comparisons: pd.DataFrame) -> str:
    header = ["dataset", "model", "baseline", "metric", "change", "direction", "paper", "sentence"]
    body = [
        [
            *(md_cell(r[c]) for c in ["dataset", "model", "baseline", "metric", "amount", "direction"]),
            md_link(r["title"], _opt(r["link"])),
            md_cell(r["sentence"]),
        ]
        for _, r in comparisons.iterrows()
    ]
    intro = (
        "# Comparisons\n\nDelta and ratio claims across papers: a model against a baseline, by a "
        f"margin or a factor in the canonical unit. {len(body)} claims.\n\n"
    )
    return intro + md_table(header, body)


def index_markdown(boards: list[Board], comparisons: pd.DataFrame) -> str:
    """The leaderboards folder's README: every board with its size and current leader."""
    header = ["benchmark", "models", "claims", "ranked by", "leader", "files"]
    body = []
    for board in boards:
        leader = board.leader()
        body.append(
            [
                md_cell(board.name),
                str(board.shown["variant"].nunique()),
                str(len(board.entries)),
                md_cell(f"{board.primary}, {direction_word(board)}"),
                md_cell(f"{leader['variant']} ({format_number(leader['value'], leader['bound'])})")
                + ", "
                + md_link(leader["title"], _opt(leader["link"])),
                f"[md]({board.slug}.md) · [csv]({board.slug}.csv)",
            ]
        )
    return (
        "# Leaderboards\n\nGenerated by `claims run`: one board per benchmark (and per task when the "
        "abstract states one), built from the score claims of the papers' abstracts. "
        f"{len(boards)} boards. Delta and ratio claims: [comparisons.md](comparisons.md) "
        f"({len(comparisons)} claims). Exports: [model-index/]({MODEL_INDEX}/) (Hugging Face model-card "
        f"metadata, a YAML file per model), [{EVALUATION_TABLES}]({EVALUATION_TABLES}) (Papers with Code "
        "format).\n\n" + md_table(header, body)
    )


def _write_csv(frame: pd.DataFrame, target: Path, outputs: OutputSet) -> Path:
    write_table(spreadsheet_safe(frame), target, outputs)
    return target


def _write_md(text: str, target: Path, outputs: OutputSet) -> Path:
    write_text(text, target, outputs)
    return target


def _forget_stale(directory: Path, written: list[Path], outputs: OutputSet) -> None:
    """The files an earlier run wrote here (or in a subfolder) that this run did not, and only those, go once
    the run is committed; the manifest of this run's files is renamed after the files it names."""
    manifest = directory / MANIFEST
    names = {p.relative_to(directory).as_posix() for p in written}
    old = manifest.read_text(encoding="utf-8").split() if manifest.exists() else []
    for name in set(old) - names:
        path = PurePosixPath(name)
        if not path.is_absolute() and ".." not in path.parts and path.suffix in GENERATED_SUFFIXES:
            outputs.discard(directory / path)
    write_text("\n".join(sorted(names)) + "\n", manifest, outputs)


def write_leaderboards(
    boards: list[Board], comparisons: pd.DataFrame, directory: str | Path, outputs: OutputSet | None = None
) -> list[Path]:
    """<slug>.csv and .md per board, comparisons.csv and .md, README.md, the exports (claims.export); the files
    written (committed with the run's `outputs` when given, else together here)."""
    directory = Path(directory)
    written = []
    with joined(outputs) as files:
        for board in boards:
            LeaderboardSchema.validate(board.entries)
            written.append(_write_csv(board.entries, directory / f"{board.slug}.csv", files))
            written.append(_write_md(board_markdown(board), directory / f"{board.slug}.md", files))
        written.append(_write_csv(comparisons, directory / "comparisons.csv", files))
        written.append(_write_md(comparisons_markdown(comparisons), directory / "comparisons.md", files))
        written.append(_write_md(index_markdown(boards, comparisons), directory / "README.md", files))
        written += write_exports(boards, directory, files)
        _forget_stale(directory, written, files)
    return written


# ---- HTML ----------------------------------------------------------------------


def esc(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def _td(text: object, sort: object = None, hover: str | None = None, css: str | None = None) -> str:
    attrs = "" if sort is None else f' data-sort="{esc(sort)}"'
    attrs += "" if hover is None else f' title="{esc(hover)}"'
    attrs += "" if css is None else f' class="{css}"'
    return f"<td{attrs}>{text}</td>"


def html_link(title: str, link: str | None) -> str:
    """A paper as a link to arXiv when its id is known, else its title."""
    return f'<a href="{esc(link)}">{esc(title)}</a>' if link else esc(title)


def hover(cell: pd.DataFrame) -> str:
    """Each claim behind a cell: value, paper and the sentence it came from."""
    return "\n".join(
        f"{format_amount(r['value'], r['unit'], r['bound'])}: {r['title']}: {r['sentence']}" for _, r in cell.iterrows()
    )


def _value_td(cell: pd.DataFrame | None) -> str:
    if cell is None:
        return _td("")
    first = cell.iloc[0]
    text = esc(format_number(first["value"], first["bound"]))
    if first["disputed"]:
        text += f'<span class="disputed">{esc(DISPUTED)}</span>'
    return _td(text, first["value"], hover(cell), "num")


def _table(header: list[str], body: list[str], caption: str) -> str:
    heads = "".join(f'<th scope="col"><button type="button">{esc(h)}</button></th>' for h in header)
    return (
        f'<table class="sortable"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def board_html(board: Board) -> str:
    baselines = has_baselines(board)
    header = ["rank", "model", *(["reported by"] if baselines else []), *board.columns, "paper"]
    body = [
        "<tr>"
        + _td(esc(row.rank), "" if row.rank is None else row.rank)
        + _td(esc(row.model))
        + (_td(esc(row.reported_by)) if baselines else "")
        + "".join(_value_td(row.cells.get(c)) for c in board.columns)
        + _td("; ".join(html_link(t, link) for t, link in row.papers))
        + "</tr>"
        for row in rows(board)
    ]
    caption = f"{board.name}: ranked by {board.primary}, {direction_word(board)}"
    return _table(header, body, caption)


def comparisons_html(comparisons: pd.DataFrame) -> str:
    header = ["dataset", "model", "baseline", "metric", "change", "direction", "paper"]
    body = [
        "<tr>"
        + "".join(_td(esc(r[c])) for c in ["dataset", "model", "baseline", "metric"])
        + _td(esc(r["amount"]), r["value"], r["sentence"], "num")
        + _td(esc(r["direction"]))
        + _td(html_link(r["title"], _opt(r["link"])), r["title"], r["sentence"])
        + "</tr>"
        for _, r in comparisons.iterrows()
    ]
    return _table(header, body, "Delta and ratio claims; hover a change for its sentence")


def chart_png(board: Board) -> bytes | None:
    """Best primary score over time, with every dated claim as a point; None without dates."""
    points = progress(board)
    if points.empty:
        return None
    figure = Figure(figsize=(6.4, 3.2), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.scatter(points["date"], points["value"], s=16, alpha=0.5, label="claims")
    axes.step(points["date"], points["best"], where="post", label="best so far")
    records = points[points["value"] == points["best"]].drop_duplicates("best")
    for _, r in records.iterrows():
        axes.annotate(  # a title with "$" names an unnamed row: text, not mathtext that may not parse
            r["model"], (r["date"], r["value"]), fontsize=7, xytext=(3, 3), textcoords="offset points", parse_math=False
        )
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.set_ylabel(f"{board.primary} ({direction_word(board)})", fontsize=8)
    axes.set_title(f"{board.name}: best {board.primary} over time", fontsize=9)
    axes.legend(fontsize=7)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _chart_html(board: Board) -> str:
    png = chart_png(board)
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    alt = f"best {board.primary} over time on {board.name}"
    return f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}"></figure>'


def _section(board: Board) -> str:
    summary = (
        f"{board.shown['variant'].nunique()} models, {len(board.entries)} claims from "
        f"{board.entries['paper_id'].nunique()} papers. Hover a value for the sentence it came from."
    )
    return (
        f'<section id="board-{board.slug}"><h2>{esc(board.name)}</h2><p>{esc(summary)}</p>'
        f"{_chart_html(board)}{board_html(board)}</section>"
    )


STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 2rem;width:100%}
caption{text-align:left;color:#555;padding:.25rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th button{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
.disputed{color:#b00;font-size:.85em}
figure{margin:0}
nav ul{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;padding:0}
"""

# Click a header: sort by that column, numbers as numbers (data-sort), empty cells last.
SCRIPT = """
(() => {
  const key = (row, col) => {
    const cell = row.cells[col];
    return (cell.dataset.sort ?? cell.textContent).trim();
  };
  const compare = (a, b) => {
    const x = Number(a), y = Number(b);
    return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b, undefined, {numeric: true});
  };
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach((th, col) => th.querySelector("button").addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(h => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const sorted = Array.from(body.rows).sort((r, s) => {
        const a = key(r, col), b = key(s, col);
        if (!a || !b) return (!a) - (!b);
        return ascending ? compare(a, b) : compare(b, a);
      });
      body.append(...sorted);
    }));
  }
})();
"""


def report_html(boards: list[Board], comparisons: pd.DataFrame) -> str:
    """The whole page: an index, every board (chart and table), the comparisons."""
    toc = "".join(
        f'<li><a href="#board-{b.slug}">{esc(b.name)}</a> ({b.shown["variant"].nunique()})</li>' for b in boards
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>claims: leaderboards</title><style>{STYLE}</style></head><body>"
        "<h1>Leaderboards</h1><p>Score claims from the papers' abstracts, one table per benchmark, "
        "ranked by the metric most papers report on it. Click a column header to sort.</p>"
        f'<nav><ul>{toc}<li><a href="#comparisons">Comparisons</a> ({len(comparisons)})</li></ul></nav>'
        + "".join(_section(b) for b in boards)
        + f'<section id="comparisons"><h2>Comparisons</h2>{comparisons_html(comparisons)}</section>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def write_report(
    boards: list[Board], comparisons: pd.DataFrame, directory: str | Path, outputs: OutputSet | None = None
) -> Path:
    """reports/index.html: one self-contained page (charts inline), committed with the run's `outputs`."""
    target = Path(directory) / "index.html"
    write_text(report_html(boards, comparisons), target, outputs)
    return target
