"""Regression test of extraction accuracy on the project's copy of the dev gold sets.

Floors live in tests/gold/floors.json, per gold set and figure, and only ever
go up. dev-1 covers the bundled sample pages, dev-2 and dev-3 papers of other
fields and sources read from their abstracts files. Each set is cut into a look
half and a check half by a fixed hash of the paper id; only look-half errors are
ever written. Runs without ../shared.
"""

from __future__ import annotations

import json

import pytest

import claims
from claims.evaluate import FIGURES, GOLD_SETS, HALVES, evaluate_set, half_of, render_markdown
from tests.conftest import GOLD_DIR

FLOORS = json.loads((GOLD_DIR / "floors.json").read_text())
SETS = {gold_set.name: gold_set for gold_set in GOLD_SETS}


@pytest.fixture(scope="module")
def evaluations():
    results = {}
    for name, gold_set in SETS.items():
        papers = claims.load([GOLD_DIR / gold_set.inputs] if gold_set.inputs else None)
        table, _ = claims.validate(claims.extract(papers), papers)
        results[name] = evaluate_set(table, GOLD_DIR, gold_set)
    return results


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("gold_set", SETS)
def test_f1_stays_above_floor(evaluations, gold_set, figure):
    figures = evaluations[gold_set]["all"].figures[figure]
    assert figures["f"] >= FLOORS[gold_set][figure], figures


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("gold_set", SETS)
def test_precision_is_not_below_recall(evaluations, gold_set, figure):
    """Precision over recall: a wrong number on a leaderboard costs more than a missing one."""
    figures = evaluations[gold_set]["all"].figures[figure]
    assert figures["p"] >= figures["r"], figures


def test_every_gold_set_has_floors():
    assert set(FLOORS) - {"_comment"} == set(SETS)


def test_report_lists_every_look_error_and_no_check_error(evaluations):
    report = render_markdown(evaluations)
    for name, parts in evaluations.items():
        assert f"# {SETS[name].label}: look half" in report
        assert f"## Misses ({len(parts['look'].misses)})" in report
        for miss in parts["check"].misses:
            assert f"| {miss['paper'][:60]} | {miss['value_text']} |" not in report
    listed = sum(len(p["look"].misses) + len(p["look"].extras) for p in evaluations.values())
    assert report.count("\n| ") >= listed


def test_halves_split_the_gold_and_add_up(evaluations):
    for parts in evaluations.values():
        look, check, whole = (parts[p].figures for p in ("look", "check", "all"))
        assert look["gold_claims"] + check["gold_claims"] == whole["gold_claims"]
        assert look["papers"] + check["papers"] == whole["papers"]
        assert look["papers"] > 0 and check["papers"] > 0


def test_half_is_a_fixed_function_of_the_paper_id():
    assert {half_of(f"{n:010x}") for n in range(50)} == set(HALVES)
