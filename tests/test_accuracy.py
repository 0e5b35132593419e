"""Regression test of extraction accuracy on the project's copy of the dev gold.

Floors live in tests/gold/floors.json and only ever go up. The gold covers
the bundled sample pages, so this runs without ../shared.
"""

from __future__ import annotations

import json

import pytest

import claims
from claims.evaluate import FIGURES, evaluate, render_markdown
from tests.conftest import GOLD_DIR

FLOORS = json.loads((GOLD_DIR / "floors.json").read_text())


@pytest.fixture(scope="module")
def evaluation():
    papers = claims.load()
    table, _ = claims.validate(claims.extract(papers), papers)
    return evaluate(table, GOLD_DIR / "dev.jsonl", GOLD_DIR / "dev_papers.jsonl", GOLD_DIR / "score.py")


@pytest.mark.parametrize("figure", FIGURES)
def test_f1_stays_above_floor(evaluation, figure):
    assert evaluation.figures[figure]["f"] >= FLOORS[figure], evaluation.figures[figure]


@pytest.mark.parametrize("figure", FIGURES)
def test_precision_is_not_below_recall(evaluation, figure):
    """Precision over recall: a wrong number on a leaderboard costs more than a missing one."""
    assert evaluation.figures[figure]["p"] >= evaluation.figures[figure]["r"], evaluation.figures[figure]


def test_report_lists_every_error(evaluation):
    report = render_markdown(evaluation)
    assert f"## Misses ({len(evaluation.misses)})" in report
    assert report.count("\n| ") >= len(evaluation.misses) + len(evaluation.extras)
