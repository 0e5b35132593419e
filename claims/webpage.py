"""The HTML report: every board and the comparisons on one self-contained page.

The page works offline and alone: styles, script and charts (PNG) are inline,
nothing is fetched. It offers search and filters (task, area, benchmark),
tables sortable by any column (a metric sorts best first), each value opening
the sentences it came from on click, tap, Enter or focus, and a best-score-over-
time chart per board that ends on the board's leader. It fits a phone: tables
scroll inside their own box. All text is escaped (html.escape).
"""

from __future__ import annotations

import base64
import html
import io
import sys
from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path
from urllib.parse import quote_plus

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from claims.glyphs import drawable
from claims.io import OutputSet, write_text
from claims.leaderboard import Board, progress
from claims.report import (
    DISPUTED,
    Row,
    claim_amount,
    direction_word,
    has_baselines,
    rows,
    shown_value,
    text_or_none,
)
from claims.vocab import dataset_area

ARXIV_SEARCH = "https://arxiv.org/search/?searchtype=title&query="
SEARCH_MARK = " (search)"  # after a link that searches for a paper rather than opening it
MIN_POINTS = 2  # a chart of one value shows no trend
FILTERS = {"task": "Task", "area": "Area", "benchmark": "Benchmark"}  # data-* attribute -> label


