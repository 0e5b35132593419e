"""Nothing lost: what became of every paper a run read, one row each.

A paper either has claims (`ok`), has none the extractor could read
(`no-claims`: its abstract states no result, or every claim it gave was
quarantined), or was not read (`failed`: the paper failed validation, or the
extractor refused it, ran out of time or hit a bug on it; `reason` says
which). `claims extract` writes this table beside its output
(claims.csv -> claims.papers.csv) and its summary counts these statuses, so
that papers read = with claims + without claims + failed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

STATUS_COLUMNS = ["paper_id", "title", "sources", "claims", "quarantined", "status", "reason"]
STATUSES = ("ok", "no-claims", "failed")
FAILING_TABLES = ("papers", "extract")  # quarantine rows that stand for the whole paper


def papers_path(output: Path) -> Path:
    """The papers table goes beside the claims: claims.csv -> claims.papers.csv."""
    return output.with_name(output.stem + ".papers" + output.suffix)


def _sources(value: object) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list | tuple) else "" if value is None else str(value)


def paper_statuses(papers: pd.DataFrame, claims: pd.DataFrame, quarantine: pd.DataFrame) -> pd.DataFrame:
    """One row per paper of `papers`: its claim counts, status and the reason for a failure."""
    failing = quarantine[quarantine["table"].isin(FAILING_TABLES)]
    reasons = (failing["table"] + ": " + failing["reason"].astype(str)).groupby(failing["paper_id"]).agg("; ".join)
    held = quarantine.loc[quarantine["table"] == "claims", "paper_id"].value_counts()
    counts = claims["paper_id"].value_counts()
    ids = papers["paper_id"]
    frame = pd.DataFrame(
        {
            "paper_id": ids.astype(str),
            "title": papers["title"].astype(str),
            "sources": papers["sources"].map(_sources),
            "claims": ids.map(counts).fillna(0).astype("int64"),
            "quarantined": ids.map(held).fillna(0).astype("int64"),
            "reason": ids.map(reasons).astype(object),
        }
    )
    failed = frame["reason"].notna()
    status = frame["claims"].gt(0).map({True: "ok", False: "no-claims"}).where(~failed, "failed")
    return frame.assign(status=status)[STATUS_COLUMNS].reset_index(drop=True)


def count_statuses(statuses: pd.DataFrame) -> dict[str, int]:
    """Papers per status, every status present (zero when none)."""
    counts = statuses["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}
