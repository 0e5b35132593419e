"""Small hand-made claims and papers tables for the leaderboard and report tests."""

from __future__ import annotations

import pandas as pd

import claims

DEFAULTS = {
    "paper_id": "p1",
    "title": "Paper One: a study",
    "value_text": "80%",
    "value": 80.0,
    "unit": "%",
    "kind": "score",
    "direction": None,
    "bound": "=",
    "metric": "top-1 accuracy",
    "dataset": "ImageNet",
    "model": "M1",
    "baseline": None,
    "task": None,
    "context": None,
    "sentence": "M1 reaches 80% top-1 accuracy on ImageNet.",
    "start": 11,
    "end": 14,
    "source": "test",
}


def claim(**fields: object) -> dict[str, object]:
    """One claim row: the defaults with `fields` replaced."""
    unknown = set(fields) - set(DEFAULTS)
    assert not unknown, unknown
    return {**DEFAULTS, **fields}


def claims_table(*rows: dict[str, object]) -> pd.DataFrame:
    """A claims table that passed validation, as claims.extraction.validate returns it."""
    valid, quarantine = claims.validate(pd.DataFrame(list(rows)))
    assert quarantine.empty, quarantine
    return valid


def papers_table(**published: str | None) -> pd.DataFrame:
    """Papers p1.. with a publication date each (None: undated) and an arXiv id."""
    return pd.DataFrame(
        {
            "paper_id": list(published),
            "published": list(published.values()),
            "arxiv_id": [f"2101.{i:05d}" for i in range(len(published))],
        }
    )


def delta(**fields: object) -> dict[str, object]:
    """A comparison claim (kind delta, direction up unless `fields` say otherwise)."""
    return claim(**{"kind": "delta", "direction": "up", **fields})
