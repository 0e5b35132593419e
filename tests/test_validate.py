"""Validation: rows that break the pandera schemas go to quarantine with the failing check named."""

from __future__ import annotations

import math

import pandas as pd
import pandera.errors as pa_errors
import pytest
from claims.schemas.tables import ClaimsSchema, PapersSchema
from conftest import make_abstract

import claims
from claims.extraction.validate import QUARANTINE_COLUMNS, _clean
from claims.ingest.loaders import records_to_papers

TITLE = "EfficientFormer: Vision Transformers at MobileNet Speed"
ABSTRACT = make_abstract("efficient vision transformers")


@pytest.fixture
def papers() -> pd.DataFrame:
    return records_to_papers([{"title": TITLE, "abstract": ABSTRACT, "source": "page.txt"}])


def claim(papers: pd.DataFrame, value_text: str, value: float, unit: str, kind: str, direction, **fields) -> dict:
    """One claims-table row pointing at `value_text` in the abstract."""
    start = ABSTRACT.index(value_text)
    row = {
        "paper_id": papers.paper_id.iloc[0],
        "title": TITLE,
        "value_text": value_text,
        "value": value,
        "unit": unit,
        "kind": kind,
        "direction": direction,
        "bound": "=",
        "metric": None,
        "dataset": None,
        "model": "EfficientFormer",
        "baseline": None,
        "task": None,
        "context": None,
        "sentence": ABSTRACT,
        "start": start,
        "end": start + len(value_text),
        "source": "page.txt",
    }
    row.update(fields)
    return row


