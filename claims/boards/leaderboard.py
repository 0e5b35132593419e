"""Leaderboards: validated claims pivoted into one ranked table per benchmark.

This module only builds DataFrames (claims in, boards and comparisons out);
claims/boards/report.py renders them to CSV, Markdown and HTML, so the same boards
can be checked, tested or rendered differently without touching the rules.

Rules, in one place:
- a board is a task on a canonical benchmark (vocab.canonical_dataset merges
  aliases) under one set of conditions: the split where the vocabulary lists
  splits apart (its default split is no split), and the settings that make
  numbers incomparable (zero-shot, 10-shot, unseen, 384px, extra data, ...);
  the task and conditions come from claims/extraction/setting.py; a board never ranks two
  numbers whose conditions differ; score claims only, never a share of another
  system's quality;
- a row is a model named with its stated conditions ("ViT-L (zero-shot)"); one
  paper's several values for one row and column (sizes it did not name) show
  its best, the others kept unshown, with the values it pairs in other columns;
- a column per (metric, unit): values of different units never share one, nor
  metric variants (top-1 / top-5, FID / FID-5K); a generic name of the task's
  metric is that metric ("AP" on detection: box AP; "performance": the board's
  headline metric, else no column);
- rank by the task's headline metric, else the benchmark's primary one, else
  the quality column most papers report, in the direction the vocabulary or
  the metric's name gives; without one, the board is unranked;
- every claim is kept; per (row, column) one is shown: an exact value over
  a bounded one, then the newest paper, then the first stated in the abstract;
  the cell is disputed when papers' values differ;
- a claim without a model becomes the row "(unnamed, <short paper title>)",
  so that a paper's number is ranked rather than lost;
- a baseline's score stated in another paper's abstract (or an unnamed level
  beside a named one) is a row of its own, with `reported_by` = the citing
  paper's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import quote

import numpy as np
import pandas as pd

from claims.extraction.setting import conditions, tasks
from claims.extraction.vocab import (
    better_of,
    canonical_dataset,
    canonical_metric,
    dataset_area,
    metric_info,
    primary_metric,
)
from claims.schemas.tables import LeaderboardSchema

ARXIV_ABS = "https://arxiv.org/abs/"
BOUND_PREFIX = {"=": "", "~": "~", "<=": "<= ", "<": "< ", ">=": ">= ", ">": "> "}
UNIT_SUFFIX = {"%": "%", "x": "x", "1": ""}
COMPARISON_COLUMNS = [
    "dataset", "task", "model", "baseline", "metric", "kind", "amount", "direction", "value", "unit",
    "bound", "value_text", "title", "paper_id", "arxiv_id", "link", "published", "sentence", "start",
    "end", "context",
]  # fmt: skip
PROVENANCE = ("origin", "table_id", "row", "col")  # of a claim read from a full paper (claims/tables)
SHORT_TITLE = 40
UNNAMED = "(unnamed, "  # the row of a paper's result that names no model: "(unnamed, <short title>)"
UNKNOWN = "unknown"  # a metric whose direction neither the vocabulary nor its name tells


@dataclass(frozen=True)
class Board:
    """One benchmark's leaderboard: every score claim on it, ranked (LeaderboardSchema)."""

    dataset: str
    task: str | None
    slug: str
    columns: tuple[str, ...]  # metric columns, the primary (ranking) one first
    entries: pd.DataFrame
    area: str | None = None  # the benchmark's area in the vocabulary ("vision", "nlp", ...)
    split: str | None = None  # the subset, split or pair of the benchmark, where the vocabulary says they differ
    conditions: tuple[str, ...] = ()  # the settings every number on the board was measured under ("zero-shot")
    extra_data: bool = False  # every number on the board used training data beyond the benchmark's own

    @property
    def primary(self) -> str:
        return self.columns[0]

    @property
    def higher_is_better(self) -> bool:
        return bool(self.entries.loc[self.entries["primary"], "better"].iloc[0] == "higher")

    @property
    def ranked(self) -> bool:
        """Whether the primary metric has a direction (else the board lists its models unranked)."""
        return bool(self.entries.loc[self.entries["primary"], "better"].iloc[0] != UNKNOWN)

    @property
    def name(self) -> str:
        """ "COCO test-dev (object detection)", "ImageNet (image classification; zero-shot)"."""
        benchmark = f"{self.dataset} {self.split}" if self.split else self.dataset
        about = "; ".join(filter(None, [self.task, ", ".join(self.conditions)]))
        return f"{benchmark} ({about})" if about else benchmark

    @property
    def setting(self) -> str | None:
        """The conditions as the entries' `setting` column writes them."""
        return ", ".join(self.conditions) or None

    @property
    def shown(self) -> pd.DataFrame:
        return self.entries[self.entries["shown"]]

    def table(self) -> pd.DataFrame:
        """Rows = models in rank order, columns = metrics, cells = the shown values."""
        shown = self.shown
        wide = shown.pivot(index="variant", columns="column", values="value").reindex(columns=list(self.columns))
        order = shown.drop_duplicates("variant")[["variant", "rank", "model", "setting"]].set_index("variant")
        return order.join(wide).reset_index()[["rank", "variant", "model", "setting", *self.columns]]

    def leader(self) -> pd.Series:
        """The shown primary entry of the top-ranked model stated by its own paper (a baseline's number, stated
        by a citing paper, leads only a board that has nothing else)."""
        first = self.shown[self.shown["primary"]]
        own = first[first["reported_by"].isna()]
        return (own if len(own) else first).iloc[0]


