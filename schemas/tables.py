"""pandera schemas of the papers and claims tables: the contract of GUIDELINES.md.

Every run checks its tables against these; rows that fail are moved to a
quarantine table with the failing check (claims/extraction/validate.py), never dropped.
"""

from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

UNITS = ["%", "x", "s", "1/s", "count", "B", "J", "W", "dB", "m", "Hz", "1"]
KINDS = ["score", "delta", "ratio"]
DIRECTIONS = ["up", "down"]
BOUNDS = ["=", "~", "<=", "<", ">=", ">"]


class PapersSchema(pa.DataFrameModel):
    """One row per distinct paper (same normalized title = same paper)."""

    paper_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    abstract: Series[str]
    published: Series[str] = pa.Field(nullable=True)
    authors: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    upvotes: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    arxiv_id: Series[str] = pa.Field(nullable=True)
    sources: Series[object] = pa.Field(description="files the paper was read from")

    class Config:
        strict = False
        coerce = True


class ClaimsSchema(pa.DataFrameModel):
    """One row per claimed number, with its provenance in the abstract."""

    paper_id: Series[str]
    title: Series[str]
    value_text: Series[str] = pa.Field(str_length={"min_value": 1}, description="verbatim from the abstract")
    value: Series[float] = pa.Field(description="in the canonical unit")
    unit: Series[str] = pa.Field(isin=UNITS)
    kind: Series[str] = pa.Field(isin=KINDS)
    direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS)
    bound: Series[str] = pa.Field(isin=BOUNDS)
    metric: Series[str] = pa.Field(nullable=True)
    dataset: Series[str] = pa.Field(nullable=True)
    model: Series[str] = pa.Field(nullable=True)
    baseline: Series[str] = pa.Field(nullable=True)
    task: Series[str] = pa.Field(nullable=True)
    context: Series[str] = pa.Field(nullable=True)
    sentence: Series[str]
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=1)
    source: Series[str] = pa.Field(nullable=True)

    @pa.check("value", name="value_finite", element_wise=True)
    def value_finite(cls, value: float) -> bool:
        return math.isfinite(value)

    @pa.dataframe_check(name="direction_null_exactly_for_scores")
    def direction_matches_kind(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["kind"] == "score") == df["direction"].isna()

    @pa.dataframe_check(name="offsets_point_at_value_text")
    def offsets_point_at_value_text(cls, df: pd.DataFrame) -> Series[bool]:
        if "abstract" not in df:
            return pd.Series(True, index=df.index)
        columns = (df[c].tolist() for c in ("abstract", "start", "end", "value_text"))  # 10x faster than iterating
        return pd.Series(
            [isinstance(a, str) and a[s:e] == t for a, s, e, t in zip(*columns, strict=True)],
            index=df.index,
        )

    class Config:
        strict = False
        coerce = True


class LeaderboardSchema(pa.DataFrameModel):
    """One row per score claim on a leaderboard (claims/boards/leaderboard.py).

    Every claim is kept with its provenance; one per (model, column) is shown,
    and the ranks must follow the shown primary values in the metric's direction.
    """

    dataset: Series[str] = pa.Field(str_length={"min_value": 1})
    task: Series[str] = pa.Field(nullable=True)
    split: Series[str] = pa.Field(nullable=True, description="subset, split or pair reported apart")
    rank: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    variant: Series[str] = pa.Field(str_length={"min_value": 1}, description="the row: model under its setting")
    model: Series[str] = pa.Field(str_length={"min_value": 1})
    setting: Series[str] = pa.Field(nullable=True, description="the board's conditions: zero-shot, 384px, extra data")
    extra_data: Series[bool] = pa.Field(description="trained on data beyond the benchmark's own")
    reported_by: Series[str] = pa.Field(nullable=True, description="citing paper, for a baseline's score")
    column: Series[str] = pa.Field(str_length={"min_value": 1}, description="metric with its canonical unit")
    metric: Series[str]
    unit: Series[str] = pa.Field(isin=UNITS)
    better: Series[str] = pa.Field(isin=["higher", "lower", "unknown"], description="unknown: listed unranked")
    primary: Series[bool]
    value: Series[float]
    bound: Series[str] = pa.Field(isin=BOUNDS)
    value_text: Series[str] = pa.Field(str_length={"min_value": 1})
    shown: Series[bool]
    disputed: Series[bool]
    title: Series[str]
    paper_id: Series[str]
    arxiv_id: Series[str] = pa.Field(nullable=True)
    link: Series[str] = pa.Field(nullable=True, str_startswith="https://arxiv.org/abs/")
    published: Series[str] = pa.Field(nullable=True)
    sentence: Series[str]
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=1)
    context: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(nullable=True, description="the file the claim was read from")
    origin: Series[str] = pa.Field(nullable=True, isin=["abstract", "text", "table"], description="where in the paper")
    table_id: Series[str] = pa.Field(nullable=True, description="a table claim's table, a text claim's section")
    row: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="a table claim's cell")
    col: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)

    @pa.check("value", name="value_finite", element_wise=True)
    def value_finite(cls, value: float) -> bool:
        return math.isfinite(value)

    @pa.dataframe_check(name="one_shown_claim_per_cell")
    def one_shown_per_cell(cls, df: pd.DataFrame) -> Series[bool]:
        shown = df.groupby(["dataset", "task", "split", "setting", "variant", "column"], dropna=False)["shown"]
        shown = shown.transform("sum")
        return shown == 1

    @pa.dataframe_check(name="one_primary_column_per_board")
    def one_primary_column(cls, df: pd.DataFrame) -> Series[bool]:
        board = ["dataset", "task", "split", "setting"]
        columns = df[df["primary"]].groupby(board, dropna=False)["column"].transform("nunique")
        return columns.reindex(df.index, fill_value=1) == 1

    @pa.dataframe_check(name="ranked_exactly_by_shown_primary_value")
    def ranks_follow_primary(cls, df: pd.DataFrame) -> Series[bool]:
        board = [df["dataset"], df["task"].fillna(""), df["split"].fillna(""), df["setting"].fillna("")]
        signed = df["value"].where(df["better"] == "higher", -df["value"]).where(df["shown"] & df["primary"])
        signed = signed.where(df["better"] != "unknown")
        expected = signed.groupby(board).rank(method="min", ascending=False)
        expected = expected.groupby([*board, df["variant"]]).transform("max")
        same = df["rank"].astype("Float64").eq(expected).fillna(False)
        return same | (df["rank"].isna() & expected.isna())

    class Config:
        strict = True
        coerce = True
