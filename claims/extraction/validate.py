"""Validation step: check tables against the pandera schemas, quarantine failures.

A row that fails a check is moved, with the names of the checks it failed, to
a quarantine table; nothing is dropped silently. A failure that is not about
rows (a missing column) is a bug and raises.
"""

from __future__ import annotations

import pandas as pd
import pandera.errors as pa_errors
import pandera.pandas as pa

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


def _clean(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame | None:
    """What `schema.validate(frame)` returns when every row passes, else None (pandera then tells which rows fail
    and why): each column coerced as pandera coerces it and then of the schema's type, no null where none may be,
    no duplicate where values are unique, every check passed, as pandera runs it.

    Much cheaper than pandera's whole validation, whose type check formats a report of the failing cells of every
    string column even when there are none. A schema that uses what this does not read (parsers, defaults, a
    frame-wide type, an index...) is left to pandera."""
    if not _plain(schema):
        return None
    columns = {}
    for name, column in schema.columns.items():
        if name not in frame or not _plain_column(column):
            return None
        try:
            series = column.dtype.try_coerce(frame[name]) if schema.coerce or column.coerce else frame[name]
        except pa_errors.ParserError:
            return None
        if series.dtype != column.dtype.type or (not column.nullable and series.hasnans):
            return None
        if column.unique and series.duplicated().any():
            return None
        columns[name] = series
    coerced = frame.assign(**columns)
    checks = [(check, name) for name, column in schema.columns.items() for check in column.checks]
    passed = all(_passes(check, coerced, name) for check, name in checks)
    return coerced if passed and all(_passes(check, coerced) for check in schema.checks) else None


def _plain(schema: pa.DataFrameSchema) -> bool:
    """A schema of columns and checks alone: what `_clean` reads."""
    return not (
        schema.dtype
        or schema.index is not None
        or schema.unique
        or schema.strict
        or schema.parsers
        or schema.add_missing_columns
        or schema.drop_invalid_rows
        or schema.unique_column_names
        or schema.ordered
    )


def _plain_column(column: pa.Column) -> bool:
    return not (column.regex or column.parsers or column.default is not None or column.drop_invalid_rows)


def _passes(check: pa.Check, frame: pd.DataFrame, column: str | None = None) -> bool:
    """Whether a check passes as pandera runs it: a column's check is given the frame and the column's name, a
    frame's check the frame alone; a check that raises fails."""
    try:
        return bool((check(frame) if column is None else check(frame, column)).check_passed)
    except Exception:  # pandera counts any error of a check as its failure
        return False


def validate_papers(papers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(valid papers, quarantined rows)."""
    papers = papers.reset_index(drop=True)  # failures are matched to rows by index label
    if (clean := _clean(papers, PapersSchema.to_schema())) is not None:
        return clean, empty_quarantine()
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
    clean = _clean(checked, ClaimsSchema.to_schema())
    valid, quarantine = (clean, empty_quarantine()) if clean is not None else _validated_claims(checked)
    return valid.drop(columns=["abstract"], errors="ignore").reset_index(drop=True), quarantine


def _validated_claims(checked: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """pandera's validation of claims, its failing rows quarantined."""
    try:
        return ClaimsSchema.validate(checked, lazy=True), empty_quarantine()
    except pa_errors.SchemaErrors as err:
        good, quarantine = _split_failures(checked, err, "claims")
        return ClaimsSchema.validate(good), quarantine
