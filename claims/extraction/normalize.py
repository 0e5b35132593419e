"""Normalize-units step: every claim's value in the canonical unit of GUIDELINES.md.

pint (claims/extraction/units.py) does the conversions; this step only decides which
unit a number is in when the text leaves it implicit: a bare score takes its
metric's unit, and a percent-scale score written as a fraction of one is
scaled to percent ("ROC AUC of 0.76" -> 76). Deltas are never scaled.
"""

from __future__ import annotations

import math

import pandas as pd

from claims.extraction import units
from claims.extraction.grammar import UNIT_FAMILY
from claims.extraction.vocab import metric_info


def canonical_value(number: float, surface: str | None, metric: str | None, kind: str) -> tuple[float, str]:
    """(value, canonical unit) of one claim. "Points" are in the unit of the metric they change."""
    surface = surface if isinstance(surface, str) and surface and UNIT_FAMILY.get(surface) != "points" else None
    metric = metric if isinstance(metric, str) else None
    if surface:
        try:
            return units.normalize(number, surface)
        except ValueError:
            return math.nan, surface  # fails validation: quarantined with the reason

    info = metric_info(metric)
    unit = info.unit if info and info.unit in ("%", "1", "dB") else "1"
    if unit == "%" and kind == "score" and number <= 1.0:
        return round(number * 100, 10), "%"
    return number, unit


def normalize_units(claims: pd.DataFrame) -> pd.DataFrame:
    """Fill `value` and `unit` from the raw `number` and `unit_text` columns."""
    if claims.empty:
        return claims.assign(value=pd.Series(dtype=float), unit=pd.Series(dtype=str))
    # the columns as lists: iterating Arrow-backed text cell by cell costs more than the conversion
    columns = (claims[c].tolist() for c in ("number", "unit_text", "metric", "kind"))
    converted = [canonical_value(n, u, m, k) for n, u, m, k in zip(*columns, strict=True)]
    values, unit_names = zip(*converted, strict=True)
    return claims.assign(value=list(values), unit=list(unit_names))