def assert_same_rows(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal cell by cell; a null is a null whatever the dtype holds it (None, NaN, NA)."""

    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.reset_index(drop=True).astype(object)
        return frame.where(frame.notna(), None)

    pd.testing.assert_frame_equal(plain(got), plain(expected))


@pytest.fixture
def good(papers) -> pd.DataFrame:
    return pd.DataFrame(
        [
            claim(papers, "81.5%", 81.5, "%", "score", None, metric="top-1 accuracy", dataset="ImageNet"),
            claim(papers, "21M", 21e6, "count", "score", None, metric="parameters"),
            claim(papers, "1.4x", 1.4, "x", "ratio", "up", metric="speed", baseline="strongest baseline"),
        ]
    )


def test_good_rows_pass_through_untouched(good, papers):
    valid, quarantine = claims.validate(good, papers)
    assert quarantine.empty
    assert list(quarantine.columns) == QUARANTINE_COLUMNS
    assert_same_rows(valid, good)


BAD_ROWS = {
    "unit not canonical": (dict(unit="percent"), "unit: isin("),
    "unit as written": (dict(unit="GB", value=2.0), "unit: isin("),
    "unknown kind": (dict(kind="level"), "kind: isin("),
    "unknown bound": (dict(bound="about"), "bound: isin("),
    "direction on a score": (dict(direction="up"), "row: direction_null_exactly_for_scores"),
    "no direction on a delta": (dict(kind="delta"), "row: direction_null_exactly_for_scores"),
    "no direction on a ratio": (dict(kind="ratio", unit="x"), "row: direction_null_exactly_for_scores"),
    "direction not up or down": (dict(kind="delta", direction="sideways"), "direction: isin("),
    "infinite value": (dict(value=math.inf), "value: value_finite"),
    "minus infinite value": (dict(value=-math.inf), "value: value_finite"),
    "NaN value": (dict(value=math.nan), "value: not_nullable"),
    "offsets shifted": (dict(start=0), "row: offsets_point_at_value_text"),
    "offsets past the end": (dict(start=10_000, end=10_005), "row: offsets_point_at_value_text"),
    "value_text not in abstract": (dict(value_text="81.6%"), "row: offsets_point_at_value_text"),
    "negative offset": (dict(start=-1), "start: greater_than_or_equal_to(0)"),
    "empty value_text": (dict(value_text="", start=0, end=0), "value_text: str_length("),
    "unknown paper": (dict(paper_id="0123456789ab"), "row: offsets_point_at_value_text"),
}


@pytest.mark.parametrize(("fields", "reason"), list(BAD_ROWS.values()), ids=list(BAD_ROWS))
def test_a_bad_row_is_quarantined_with_the_failing_check(good, papers, fields, reason):
    bad = claim(papers, "81.5%", 81.5, "%", "score", None, metric="top-1 accuracy") | fields
    table = pd.concat([good.iloc[:2], pd.DataFrame([bad]), good.iloc[2:]], ignore_index=True)
    valid, quarantine = claims.validate(table, papers)
    assert_same_rows(valid, good)  # the others, untouched
    assert len(quarantine) == 1
    row = quarantine.iloc[0]
    assert (row.table, row.paper_id, row.title, row.value_text) == (
        "claims",
        bad["paper_id"],
        TITLE,
        bad["value_text"],
    )
    assert reason in row.reason
    # every failed check is named once, by column or as "row" for a whole-row check
    assert all(part.split(": ")[0] in {"row", *good.columns} for part in row.reason.split("; "))


def test_every_failure_of_a_row_is_named(good, papers):
    bad = claim(papers, "1.4x", math.inf, "times", "ratio", None)
    _, quarantine = claims.validate(pd.DataFrame([bad]), papers)
    reasons = quarantine.reason.iloc[0].split("; ")
    assert "value: value_finite" in reasons
    assert "row: direction_null_exactly_for_scores" in reasons
    assert any(r.startswith("unit: isin(") for r in reasons)


def test_rows_are_told_apart_by_position_not_index_label(good, papers):
    bad = pd.DataFrame([claim(papers, "81.5%", 81.5, "percent", "score", None)])
    table = pd.concat([good, bad])  # index labels 0, 1, 2, 0: the bad row shares label 0
    valid, quarantine = claims.validate(table, papers)
    assert_same_rows(valid, good)
    assert list(quarantine.value_text) == ["81.5%"]


def test_offsets_are_checked_only_against_given_papers(good):
    shifted = good.assign(start=good.start + 1, end=good.end + 1)
    valid, quarantine = claims.validate(shifted)
    assert quarantine.empty and len(valid) == len(good)


def test_an_empty_claims_table_is_valid(good, papers):
    valid, quarantine = claims.validate(good.iloc[:0], papers)
    assert valid.empty and quarantine.empty


@pytest.mark.parametrize("column", ["unit", "value", "kind", "start"])
def test_a_missing_column_raises(good, papers, column):
    with pytest.raises(pa_errors.SchemaErrors, match=column):
        claims.validate(good.drop(columns=[column]), papers)


# --------------------------------------------------------------------------- papers table
def test_loaded_papers_are_valid():
    papers = claims.load(errors=[])
    valid, quarantine = claims.validate_papers(papers)
    assert quarantine.empty
    assert_same_rows(valid, papers)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: p.assign(title=[""] + list(p.title[1:])), "title: str_length("),
        (
            lambda p: p.assign(upvotes=pd.array([-1] + [None] * (len(p) - 1), dtype="Int64")),
            "upvotes: greater_than",
        ),
        (
            lambda p: p.assign(authors=pd.array([-3] + [None] * (len(p) - 1), dtype="Int64")),
            "authors: greater_than",
        ),
        (lambda p: p.assign(paper_id=[""] + list(p.paper_id[1:])), "paper_id: str_length("),
    ],
    ids=["empty title", "negative upvotes", "negative authors", "empty paper_id"],
)
def test_a_bad_paper_is_quarantined(change, reason):
    papers = claims.load(errors=[])
    valid, quarantine = claims.validate_papers(change(papers))
    assert len(valid) == len(papers) - 1
    assert list(quarantine.table) == ["papers"]
    assert reason in quarantine.reason.iloc[0]
    assert valid.title.tolist() == papers.title.iloc[1:].tolist()


def test_duplicate_paper_ids_are_quarantined():
    papers = claims.load(errors=[])
    doubled = pd.concat([papers, papers.iloc[:1]], ignore_index=True)
    valid, quarantine = claims.validate_papers(doubled)
    assert len(valid) == len(papers) - 1
    assert list(quarantine.paper_id) == [papers.paper_id.iloc[0]] * 2
    assert (quarantine.reason == "paper_id: field_uniqueness").all()


def test_a_papers_table_without_abstracts_raises():
    with pytest.raises(pa_errors.SchemaErrors, match="abstract"):
        claims.validate_papers(claims.load(errors=[]).drop(columns=["abstract"]))


# --------------------------------------------------------------------------- the fast path
def assert_as_pandera(got: pd.DataFrame | None, frame: pd.DataFrame, schema) -> None:
    expected = schema.validate(frame, lazy=True)
    assert got is not None
    pd.testing.assert_frame_equal(got, expected)  # values, dtypes, column order and index


def test_a_clean_table_is_what_pandera_returns(good, papers):
    loaded = claims.load(errors=[])
    assert_as_pandera(
        _clean(loaded, PapersSchema.to_schema()), loaded, PapersSchema
    )  # published, arxiv_id coerced to text
    assert_as_pandera(_clean(papers, PapersSchema.to_schema()), papers, PapersSchema)
    assert_as_pandera(_clean(good, ClaimsSchema.to_schema()), good, ClaimsSchema)
    extracted = claims.extract(loaded)
    assert_as_pandera(_clean(extracted, ClaimsSchema.to_schema()), extracted, ClaimsSchema)
    with_abstracts = good.assign(abstract=ABSTRACT)  # as validate_claims checks offsets
    assert_as_pandera(_clean(with_abstracts, ClaimsSchema.to_schema()), with_abstracts, ClaimsSchema)
    coerced = good.assign(start=good.start.astype("float64"), title=good.title.astype(object))
    assert_as_pandera(_clean(coerced, ClaimsSchema.to_schema()), coerced, ClaimsSchema)


@pytest.mark.parametrize(("fields", "reason"), list(BAD_ROWS.values()), ids=list(BAD_ROWS))
def test_the_fast_path_leaves_every_bad_row_to_pandera(good, papers, fields, reason):
    bad = claim(papers, "81.5%", 81.5, "%", "score", None, metric="top-1 accuracy") | fields
    table = pd.concat([good, pd.DataFrame([bad])], ignore_index=True)
    abstracts = table.paper_id.map({papers.paper_id.iloc[0]: ABSTRACT})  # as validate_claims gives them
    assert _clean(table.assign(abstract=abstracts), ClaimsSchema.to_schema()) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.assign(title=[""] + list(p.title[1:])),
        lambda p: p.assign(upvotes=pd.array([-1] + [None] * (len(p) - 1), dtype="Int64")),
        lambda p: p.assign(paper_id=[p.paper_id.iloc[1]] + list(p.paper_id[1:])),
        lambda p: p.assign(abstract=[None] + list(p.abstract[1:])),
        lambda p: p.assign(sources=[None] + list(p.sources[1:])),
        lambda p: p.assign(authors=["many"] + [None] * (len(p) - 1)),  # pandera cannot coerce it
        lambda p: p.drop(columns=["abstract"]),
    ],
    ids=[
        "empty title",
        "negative upvotes",
        "duplicate id",
        "no abstract",
        "no sources",
        "authors not a count",
        "no abstracts",
    ],
)
def test_the_fast_path_leaves_every_bad_paper_to_pandera(change):
    assert _clean(change(claims.load(errors=[])), PapersSchema.to_schema()) is None