def slug(text: str) -> str:
    """A file-name and anchor-safe form of a board name: "Kinetics-400" -> "kinetics-400"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "board"


# the leaderboards folder's own files (claims.boards.report, claims.boards.export): no board may be named like them
RESERVED_NAMES = frozenset({"readme", "comparisons", "model-index", "evaluation-tables"})


def file_name(name: str, used: set[str]) -> str:
    """A board's file name that no other board's nor a fixed output's can be, even on a file system that does
    not tell case apart (macOS, Windows, SMB shares): "comparisons" -> "comparisons-2"; `used` grows by it."""
    base, number = name, 1
    while name.casefold() in used or name.casefold() in RESERVED_NAMES:
        number += 1
        name = f"{base}-{number}"
    used.add(name.casefold())
    return name


def format_number(value: float, bound: str = "=") -> str:
    """A value as a leaderboard cell shows it: six significant digits, bound as a prefix."""
    return f"{BOUND_PREFIX[bound]}{value:.6g}"


def format_amount(value: float, unit: str, bound: str = "=") -> str:
    """A value with its canonical unit: "1.4x", "~2.6%", "0.0024 s"."""
    return format_number(value, bound) + UNIT_SUFFIX.get(unit, f" {unit}")


def column_label(metric: str, unit: str) -> str:
    """Column header: the metric with its canonical unit, bare for unitless scores ("FID")."""
    return metric if unit == "1" else f"{metric} ({unit})"


def _short_title(title: str) -> str:
    head = title.split(":", 1)[0].strip()
    if ":" in title and len(head) <= SHORT_TITLE:
        return head
    if len(title) <= SHORT_TITLE:
        return title
    return title[:SHORT_TITLE].rsplit(" ", 1)[0] + "…"


def _row_names(frame: pd.DataFrame) -> pd.Series:
    """The model, or a per-paper placeholder row name when the claim names none."""
    model = frame["model"].str.strip().replace("", None)
    unnamed = frame[model.isna()]
    name = UNNAMED + unnamed["title"].map(_short_title)
    shared = unnamed.groupby(name)["paper_id"].transform("nunique") > 1  # two papers, one short title
    name = name.where(~shared, name + " #" + unnamed["paper_id"].str[:6])
    return model.fillna(name + ")")


def _prepared(claims: pd.DataFrame, papers: pd.DataFrame | None) -> pd.DataFrame:
    """Claims with canonical names, row names and the papers' date and arXiv link."""
    frame = claims.reset_index(drop=True)
    meta = ["published", "arxiv_id"]
    if papers is not None:
        frame = frame.merge(papers[["paper_id", *meta]], on="paper_id", how="left")
    else:
        frame = frame.assign(published=None, arxiv_id=None)
    frame[meta] = frame[meta].astype(object).where(frame[meta].notna(), None)
    return frame.assign(
        dataset=frame["dataset"].map(canonical_dataset, na_action="ignore"),
        metric=frame["metric"].map(canonical_metric, na_action="ignore"),
        model=_row_names(frame),
        link=frame["arxiv_id"].map(lambda a: ARXIV_ABS + quote(a, safe="/.") if a else None).astype(object),
    )


