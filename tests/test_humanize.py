"""Values for reading: human units that the project's own unit reader takes back to the same value."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.boards.humanize import cell_amount, human_amount, scales
from claims.extraction.units import CANONICAL_UNITS, normalize

SHOWN = re.compile(r"(?P<bound>~|<=? |>=? )?(?P<number>-?[\d.]+(?:e[-+]\d+)?)(?P<suffix>.*)")
READ_AS = {"/s": "1/s"}  # the reader takes a rate written "1/s", not a bare "/s"
BOUNDS = {"=": None, "~": "~", "<=": "<= ", "<": "< ", ">=": ">= ", ">": "> "}
METRICS = [None, "FLOPs", "MACs", "parameters", "latency"]
values = st.floats(min_value=-1e200, max_value=1e200, allow_nan=False, allow_infinity=False)


def read_back(text: str) -> tuple[float, str | None, str | None]:
    """(value in the canonical unit, that unit (None for a bare number), bound) of a shown amount."""
    shown = SHOWN.fullmatch(text)
    assert shown, text
    number, suffix = float(shown["number"]), shown["suffix"].strip()
    if not suffix:
        return number, None, shown["bound"]
    value, unit = normalize(number, READ_AS.get(suffix, suffix))
    return value, unit, shown["bound"]


@given(value=values, unit=st.sampled_from(CANONICAL_UNITS), metric=st.sampled_from(METRICS))
def test_a_shown_amount_reads_back_as_its_value_in_its_unit(value: float, unit: str, metric: str | None) -> None:
    text = human_amount(value, unit, metric)
    read, read_unit, bound = read_back(text)
    assert math.isclose(read, value, rel_tol=1e-5, abs_tol=1e-300), text
    assert read_unit in (unit, None if unit in ("count", "1") else unit), text
    assert bound is None


@given(value=values, unit=st.sampled_from(CANONICAL_UNITS), bound=st.sampled_from(list(BOUNDS)))
def test_a_bound_is_kept_as_a_prefix(value: float, unit: str, bound: str) -> None:
    assert read_back(human_amount(value, unit, None, bound))[2] == BOUNDS[bound]


@given(data=st.data(), unit=st.sampled_from(CANONICAL_UNITS))
def test_a_value_within_its_scales_reads_in_a_short_mantissa(data: st.DataObject, unit: str) -> None:
    (smallest, _), *_, (largest, _) = (*scales(unit), scales(unit)[-1])
    # from the smallest scale up (below it a six-digit mantissa needs leading zeros: "0.0610352 mW")
    value = data.draw(st.floats(min_value=smallest, max_value=largest * 1e3))
    number = SHOWN.fullmatch(human_amount(value, unit))["number"]
    assert "e" not in number and len(number.replace("-", "").replace(".", "")) <= 7, number


@pytest.mark.parametrize(
    ("value", "unit", "metric", "shown"),
    [
        (0.0024, "s", "latency", "2.4 ms"),
        (2.1e7, "count", "parameters", "21M"),
        (1.3e9, "count", "tokens", "1.3B"),
        (4.5e9, "count", "FLOPs", "4.5 GFLOPs"),
        (3.2e9, "B", "memory", "3.2 GB"),
        (5400.0, "s", "training time", "90 min"),
        (84.0, "%", "top-1 accuracy", "84%"),
        (1.4, "x", "speed", "1.4x"),
        (41.0, "1/s", "FPS", "41/s"),
        (0.0, "s", "latency", "0 s"),
    ],
)
def test_the_issue_examples_read_as_a_person_writes_them(value: float, unit: str, metric: str, shown: str) -> None:
    assert human_amount(value, unit, metric) == shown


def test_a_cell_names_the_unit_only_when_its_column_mixes_scales() -> None:
    assert cell_amount(84.0, "%") == "84" and cell_amount(1.4, "x", bound="~") == "~1.4"  # the header says "(%)"
    assert cell_amount(0.0024, "s", bound="<") == "< 2.4 ms"


def test_every_canonical_unit_has_scales() -> None:
    assert all(scales(unit) for unit in CANONICAL_UNITS)
