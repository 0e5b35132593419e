"""Validation step: check tables against the pandera schemas, quarantine failures.

A row that fails a check is moved, with the names of the checks it failed, to
a quarantine table; nothing is dropped silently. A failure that is not about
rows (a missing column) is a bug and raises.
"""

from __future__ import annotations

import pandas as pd
import pandera.errors as pa_errors

from claims.schemas.tables import ClaimsSchema, PapersSchema

QUARANTINE_COLUMNS = ["table", "paper_id", "title", "value_text", "reason"]


def _split_failures(frame: pd.DataFrame, err: pa_errors.SchemaErrors, table: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    cases = err.failure_cases
    if cases["index"].isna().any():
        raise err
    # A dataframe-wide check fails a row once, though pandera lists each of its cells.
    where = cases["column"].where(cases["schema_context"] != "DataFrameSchema").fillna("row")
    reasons = (
        cases.assign(reason=where.astype(str) + ": " + cases["check"].astype(str))
        .groupby("index")["reason"]
        .agg(lambda r: "; ".join(sorted(set(r))))
    )
    bad = frame.index.isin(reasons.index)
    quarantined = frame[bad].assign(table=table, reason=reasons.reindex(frame.index[bad]).to_numpy())
    return frame[~bad], _quarantine_frame(quarantined)


def _quarantine_frame(rows: pd.DataFrame) -> pd.DataFrame:
    for column in QUARANTINE_COLUMNS:
        if column not in rows:
            rows = rows.assign(**{column: None})
    return rows[QUARANTINE_COLUMNS].reset_index(drop=True)


def empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame(columns=QUARANTINE_COLUMNS)


def validate_papers(papers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(valid papers, quarantined rows)."""
    papers = papers.reset_index(drop=True)  # failures are matched to rows by index label
    try:
        return PapersSchema.validate(papers, lazy=True), empty_quarantine()
    except pa_errors.SchemaErrors as err:
        good, bad = _split_failures(papers, err, "papers")
        return PapersSchema.validate(good), bad


def validate_claims(claims: pd.DataFrame, papers: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(valid claims, quarantined rows); with `papers`, offsets are checked against the abstracts."""
    checked = claims.reset_index(drop=True)  # failures are matched to rows by index label
    if papers is not None and len(claims):
        # A paper id shared by two papers names no one abstract: such claims fail the offsets check.
        abstracts = papers.drop_duplicates("paper_id", keep=False).set_index("paper_id")["abstract"]
        checked = checked.assign(abstract=checked["paper_id"].map(abstracts))
    try:
        valid = ClaimsSchema.validate(checked, lazy=True)
        quarantine = empty_quarantine()
    except pa_errors.SchemaErrors as err:
        good, quarantine = _split_failures(checked, err, "claims")
        valid = ClaimsSchema.validate(good)
    return valid.drop(columns=["abstract"], errors="ignore").reset_index(drop=True), quarantine
