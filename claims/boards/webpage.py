"""The HTML report: every board and the comparisons on one self-contained page.

The page works offline and alone: styles, script and charts (SVG that
claims/boards/chart.py writes) are inline, nothing is fetched. It offers search and
filters (task, area, benchmark, extra training data), tables sortable by any
column (a metric sorts best first), each value opening the sentences it came
from, its number marked, on click, tap, Enter or focus, and a best-score-over-
time chart per board with dated values. It fits a phone: the ranked score comes
right after the model, and tables scroll inside their own box. Papers without a
known arXiv id are said once for the page. All text is escaped (html.escape).
"""

from __future__ import annotations

import dataclasses
import html
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path
from urllib.parse import quote_plus

import pandas as pd

from claims.boards.chart import chart_caption, chart_svg
from claims.boards.leaderboard import Board
from claims.boards.report import (
    DISPUTED,
    Row,
    claim_amount,
    direction_word,
    has_baselines,
    rows,
    shown_value,
    text_or_none,
)
from claims.extraction.vocab import dataset_area
from claims.runtime.io import OutputSet, write_text

ARXIV_SEARCH = "https://arxiv.org/search/?searchtype=title&query="
FILTERS = {"task": "Task", "area": "Area", "benchmark": "Benchmark"}  # data-* attribute -> label
EXTRA_DATA = {"no": "without extra training data", "yes": "with extra training data"}  # data-extra -> option


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
    """A paper as a link: its arXiv page, else an arXiv search for its title (styled apart; the page says once
    what that style means, rather than on every row)."""
    css = "" if link else ' class="search"'
    return f'<a href="{esc(paper_url(title, link))}"{css}>{esc(title)}</a>'


# ---- values that open their sentences ------------------------------------------------------------


def number_places(claims: pd.DataFrame) -> pd.Series:
    """Where each claim's number starts in its sentence (-1: not found).

    Offsets are the abstract's. A sentence's own offset is the one most of its claims agree on, which tells
    which of two same numbers ("1.2% ... 1.2%") is a claim's; a number written once needs no agreement.
    """
    places = [_places(str(s), str(t)) for s, t in zip(claims["sentence"], claims["value_text"], strict=True)]
    keys = list(zip(claims["paper_id"], claims["sentence"], strict=True))
    votes: dict[tuple[str, str], Counter[int]] = {}
    for key, start, found in zip(keys, claims["start"], places, strict=True):
        votes.setdefault(key, Counter()).update(int(start) - p for p in found)
    chosen = []
    for key, start, found in zip(keys, claims["start"], places, strict=True):
        offset = votes[key].most_common(1)[0][0] if votes[key] else None
        chosen.append(int(start) - offset if offset is not None and int(start) - offset in found else [*found, -1][0])
    return pd.Series(chosen, index=claims.index, dtype=int)


def _places(sentence: str, text: str) -> list[int]:
    """Every place `text` starts in `sentence`."""
    places, at = [], sentence.find(text) if text else -1
    while at >= 0:
        places.append(at)
        at = sentence.find(text, at + 1)
    return places


def marked_sentence(claim: pd.Series) -> str:
    """The claim's sentence, escaped, with its number in a <mark> (as written, when it is found there)."""
    sentence, at, text = str(claim["sentence"]), int(claim.get("number_at", -1)), str(claim["value_text"])
    if at < 0:
        return esc(sentence)
    return f"{esc(sentence[:at])}<mark>{esc(text)}</mark>{esc(sentence[at + len(text) :])}"


def _claim_note(claim: pd.Series) -> str:
    """One claim behind a value: amount, paper, date, who cited it, and the sentence with the number marked."""
    source = esc(claim["title"])
    if text_or_none(claim.get("published")):
        source += f" ({esc(claim['published'])})"
    if text_or_none(claim.get("reported_by")):
        source += f", reported by {esc(claim['reported_by'])}"
    return f"<p><strong>{esc(claim_amount(claim))}</strong> · {source}: <q>{marked_sentence(claim)}</q></p>"


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


def _uses_extra_data(row: Row) -> bool:
    """A row's variant is measured with extra training data (Papers with Code's flag; one per variant)."""
    return any(bool(cell["extra_data"].any()) for cell in row.cells.values())


def _papers_td(row: Row) -> str:
    """The row's papers, each with its date where known."""
    dates = {
        str(c["title"]): text_or_none(c.get("published")) for cell in row.cells.values() for _, c in cell.iterrows()
    }
    return _td(
        "; ".join(
            html_link(t, link) + (f' <span class="date">{esc(dates[t])}</span>' if dates.get(t) else "")
            for t, link in row.papers
        ),
        css="paper",
    )


