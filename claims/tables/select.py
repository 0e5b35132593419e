"""Which claims of a full paper go on its leaderboards.

A leaderboard shows a paper's result once per benchmark, split and metric: its best own model's, as
Papers with Code's rows do. Abstract claims go on boards as they always have, but for a full paper
with results tables only those a table's number or a shown body result on their benchmark and metric
backs. Of the table and text claims on the test set whose metric measures quality (not "performance" in
general, nor a cost such as parameters), of a table that compares with cited work or whose caption names
its benchmark or presents the paper's own models (the others analyse variants), per (paper, dataset,
metric) the one shown is the paper's own result:

- stated in a table over one stated in the text;
- in a table that compares with cited work (the paper's main results) over one that does not;
- with its benchmark named by the table (header, caption, a task's benchmark) over the paper's main one;
- bold (the paper's mark of its best) over others, then the best value in the metric's direction.

Cited baselines' scores in tables go on the boards as restated baselines (`own` false), one per
(model, dataset, metric), beside the paper's own result on that benchmark and metric (what the paper
compares with). Rows of other models (neither the paper's own nor cited), development-set
numbers and cells whose metric or dataset is unknown stay in the claims table only.
"""

from __future__ import annotations

import pandas as pd

from claims.boards.leaderboard import _better
from claims.extraction.vocab import metric_info
from claims.tables.understand import GENERIC_METRICS, board_words, says

_BODY = ("table", "text")


def _quality(metric: object) -> bool:
    """A measure a leaderboard ranks by: not "performance" in general, a cost, nor the precision or recall an
    F1 combines (schemas/tables.toml [boards] components)."""
    info = metric_info(str(metric))
    if metric in GENERIC_METRICS or metric in board_words()["components"]:
        return False
    return not (info is not None and info.is_efficiency)


def _comparing(claims: pd.DataFrame) -> set[tuple[str, str]]:
    """(paper, table) of the tables that compare with cited work: a paper's main results tables."""
    tables = claims[claims["origin"].eq("table")]
    return set(map(tuple, tables.loc[tables["role"].eq("baseline"), ["paper_id", "table_id"]].to_numpy()))


def _main_or_captioned(claims: pd.DataFrame) -> pd.Series:
    """Table claims of a table comparing with cited work, or captioned with its benchmark or as the paper's
    own models' results; a table that is none of these analyses the paper's variants (per benchmark, per
    setting) rather than stating its results."""
    comparing = _comparing(claims)
    main = pd.Series(
        [(p, t) in comparing for p, t in zip(claims["paper_id"], claims["table_id"], strict=True)], index=claims.index
    )
    captions = claims["sentence"].fillna("").str.split(" [row: ", n=1, regex=False).str[0]
    own = captions.map(lambda caption: says(caption, "caption", "own")).astype(bool)
    return ~claims["origin"].eq("table") | main | claims["dataset_from"].eq("caption") | own


def _ranked(own: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Own results in order of preference (see the module's docstring)."""
    comparing = _comparing(claims)
    lower = own["metric"].map(_better).eq("lower")
    return own.assign(
        _table=own["origin"].eq("table"),
        _main=[(p, t) in comparing for p, t in zip(own["paper_id"], own["table_id"], strict=True)],
        _named=own["dataset_from"].ne("paper"),
        _bold=own["bold"].fillna(False).astype(bool),
        _signed=own["value"].where(~lower, -own["value"]),
    ).sort_values(["_table", "_main", "_named", "_bold", "_signed"], ascending=False, kind="stable")


def _unconfirmed(claims: pd.DataFrame, best: pd.DataFrame) -> pd.Series:
    """Abstract claims of a full paper with results tables that neither a table's number nor a shown body
    result on the same benchmark and metric backs: a headline number the tables do not hold is of another
    setting (a cost, a cited result, another benchmark). Where the body gives its own result on the same
    benchmark and metric, the abstract's stays beside it (a disagreement is for the reader to see)."""
    tables = claims[claims["origin"].eq("table")]
    stated = set(zip(tables["paper_id"], tables["value"].round(6), strict=True))
    shown = set(zip(best["paper_id"], best["dataset"], best["metric"], strict=True))
    abstract = claims["origin"].eq("abstract") & claims["paper_id"].isin(set(tables["paper_id"]))
    keys = zip(claims["paper_id"], claims["value"].round(6), claims["dataset"], claims["metric"], strict=True)
    backed = [(p, v) in stated or (p, d, m) in shown for p, v, d, m in keys]
    return abstract & ~pd.Series(backed, index=claims.index)


def board_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims a run's boards take: every abstract claim, and of table and text claims the paper's
    shown own result per (dataset, metric) and its cited baselines."""
    if "origin" not in claims:
        return claims
    body = claims["origin"].isin(_BODY)
    usable = body & claims["dataset"].notna() & claims["metric"].notna() & claims["kind"].eq("score")
    usable &= claims["split_kind"].isna() & claims["metric"].map(_quality).astype(bool) & _main_or_captioned(claims)
    own = claims[usable & claims["own"].eq(True)]
    best = _ranked(own, claims).drop_duplicates(["paper_id", "dataset", "metric"])
    cited = claims[usable & claims["role"].eq("baseline") & claims["origin"].eq("table")]
    shown = set(map(tuple, best[["paper_id", "dataset", "metric"]].to_numpy()))
    beside = [tuple(k) in shown for k in cited[["paper_id", "dataset", "metric"]].to_numpy()]
    cited = cited[beside].drop_duplicates(["paper_id", "model", "dataset", "metric"])
    kept = claims[~body & ~_unconfirmed(claims, best)].index.union(best.index).union(cited.index)
    return claims.loc[kept.sort_values()]