def esc(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def _attrs(**values: object) -> str:
    """data-x="..." attributes (underscores become dashes); None leaves an attribute out."""
    return "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in values.items() if v is not None)


def _filter_attrs(filters: dict[str, str]) -> str:
    """The data-task, data-area and data-benchmark attributes the page's filters match."""
    return _attrs(**{f"data_{name}": value for name, value in filters.items()})


def _td(text: str, sort: object = None, css: str | None = None) -> str:
    return f"<td{_attrs(data_sort=sort, **{'class': css})}>{text}</td>"


def paper_url(title: str, link: str | None) -> str:
    """The paper's arXiv page when its id is known, else an arXiv search for its title."""
    return link or ARXIV_SEARCH + quote_plus(title)


def html_link(title: str, link: str | None) -> str:
    """A paper as a link: its arXiv page, else an arXiv search for its title, marked so."""
    anchor = f'<a href="{esc(paper_url(title, link))}">{esc(title)}</a>'
    return anchor if link else f'{anchor}<span class="via">{esc(SEARCH_MARK)}</span>'


# ---- values that open their sentences ------------------------------------------------------------


def _claim_note(claim: pd.Series) -> str:
    """One claim behind a value: amount, paper, date, who cited it, and the sentence."""
    source = esc(claim["title"])
    if text_or_none(claim.get("published")):
        source += f" ({esc(claim['published'])})"
    if text_or_none(claim.get("reported_by")):
        source += f", reported by {esc(claim['reported_by'])}"
    return f"<p><strong>{esc(claim_amount(claim))}</strong> · {source}: <q>{esc(claim['sentence'])}</q></p>"


def claim_button(text: str, claims: pd.DataFrame, panel_id: str, about: str) -> str:
    """A focusable value and its (hidden) panel of sentences: click, tap, Enter/Space or Tab opens it.

    `about` names the cell (board, row, column): the panel shows at the bottom of the window.
    """
    notes = "".join(_claim_note(claim) for _, claim in claims.iterrows())
    return (
        f'<button type="button" class="claim" aria-expanded="false" aria-controls="{panel_id}"'
        f' aria-describedby="{panel_id}">{text}</button>'
        f'<div class="why" id="{panel_id}" role="note" hidden><p class="about">{esc(about)}</p>{notes}</div>'
    )


def _value_td(cell: pd.DataFrame | None, panel_id: str, about: str) -> str:
    if cell is None:
        return _td("")
    text = esc(shown_value(cell.iloc[0]))
    if cell.iloc[0]["disputed"]:
        text += f'<span class="disputed">{esc(DISPUTED)}</span>'
    return _td(claim_button(text, cell, panel_id, about), cell.iloc[0]["value"], "num")


# ---- tables --------------------------------------------------------------------------------------


def _table(header: list[tuple[str, str | None]], body: list[str], caption: str) -> str:
    """A sortable table in its own scrolling box; header = (label, better) with better None for text."""
    heads = "".join(
        f'<th scope="col"{_attrs(data_better=better)}><button type="button">{esc(label)}</button></th>'
        for label, better in header
    )
    return (
        f'<div class="scroll"><table class="sortable"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _board_row(board: Board, row: Row, baselines: bool, panels: Iterator[str]) -> str:
    return (
        "<tr>"
        + _td(esc(row.rank), "" if row.rank is None else row.rank)
        + _td(esc(row.model), css="name")
        + (_td(esc(row.reported_by)) if baselines else "")
        + "".join(_value_td(row.cells.get(c), next(panels), f"{board.name} · {row.model} · {c}") for c in board.columns)
        + _td("; ".join(html_link(t, link) for t, link in row.papers), css="paper")
        + "</tr>"
    )


def _column_better(board: Board) -> dict[str, str]:
    return board.entries.drop_duplicates("column").set_index("column")["better"].to_dict()


def board_html(board: Board) -> str:
    baselines = has_baselines(board)
    better = _column_better(board)
    header = [
        ("rank", None),
        ("model", None),
        *([("reported by", None)] if baselines else []),
        *((c, better[c]) for c in board.columns),
        ("paper", None),
    ]
    panels = (f"why-{board.slug}-{n}" for n in count())
    body = [_board_row(board, row, baselines, panels) for row in rows(board)]
    caption = f"{board.name}: ranked by {board.primary}, {direction_word(board)}"
    return _table(header, body, caption)


def _comparison_about(r: pd.Series) -> str:
    against = f" against {r['baseline']}" if text_or_none(r["baseline"]) else ""
    return f"{text_or_none(r['dataset']) or 'no benchmark'} · {r['model']}{against} · {r['metric']}"


def _comparison_row(r: pd.Series, panel_id: str) -> str:
    dataset = text_or_none(r["dataset"])
    filters = {"task": text_or_none(r["task"]) or "", "area": dataset_area(dataset) or "", "benchmark": dataset or ""}
    return (
        f"<tr{_filter_attrs(filters)}>"
        + "".join(_td(esc(r[c])) for c in ["dataset", "model", "baseline", "metric"])
        + _td(claim_button(esc(claim_amount(r)), r.to_frame().T, panel_id, _comparison_about(r)), r["value"], "num")
        + _td(esc(r["direction"]))
        + _td(html_link(r["title"], text_or_none(r["link"])), r["title"], "paper")
        + "</tr>"
    )


def comparisons_html(comparisons: pd.DataFrame) -> str:
    header = [(h, None) for h in ["dataset", "model", "baseline", "metric", "change", "direction", "paper"]]
    body = [_comparison_row(r, f"why-comparisons-{n}") for n, (_, r) in enumerate(comparisons.iterrows())]
    return _table(header, body, "Delta and ratio claims; select a change for its sentence")


# ---- the best-over-time chart --------------------------------------------------------------------


def _label_records(axes: Axes, points: pd.DataFrame, x: pd.Series, right: pd.Series) -> None:
    """Name the rows that set a new best; `right`: labelled on their left, to stay inside the figure."""
    records = points[points["value"] == points["best"]].drop_duplicates("best")
    for i, r in records.iterrows():
        axes.annotate(  # a title with "$" names an unnamed row: text, not mathtext that may not parse
            drawable(r["variant"]), (x[i], r["value"]), fontsize=7, xytext=(-3 if right[i] else 3, 3),
            textcoords="offset points", ha="right" if right[i] else "left", parse_math=False, in_layout=False,
        )  # fmt: skip


def _plot_dated(axes: Axes, dated: pd.DataFrame) -> None:
    x = dated["date"]
    axes.scatter(x, dated["value"], s=16, alpha=0.5, label="claims")
    axes.step(x, dated["best"], where="post", label="best so far")
    _label_records(axes, dated, x, x > x.min() + (x.max() - x.min()) / 2)
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def _plot_undated(axes: Axes, points: pd.DataFrame) -> None:
    """The undated values in a column of their own, the best so far stepping to the leader's."""
    undated = points[points["date"].isna()]
    before = points.loc[points["date"].notna(), "best"].iloc[-1]
    x = pd.Series(0.0, index=undated.index)
    axes.scatter(x, undated["value"], s=16, alpha=0.5)
    axes.step([-1, 0, 1], [before, undated["best"].iloc[-1], undated["best"].iloc[-1]], where="post")
    _label_records(axes, points.loc[undated.index], x, x == 0)
    axes.set_xlim(-1, 1)
    axes.set_xticks([0], ["undated"])
    axes.tick_params(axis="y", left=False)


def chart_png(board: Board) -> bytes | None:
    """The ranked values over time with the best so far (leaderboard.progress); None without dates or trend."""
    points = progress(board)
    dated = points[points["date"].notna()]
    if dated.empty or len(points) < MIN_POINTS:
        return None
    figure = Figure(figsize=(6.4, 3.2), dpi=100, layout="constrained")
    if dated.index.equals(points.index):
        axes = figure.add_subplot()
    else:
        axes, undated = figure.subplots(1, 2, sharey=True, width_ratios=[5, 1])
        _plot_undated(undated, points)
    _plot_dated(axes, dated)
    axes.set_ylabel(drawable(f"{board.primary} ({direction_word(board)})"), fontsize=8)
    figure.suptitle(drawable(f"{board.name}: best {board.primary} over time"), fontsize=9)
    axes.legend(fontsize=7, loc="lower right" if board.higher_is_better else "upper right")  # away from the best
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def chart_caption(board: Board) -> str:
    """What the chart ends on, in words: the best value, whose, and when."""
    points = progress(board)
    holder = points[points["value"] == points["best"].iloc[-1]].iloc[0]
    when = "undated" if pd.isna(holder["date"]) else f"{holder['date']:%Y-%m-%d}"
    return (
        f"Best so far: {claim_amount(holder)} by {holder['variant']} ({when}). Each point is a row's ranked "
        "value; baselines cited by other papers are left out, their dates being the citing paper's."
    )


def _chart_html(board: Board) -> str:
    try:
        png = chart_png(board)
    except Exception as error:  # noqa: BLE001 -- a chart that cannot be drawn costs its board the chart only
        print(f"error: board {board.slug}: chart left out: {type(error).__name__}: {error}", file=sys.stderr)
        return ""
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    alt = f"best {board.primary} over time on {board.name}"
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}" width="640" height="320">'
        f"<figcaption>{esc(chart_caption(board))}</figcaption></figure>"
    )