def _board_row(board: Board, row: Row, columns: dict[str, bool], panels: Iterator[str]) -> str:
    """rank, model, the scores (the ranked one first, in view on a phone), extra data and who reported a
    baseline where the board has any, the papers."""
    extra = _uses_extra_data(row)
    return (
        f"<tr{_attrs(data_extra='yes' if extra else 'no')}>"
        + _td(esc(row.rank), "" if row.rank is None else row.rank)
        + _td(esc(row.model), css="name")
        + "".join(_value_td(row.cells.get(c), next(panels), f"{board.name} · {row.model} · {c}") for c in board.columns)
        + (_td("yes" if extra else "", "1" if extra else "0", "extra") if columns["extra data"] else "")
        + (_td(esc(row.reported_by)) if columns["reported by"] else "")
        + _papers_td(row)
        + "</tr>"
    )


def _column_better(board: Board) -> dict[str, str]:
    return board.entries.drop_duplicates("column").set_index("column")["better"].to_dict()


def board_html(board: Board) -> str:
    better = _column_better(board)
    columns = {"extra data": bool(board.entries["extra_data"].any()), "reported by": has_baselines(board)}
    header = [
        ("rank", None),
        ("model", None),
        *((c, better[c]) for c in board.columns),
        *((name, None) for name, shown in columns.items() if shown),
        ("paper", None),
    ]
    panels = (f"why-{board.slug}-{n}" for n in count())
    body = [_board_row(board, row, columns, panels) for row in rows(board)]
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


# ---- the best-over-time chart (claims/boards/chart.py) ------------------------------------------------


