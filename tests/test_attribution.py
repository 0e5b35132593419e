"""The attribution table: every row's invented example, read by the whole extractor, gives the row's answer.

A row whose example no longer comes out as the row says (a row before it now takes it wrongly, or its
construction stopped working) fails here with the row's name. Most rows decide their example alone: with
the row taken out of the table, the example reads otherwise (`test_most_rows_decide_their_example`).
"""

from __future__ import annotations

import pytest

from claims.extraction import attribution
from claims.extraction.attribution import PREFERENCES, Preference
from tests.test_extract import claims_of

TITLE = "Glimmer: Sparse Routing for Efficient Recognition"


@pytest.mark.parametrize("preference", PREFERENCES, ids=lambda p: f"{p.field}: {p.construction}")
def test_each_row_reads_its_example(preference: Preference) -> None:
    table = claims_of(preference.example, TITLE)
    read = {
        text: (None if value != value or value == "" else value)
        for text, value in zip(table.value_text, table[preference.field], strict=True)
    }
    assert {text: read.get(text, "(no claim)") for text in preference.expected} == preference.expected


def _read(preference: Preference) -> dict[str, object]:
    table = claims_of(preference.example, TITLE)
    read = {
        text: (None if value != value or value == "" else value)
        for text, value in zip(table.value_text, table[preference.field], strict=True)
    }
    return {text: read.get(text, "(no claim)") for text in preference.expected}


def test_most_rows_decide_their_example(monkeypatch: pytest.MonkeyPatch) -> None:
    decisive = 0
    for preference in PREFERENCES:
        others = [p for p in attribution._BY_FIELD[preference.field] if p is not preference]
        with monkeypatch.context() as patch:
            patch.setitem(attribution._BY_FIELD, preference.field, others)
            decisive += _read(preference) != preference.expected
    assert decisive >= len(PREFERENCES) - 3


def test_the_table_covers_every_field_and_names_each_construction_once() -> None:
    assert {p.field for p in PREFERENCES} == {"dataset", "model", "baseline"}
    keys = [(p.field, p.construction) for p in PREFERENCES]
    assert len(keys) == len(set(keys))