# ---- the page ------------------------------------------------------------------------------------


def _board_filters(board: Board) -> dict[str, str]:
    """The values the page's filters match a board on ("" when unknown)."""
    return {"task": board.task or "", "area": board.area or "", "benchmark": board.dataset}


def _section(board: Board) -> str:
    filters = _board_filters(board)
    summary = (
        f"{board.shown['variant'].nunique()} models, {len(board.entries)} claims from "
        f"{board.entries['paper_id'].nunique()} papers. Select a value (click, tap or Tab) for the sentence "
        "it came from; click a column header to sort, a metric best first."
    )
    words = " ".join([board.name, *filters.values()]).lower()
    return (
        f'<section class="board" id="board-{board.slug}"{_filter_attrs(filters)}'
        f"{_attrs(data_words=words)}><h2>{esc(board.name)}</h2><p>{esc(summary)}</p>"
        f"{_chart_html(board)}{board_html(board)}</section>"
    )


def _select(name: str, label: str, values: Iterable[str]) -> str:
    """A filter: every value with how many boards have it, "all" first; disabled when no board has one."""
    counted = pd.Series([v for v in values if v], dtype=object).value_counts().sort_index()
    options = "".join(f'<option value="{esc(v)}">{esc(v)} ({n})</option>' for v, n in counted.items())
    disabled = "" if options else " disabled"
    return (
        f'<label>{esc(label)} <select id="filter-{name}" data-filter="{name}"{disabled}>'
        f'<option value="">all</option>{options}</select></label>'
    )