def _chart_html(board: Board) -> str:
    try:
        svg = chart_svg(board)
    except Exception as error:  # noqa: BLE001 -- a chart that cannot be drawn costs its board the chart only
        print(f"error: board {board.slug}: chart left out: {type(error).__name__}: {error}", file=sys.stderr)
        return ""
    if svg is None:
        return ""
    legend = '<span class="key dot"></span> a paper\'s value <span class="key line"></span> best so far'
    return (
        f'<figure class="over-time">{svg}<div class="tip" role="status" hidden></div>'
        f'<figcaption><span class="legend">{legend}</span> {esc(chart_caption(board))}</figcaption></figure>'
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


def _extra_select(boards: list[Board]) -> str:
    """The extra-data filter: rows with or without extra training data (Papers with Code's flag)."""
    flagged = sum(int(b.shown.drop_duplicates("variant")["extra_data"].sum()) for b in boards)
    options = "".join(f'<option value="{value}">{esc(label)}</option>' for value, label in EXTRA_DATA.items())
    return (
        f'<label>Training data <select id="filter-extra" data-rows="extra">'
        f'<option value="">all ({flagged} rows with extra data)</option>{options}</select></label>'
    )


def filters_html(boards: list[Board]) -> str:
    selects = "".join(
        _select(name, label, (_board_filters(b)[name] for b in boards)) for name, label in FILTERS.items()
    )
    return (
        '<div class="filters" role="search">'
        '<label>Search <input type="search" id="search" placeholder="model, paper, benchmark"'
        ' autocomplete="off"></label>'
        f'{selects}{_extra_select(boards)}<p id="filter-status" aria-live="polite">{len(boards)} boards</p></div>'
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
td.name{min-width:10rem;max-width:16rem;overflow-wrap:anywhere;hyphens:auto}
td.paper{min-width:18rem}
td.extra{text-align:center}
.date{color:#666;white-space:nowrap}
a.search,span.search{text-decoration:underline dotted}
mark{background:#ffe066;color:inherit;font-weight:600;padding:0 .1em;border-radius:2px}
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
figure{margin:0;position:relative;max-width:40rem}
svg.chart{display:block;width:100%;height:auto;font:11px system-ui,sans-serif}
svg.chart .axis{stroke:#555}
svg.chart .grid{stroke:#e5e5e5}
svg.chart .tick{fill:#555}
svg.chart .label{fill:#222;font-size:12px}
svg.chart .best{fill:none;stroke:#d9480f;stroke-width:2}
svg.chart .pt{fill:#1c7ed6;fill-opacity:.55;stroke:#1c7ed6;cursor:pointer}
svg.chart .pt.record{fill-opacity:1}
svg.chart .pt:focus,svg.chart .pt:hover{stroke:#000;stroke-width:2;outline:none}
.tip{position:absolute;z-index:1;max-width:18rem;pointer-events:none;background:#222;color:#fff;
  padding:.25rem .5rem;border-radius:4px;font-size:.85em}
figcaption{color:#555;font-size:.9em}
.legend{display:block}
.key{display:inline-block;vertical-align:middle}
.key.dot{width:.7em;height:.7em;border-radius:50%;background:#1c7ed6}
.key.line{width:1.2em;height:2px;background:#d9480f;margin-left:.6em}
nav ul{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;padding:0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;background:#fff;
  padding:.5rem 0;border-bottom:1px solid #ddd;z-index:1}
@media (min-width:48rem){.filters{position:sticky;top:0}section{scroll-margin-top:4rem}}
.filters p{margin:0;color:#555}
.filters input,.filters select{font:inherit;max-width:100%}
.filters label{max-width:100%}
@media (max-width:40rem){svg.chart{font-size:17px}svg.chart .label{font-size:17px}
  body{padding:.5rem}th,td{padding:.25rem .3rem}td.name{min-width:8rem;max-width:10rem}
  td.paper{min-width:12rem}}
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
  const extra = document.getElementById("filter-extra");
  const picked = holder => selects.every(s => !s.value || holder.dataset[s.dataset.filter] === s.value);
  const extraFits = row => !extra.value || !row.dataset.extra || row.dataset.extra === extra.value;
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
      const shown = showRows(rows, row => fits && extraFits(row) && matches(rowWords.get(row), board.dataset.words));
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
  extra.addEventListener("change", apply);
  apply();

  // A chart point's tip (model, value, paper) on hover, focus or tap, placed beside the point.
  const showTip = point => {
    const figure = point.closest("figure"), tip = figure.querySelector(".tip");
    const box = point.getBoundingClientRect(), frame = figure.getBoundingClientRect();
    tip.textContent = point.dataset.tip;
    tip.hidden = false;
    const left = Math.min(box.left - frame.left + 10, frame.width - tip.offsetWidth);
    tip.style.left = `${Math.max(0, left)}px`;
    tip.style.top = `${Math.max(0, box.top - frame.top - tip.offsetHeight - 6)}px`;
  };
  const hideTips = () => document.querySelectorAll("figure .tip").forEach(tip => { tip.hidden = true; });
  for (const point of document.querySelectorAll("svg.chart circle.pt")) {
    point.addEventListener("mouseenter", () => showTip(point));
    point.addEventListener("focus", () => showTip(point));
    point.addEventListener("click", () => showTip(point));
    point.addEventListener("mouseleave", hideTips);
    point.addEventListener("blur", hideTips);
  }
})();
"""


def _with_number_places(boards: list[Board], comparisons: pd.DataFrame) -> tuple[list[Board], pd.DataFrame]:
    """Boards and comparisons whose claims know where their number is in the sentence (`number_at`)."""
    marked = [dataclasses.replace(b, entries=b.entries.assign(number_at=number_places(b.entries))) for b in boards]
    return marked, comparisons.assign(number_at=number_places(comparisons))


def unknown_links_note(boards: list[Board], comparisons: pd.DataFrame) -> str:
    """Said once for the page: how many papers have no known arXiv id, and what their links do instead."""
    fields = ["paper_id", "link", "published"]
    papers = pd.concat([b.shown[fields] for b in boards] + [comparisons[fields]]).drop_duplicates("paper_id")
    unknown, undated = int(papers["link"].isna().sum()), int(papers["published"].isna().sum())
    if not unknown and not undated:
        return ""
    return (
        f'<p class="note">{unknown} of {len(papers)} papers have no known arXiv id: their titles '
        '(<span class="search">dotted underline</span>) open an arXiv search for the title instead of the paper. '
        f"{undated} have no known date: they are in the tables, not on the over-time charts. A paper read "
        "from the arXiv metadata snapshot or the Hugging Face daily-papers API has both.</p>"
    )


def report_html(boards: list[Board], comparisons: pd.DataFrame) -> str:
    """The whole page: filters, an index, every board (chart and table), the comparisons."""
    boards, comparisons = _with_number_places(boards, comparisons)
    toc = "".join(
        f'<li><a href="#board-{b.slug}">{esc(b.name)}</a> ({b.shown["variant"].nunique()})</li>' for b in boards
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>claims: leaderboards</title><style>{STYLE}</style></head><body>"
        "<h1>Leaderboards</h1><p>Score claims from the papers' abstracts, one table per benchmark, "
        "ranked by the metric most papers report on it. Values read in human units (2.4 ms, 21M); the "
        f"CSVs keep canonical ones.</p>{unknown_links_note(boards, comparisons)}"
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
