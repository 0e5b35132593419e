"""Regression test of extraction accuracy on the project's copy of the dev gold sets.

Floors live in tests/gold/floors.json, per gold set and figure, and only ever
go up. dev-1 covers the bundled sample pages (the rules' own material); dev-2
covers papers of other fields read from tests/gold/dev2_abstracts.jsonl, so a
rule that only learned the samples shows here. Runs without ../shared.
"""

from __future__ import annotations

import json

import pytest

import claims
from claims.evaluate import FIGURES, GOLD_SETS, evaluate, render_markdown
from tests.conftest import GOLD_DIR

FLOORS = json.loads((GOLD_DIR / "floors.json").read_text())
SETS = {gold_set.name: gold_set for gold_set in GOLD_SETS}


@pytest.fixture(scope="module")
def evaluations():
    results = {}
    for name, gold_set in SETS.items():
        papers = claims.load([GOLD_DIR / gold_set.inputs] if gold_set.inputs else None)
        table, _ = claims.validate(claims.extract(papers), papers)
        results[name] = evaluate(table, GOLD_DIR / gold_set.gold, GOLD_DIR / gold_set.papers, GOLD_DIR / "score.py")
    return results


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("gold_set", SETS)
def test_f1_stays_above_floor(evaluations, gold_set, figure):
    assert evaluations[gold_set].figures[figure]["f"] >= FLOORS[gold_set][figure], evaluations[gold_set].figures[figure]


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("gold_set", SETS)
def test_precision_is_not_below_recall(evaluations, gold_set, figure):
    """Precision over recall: a wrong number on a leaderboard costs more than a missing one."""
    figures = evaluations[gold_set].figures[figure]
    assert figures["p"] >= figures["r"], figures


def test_every_gold_set_has_floors():
    assert set(FLOORS) - {"_comment"} == set(SETS)


def test_report_lists_every_error_of_every_set(evaluations):
    report = render_markdown(evaluations)
    for name, evaluation in evaluations.items():
        assert f"# {SETS[name].label}" in report
        assert f"## Misses ({len(evaluation.misses)})" in report
    listed = sum(len(e.misses) + len(e.extras) for e in evaluations.values())
    assert report.count("\n| ") >= listed