def filters_html(boards: list[Board]) -> str:
    selects = "".join(
        _select(name, label, (_board_filters(b)[name] for b in boards)) for name, label in FILTERS.items()
    )
    return (
        '<div class="filters" role="search">'
        '<label>Search <input type="search" id="search" placeholder="model, paper, benchmark"'
        ' autocomplete="off"></label>'
        f'{selects}<p id="filter-status" aria-live="polite">{len(boards)} boards</p></div>'
    )


STYLE = """
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#222}
h1,h2,p,caption,figcaption,nav{overflow-wrap:anywhere}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 2rem}
table{border-collapse:collapse;width:100%}
caption{text-align:left;color:#555;padding:.25rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.name{min-width:9rem}
td.paper{min-width:18rem}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible,button.claim:focus-visible{outline:2px solid #0366d6;outline-offset:1px}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
button.claim{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;
  text-decoration:underline dotted #888;text-underline-offset:3px}
button.claim[aria-expanded=true]{text-decoration-style:solid}
.why{position:fixed;left:0;right:0;bottom:0;z-index:2;max-height:45vh;overflow:auto;margin:0 auto;
  max-width:48rem;white-space:normal;text-align:left;background:#f6f8fa;border-top:3px solid #0366d6;
  box-shadow:0 -2px 8px rgba(0,0,0,.2);padding:.5rem 1rem}
.why .about{font-weight:600;color:#555}
.why p{margin:.2rem 0}
.disputed{color:#b00;font-size:.85em}
.via{color:#777;font-size:.85em}
figure{margin:0}
figure img{max-width:100%;height:auto}
figcaption{color:#555;font-size:.9em}
nav ul{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;padding:0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;background:#fff;
  padding:.5rem 0;border-bottom:1px solid #ddd;z-index:1}
@media (min-width:48rem){.filters{position:sticky;top:0}section{scroll-margin-top:4rem}}
.filters p{margin:0;color:#555}
.filters input,.filters select{font:inherit;max-width:100%}
.filters label{max-width:100%}
"""