def _reported_by(scores: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """The citing paper's title for a baseline's score, else None.

    A score is a baseline's when its model is the baseline of a comparison in
    the same paper, or its context calls it a baseline, or it names no model
    in a sentence that gives a named model a score of the same metric on the
    same benchmark: the other level of a comparison ("37.3 -> 23.8 FID").
    """
    compared = {
        (p, b.casefold()) for p, b in zip(claims["paper_id"], claims["baseline"], strict=True) if isinstance(b, str)
    }
    as_baseline = pd.Series(
        [(p, m.casefold()) in compared for p, m in zip(scores["paper_id"], scores["model"], strict=True)],
        index=scores.index,
    )
    said = scores["context"].fillna("").str.contains(r"\bbaseline", case=False, regex=True)
    cited = scores["own"].eq(False) if "own" in scores else False  # a table's cited row, a text's baseline
    return scores["title"].where(as_baseline | said | cited | _other_level(scores), None).astype(object)


def _other_level(scores: pd.DataFrame) -> pd.Series:
    """Unnamed scores beside a named one of the same paper, sentence, benchmark and metric."""
    unnamed = scores["model"].str.startswith(UNNAMED)
    key = ["paper_id", "sentence", "dataset", "metric"]
    named_keys = set(map(tuple, scores.loc[~unnamed, key].itertuples(index=False)))
    beside = pd.Series([tuple(k) in named_keys for k in scores[key].itertuples(index=False)], index=scores.index)
    return unnamed & beside


def _variants(scores: pd.DataFrame) -> pd.DataFrame:
    """Each claim's board split and row: its model under the settings that make numbers incomparable
    (zero-shot or fine-tuned, extra training data, resolution, ...), read from its context."""
    found = [conditions(c, d) for c, d in zip(scores["context"], scores["dataset"], strict=True)]
    setting = pd.Series([f.setting for f in found], index=scores.index, dtype=object)
    variant = scores["model"].where(setting.isna(), scores["model"] + " (" + setting.fillna("") + ")")
    return scores.assign(
        split=pd.Series([f.split for f in found], index=scores.index, dtype=object),
        setting=setting,
        extra_data=[f.extra_data for f in found],
        variant=variant,
    )


def _unshown_alternatives(entries: pd.DataFrame, primary: str) -> pd.Series:
    """One paper's several values for one row and column ("82.2% and 84.3% for SMT's two sizes") are sizes or
    settings it did not name: the row shows the paper's best primary value, and in other columns the values
    stated with it (the i-th of as many, else the nearest); True for the claims it does not show. Never a
    "disputed" cell (kept for papers that disagree)."""
    other = pd.Series(False, index=entries.index)
    # one value per origin is one result the paper states twice: where they differ, the cell is disputed
    stated = entries.groupby(["paper_id", "variant", "origin", "column"], dropna=False, sort=False)["value"].nunique()
    several = {(paper, variant) for (paper, variant, _, _), count in stated.items() if count >= 2}
    for key, group in entries.groupby(["paper_id", "variant"], sort=False):
        if key not in several:
            continue  # most rows: one value a cell (counted once for all rows, not group by group)
        counts = group.groupby(["origin", "column"], dropna=False)["value"].nunique().groupby("column").max()
        lead = primary if counts.get(primary, 0) >= 2 else counts.idxmax()
        anchors = _stated(group[group["column"] == lead])
        numbers = pd.Series(
            [n for _, cell in group.groupby("column") for n in _numbered(cell, anchors)],
            index=[i for _, cell in group.groupby("column") for i in cell.index],
        )
        other[numbers.index] = numbers != _best_number(group, numbers, primary)
    return other


def _numbered(cell: pd.DataFrame, anchors: list[tuple[int, float]]) -> list[int]:
    """Which of the lead column's values each claim of a column goes with: in order when the column states as
    many values, else the nearest."""
    stated = [value for _, value in _stated(cell)]
    if len(stated) == len(anchors):
        return [stated.index(value) for value in cell["value"]]
    return [min(range(len(anchors)), key=lambda i: abs(anchors[i][0] - start)) for start in cell["start"]]


def _best_number(group: pd.DataFrame, numbers: pd.Series, primary: str) -> int:
    """The alternative the row shows: the one with the best primary value, else the first stated."""
    first = group[group["column"] == primary]
    if first.empty or first["better"].iloc[0] == UNKNOWN:
        return 0
    best = first["value"].idxmax() if first["better"].iloc[0] == "higher" else first["value"].idxmin()
    return int(numbers[best])


def _stated(cell: pd.DataFrame) -> list[tuple[int, float]]:
    """A column's distinct values in the order the abstract first states them, each with that place."""
    first = cell.sort_values("start").drop_duplicates("value")
    return list(zip(first["start"], first["value"], strict=True))


def _stated_costs(frame: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """A model's costs (parameters, FLOPs, latency) that its paper states without naming a benchmark, on every
    board where the same paper scores the same model, in the row of that score ("SMT with 11.5M / 2.4GFLOPs
    ... achieves 82.2%"); several of them pair with the scores in order (`_unshown_alternatives`)."""
    cost = frame["metric"].map(lambda m: bool(metric_info(m) and metric_info(m).is_efficiency), na_action="ignore")
    costs = frame[(frame["kind"] == "score") & frame["dataset"].isna() & cost.fillna(False).astype(bool)]
    key = ["paper_id", "model", "dataset", "task", "split", "setting"]
    rows = scores[[*key, "variant", "extra_data", "reported_by"]].drop_duplicates(key)
    joined = costs.drop(columns=[c for c in rows.columns if c in costs and c not in ("paper_id", "model")]).merge(
        rows, on=["paper_id", "model"]
    )
    return joined.assign(
        column=[column_label(m, u) for m, u in zip(joined["metric"], joined["unit"], strict=True)],
        better=joined["metric"].map(_better),
    )


def _task_metric(metric: str, task: object, dataset: str, unit: str) -> str | None:
    """A generic metric named for what it means on the board: "AP" on object detection is box AP (tasks.toml
    `same`); "performance" is the board's headline metric where the units agree, else it is no column (None);
    "accuracy" is the headline metric where that is a kind of accuracy (top-1 on ImageNet)."""
    info = tasks().get(task) if isinstance(task, str) else None
    if info is not None and info.metric and metric in info.same:
        return info.metric
    generic = metric_info(metric).generic if metric_info(metric) else None
    if generic is None:
        return metric
    headline = (info.metric if info is not None else None) or primary_metric(dataset)
    known = metric_info(headline) if headline else None
    if generic == "vague":
        return headline if known is not None and known.unit == unit else None
    return headline if known is not None and metric in headline and known.unit == unit else metric


def _is_share(metric: str) -> bool:
    info = metric_info(metric)
    return info is not None and info.share


def _better(metric: str) -> str:
    """The metric's direction from the vocabulary or its name ("error", "loss", "FID"-like: lower)."""
    return better_of(metric) or UNKNOWN


def _primary_column(entries: pd.DataFrame, task: str | None, dataset: str) -> str:
    """The task's headline metric, else the benchmark's primary one, where the board has it; else the quality
    column most papers report (ties: more claims, a vocabulary metric, then by name). A cost (parameters,
    latency) ranks a board only when it has nothing else."""
    stats = entries.groupby("column").agg(
        papers=("paper_id", "nunique"), claims=("value", "size"), metric=("metric", "first")
    )
    headline = [tasks()[task].metric if task in tasks() else None, primary_metric(dataset)]
    for metric in filter(None, headline):
        if (stats["metric"] == metric).any():
            return str(stats.index[stats["metric"] == metric][0])
    stats["known"] = stats["metric"].map(lambda m: metric_info(m) is not None)
    stats["quality"] = stats["metric"].map(lambda m: not (metric_info(m) and metric_info(m).is_efficiency))
    stats = stats.reset_index().sort_values(
        ["quality", "papers", "claims", "known", "column"], ascending=[False, False, False, False, True]
    )
    return str(stats["column"].iloc[0])


def _column_order(entries: pd.DataFrame, primary: str) -> tuple[str, ...]:
    papers = entries.groupby("column")["paper_id"].nunique()
    rest = sorted((c for c in papers.index if c != primary), key=lambda c: (-papers[c], c))
    return (primary, *rest)


def _mark_shown(entries: pd.DataFrame, primary: str) -> pd.DataFrame:
    """One shown claim per (model, column) (exact over bounded, a table's cell over a sentence, then the newest
    paper, then the first stated), and whether its cell is disputed: papers that state different values, or
    one paper's table and abstract (a paper's unshown alternatives never dispute a cell)."""
    cell = ["variant", "column"]
    other = _unshown_alternatives(entries, primary)
    order = entries.assign(
        _own=~other,
        _exact=entries["bound"] == "=",
        _cell=entries["origin"].eq("table"),  # a paper's table states its result as measured; its abstract, rounded
        _date=paper_dates(entries["published"]),
    ).sort_values(
        ["_own", "_exact", "_cell", "_date", "paper_id", "start"],
        ascending=[False, False, False, False, True, True],
        na_position="last",
    )
    shown = order.groupby(cell).cumcount() == 0
    values = order["value"].where(order["_own"])
    grouped = values.groupby([order[c] for c in cell])
    spread = pd.Series(
        ~np.isclose(grouped.transform("min"), grouped.transform("max")), index=order.index
    )  # a cell's own values differ (no own value at all counts as differing, as NaN is close to nothing)
    return entries.assign(shown=shown.reindex(entries.index), disputed=spread.reindex(entries.index).astype(bool))


def _ranked(entries: pd.DataFrame, primary: str) -> pd.DataFrame:
    """Rank models by their shown primary value (ties share a rank), then order the rows."""
    first = entries[entries["shown"] & (entries["column"] == primary)]
    ascending = first["better"].iloc[0] == "lower"
    ranks = first.set_index("variant")["value"].rank(method="min", ascending=ascending).astype("Int64")
    if first["better"].iloc[0] == UNKNOWN:
        ranks = pd.Series(pd.NA, index=ranks.index, dtype="Int64")  # no direction, no order: listed unranked
    ranked = entries.assign(rank=entries["variant"].map(ranks).astype("Int64"), primary=entries["column"] == primary)
    position = {c: i for i, c in enumerate(_column_order(entries, primary))}
    ranked = ranked.assign(_col=ranked["column"].map(position), _date=paper_dates(ranked["published"]))
    ranked = ranked.sort_values(
        ["rank", "variant", "_col", "shown", "_date", "start"],
        ascending=[True, True, True, False, False, True],
        na_position="last",
    )
    return ranked.drop(columns=["_col", "_date"]).reset_index(drop=True)


def _board(key: tuple[str, str | None, str | None, str | None], entries: pd.DataFrame, used: set[str]) -> Board:
    dataset, task, split, setting = key
    primary = _primary_column(entries, task, dataset)
    entries = entries.assign(dataset=dataset, task=task, split=split)
    entries = _ranked(_mark_shown(entries, primary), primary)
    name = file_name(slug("--".join(part for part in (dataset, split, task, setting) if part)), used)
    entries = entries[list(LeaderboardSchema.to_schema().columns)]  # checked with every board's (validated)
    found = conditions(entries["context"].iloc[0], dataset)
    return Board(
        dataset, task, name, _column_order(entries, primary), entries, dataset_area(dataset), split,
        found.settings, bool(entries["extra_data"].all()),
    )  # fmt: skip


def build_leaderboards(claims: pd.DataFrame, papers: pd.DataFrame | None = None) -> list[Board]:
    """One board per task on a benchmark under one set of conditions (the split, where the vocabulary says
    splits differ, and the settings that make numbers incomparable) from the score claims, largest first."""
    frame = _prepared(claims.assign(**{c: None for c in PROVENANCE if c not in claims}), papers)
    scores = frame[(frame["kind"] == "score") & frame["dataset"].notna() & frame["metric"].notna()]
    scores = scores[~scores["metric"].map(_is_share).astype(bool)]  # "maintaining 99% performance": no score of a board
    scores = scores.assign(task=scores["task"].astype(object).where(scores["task"].notna(), None))
    named = zip(scores["metric"], scores["task"], scores["dataset"], scores["unit"], strict=True)
    metric = [_task_metric(*row) for row in named]
    scores = scores.assign(metric=pd.Series(metric, index=scores.index, dtype=object))
    scores = scores[scores["metric"].notna()]  # a vague word ("performance") where the board's metric is unknown
    scores = scores.assign(
        reported_by=_reported_by(scores, frame),
        column=[column_label(m, u) for m, u in zip(scores["metric"], scores["unit"], strict=True)],
        better=scores["metric"].map(_better),
    )
    scores = _variants(scores)
    scores = pd.concat([scores, _stated_costs(frame, scores)], ignore_index=True)
    used: set[str] = set()
    keys = ["dataset", "task", "split", "setting"]
    groups = sorted(
        scores.groupby(keys, dropna=False, sort=False),
        key=lambda kv: (-kv[1]["variant"].nunique(), *map(str, kv[0])),
    )
    return validated([_board(tuple(None if pd.isna(k) else k for k in key), group, used) for key, group in groups])


def validated(boards: list[Board]) -> list[Board]:
    """The boards, their entries checked against LeaderboardSchema all at once: its checks go board by board
    (they group by the board's key), and one validation of all is many times cheaper than one per board."""
    if not boards:
        return boards
    checked = LeaderboardSchema.validate(pd.concat([b.entries for b in boards], keys=range(len(boards))))
    # Arrow-backed text costs a conversion per value that renderers read row by row: Python objects instead
    checked = checked.astype({c: object for c, t in checked.dtypes.items() if isinstance(t, pd.StringDtype)})
    return [replace(b, entries=checked.loc[i]) for i, b in enumerate(boards)]


def build_comparisons(claims: pd.DataFrame, papers: pd.DataFrame | None = None) -> pd.DataFrame:
    """Delta and ratio claims across papers: who beats whom, by how much, where."""
    frame = _prepared(claims, papers)
    frame = frame[frame["kind"].isin(["delta", "ratio"])]
    frame = frame.assign(
        amount=[format_amount(v, u, b) for v, u, b in zip(frame["value"], frame["unit"], frame["bound"], strict=True)]
    )
    order = ["dataset", "metric", "model", "title", "start"]
    return frame.sort_values(order, na_position="last")[COMPARISON_COLUMNS].reset_index(drop=True)


CHART_YEARS = (1900, 2199)  # papers dated outside these years are listed but not charted (as undated)


def paper_dates(published: pd.Series) -> pd.Series:
    """The papers' dates: ISO dates, made so at load (claims.ingest.fields); anything else is no date."""
    return pd.to_datetime(published, format="%Y-%m-%d", errors="coerce")


def progress(board: Board) -> pd.DataFrame:
    """The entries whose values the ranking uses, over time (`date`), with the best so far (`best`).

    Shown primary values of the papers' own results (a cited baseline's date is
    the citing paper's, not its own): dated ones oldest first, then undated ones,
    so that the last best is the leader's value whenever the leader is an own result.
    """
    shown = board.shown
    own = shown[shown["primary"] & shown["reported_by"].isna() & board.ranked]  # no direction, no "best"
    dates = paper_dates(own["published"])
    dated = own.assign(date=dates.where(dates.dt.year.between(*CHART_YEARS)))  # others kept, not charted
    dated = dated.sort_values(["date", "start"], na_position="last")
    best = dated["value"].cummax() if board.higher_is_better else dated["value"].cummin()
    return dated.assign(best=best).reset_index(drop=True)
