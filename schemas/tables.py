"""pandera schemas of the papers and claims tables: the contract of GUIDELINES.md.

Every run checks its tables against these; rows that fail are moved to a
quarantine table with the failing check (claims/validate.py), never dropped.
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
        return pd.Series(
            [
                isinstance(a, str) and a[s:e] == t
                for a, s, e, t in zip(df["abstract"], df["start"], df["end"], df["value_text"], strict=True)
            ],
            index=df.index,
        )

    class Config:
        strict = False
        coerce = True