# Sorting: a header's first click sorts its column best first when it is a metric (data-better),
# else ascending; the next click flips. Numbers sort as numbers (data-sort), empty cells last.
# Values: a claim's panel opens on focus (Tab), click, tap or Enter/Space; Escape or a click
# elsewhere closes it. Filters: search terms and the selects hide the rows and boards that miss.
SCRIPT = """
(() => {
  "use strict";
  const key = (row, col) => {
    const cell = row.cells[col];
    return (cell.dataset.sort ?? cell.textContent).trim();
  };
  const compare = (a, b) => {
    const x = Number(a), y = Number(b);
    return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b, undefined, {numeric: true});
  };
  const flip = order => order === "ascending" ? "descending" : "ascending";
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach((th, col) => th.querySelector("button").addEventListener("click", () => {
      const first = th.dataset.better === "higher" ? "descending" : "ascending";
      const order = th.getAttribute("aria-sort") === first ? flip(first) : first;
      heads.forEach(h => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", order);
      const body = table.tBodies[0];
      const sorted = Array.from(body.rows).sort((r, s) => {
        const a = key(r, col), b = key(s, col);
        if (!a || !b) return (!a) - (!b);
        return order === "ascending" ? compare(a, b) : compare(b, a);
      });
      body.append(...sorted);
    }));
  }

  const setOpen = (button, open) => {
    button.setAttribute("aria-expanded", String(open));
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  };
  const claimOf = target =>
    target instanceof Element ? target.closest("td")?.querySelector("button.claim") ?? null : null;
  const closeOthers = keep => {
    for (const button of document.querySelectorAll('button.claim[aria-expanded="true"]')) {
      if (button !== keep) setOpen(button, false);
    }
  };
  const openFor = target => {
    const button = claimOf(target);
    closeOthers(button);
    if (button) setOpen(button, true);
    return button;
  };
  document.addEventListener("focusin", event => openFor(event.target));
  document.addEventListener("click", event => {
    const button = openFor(event.target);
    if (button && event.target.closest("button.claim")) button.focus();  // a tap does not focus on every browser
  });
  document.addEventListener("keydown", event => { if (event.key === "Escape") closeOthers(null); });

  const search = document.getElementById("search");
  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  const status = document.getElementById("filter-status");
  const boards = Array.from(document.querySelectorAll("section.board"));
  const comparisons = document.getElementById("comparisons");
  const words = row => Array.from(row.cells, cell => {
    const copy = cell.cloneNode(true);
    copy.querySelectorAll(".why").forEach(panel => panel.remove());
    return copy.textContent;
  }).join(" ").toLowerCase();
  const rowWords = new Map();
  for (const row of document.querySelectorAll("table.sortable tbody tr")) rowWords.set(row, words(row));
  const picked = holder => selects.every(s => !s.value || holder.dataset[s.dataset.filter] === s.value);
  const showRows = (rows, fits) => {
    let shown = 0;
    for (const row of rows) {
      row.hidden = !fits(row);
      shown += !row.hidden;
    }
    return shown;
  };
  const apply = () => {
    const terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    const matches = (text, extra = "") => terms.every(t => text.includes(t) || extra.includes(t));
    let shownBoards = 0;
    for (const board of boards) {
      const fits = picked(board);
      const rows = board.querySelectorAll("tbody tr");
      const shown = showRows(rows, row => fits && matches(rowWords.get(row), board.dataset.words));
      board.hidden = shown === 0;
      document.querySelector(`nav a[href="#${board.id}"]`).parentElement.hidden = board.hidden;
      shownBoards += !board.hidden;
    }
    const shownComparisons = showRows(comparisons.querySelectorAll("tbody tr"),
      row => picked(row) && matches(rowWords.get(row)));
    comparisons.hidden = shownComparisons === 0;
    status.textContent = `${shownBoards} of ${boards.length} boards, ${shownComparisons} comparisons`;
  };
  search.addEventListener("input", apply);
  selects.forEach(s => s.addEventListener("change", apply));
  apply();
})();
"""


def report_html(boards: list[Board], comparisons: pd.DataFrame) -> str:
    """The whole page: filters, an index, every board (chart and table), the comparisons."""
    toc = "".join(
        f'<li><a href="#board-{b.slug}">{esc(b.name)}</a> ({b.shown["variant"].nunique()})</li>' for b in boards
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>claims: leaderboards</title><style>{STYLE}</style></head><body>"
        "<h1>Leaderboards</h1><p>Score claims from the papers' abstracts, one table per benchmark, "
        "ranked by the metric most papers report on it. Values read in human units (2.4 ms, 21M); the "
        "CSVs keep canonical ones.</p>"
        f"{filters_html(boards)}"
        f'<nav><ul>{toc}<li><a href="#comparisons">Comparisons</a> ({len(comparisons)})</li></ul></nav>'
        + "".join(_section(b) for b in boards)
        + f'<section id="comparisons"><h2>Comparisons</h2>{comparisons_html(comparisons)}</section>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def write_report(
    boards: list[Board], comparisons: pd.DataFrame, directory: str | Path, outputs: OutputSet | None = None
) -> Path:
    """reports/index.html: one self-contained page (styles, script and charts inline), committed with the
    run's `outputs`."""
    target = Path(directory) / "index.html"
    write_text(report_html(boards, comparisons), target, outputs)
    return target
