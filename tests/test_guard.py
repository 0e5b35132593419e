"""The per-paper guard: a paper that hangs, fails or is too long is skipped with its reason; the run goes on.

Budgets here are set by the tests and the slow papers never finish on their
own, so no assertion depends on how fast this machine is.
"""

from __future__ import annotations

import importlib
import signal
import threading
from collections.abc import Iterator

import pandas as pd
import pytest

import claims
from claims.ingest.loaders import records_to_papers
from claims.runtime.guard import MAX_ABSTRACT_CHARS, Failure, alarm_handler, guarded, time_limit

EXTRACT = importlib.import_module(
    "claims.extraction.extract"
)  # the module: `claims.extraction.extract` is its function
needs_alarm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no SIGALRM timers on this platform")
ABSTRACT = "Our X-Net reaches 81.5% top-1 accuracy on ImageNet, 1.4x faster than ResNet-50."


def spin(*args: object) -> Iterator[dict]:
    """An extraction stuck before its first claim: only an interrupt ends it."""
    while True:
        pass
    yield {}


def trickle(*args: object) -> Iterator[dict]:
    """An extraction that yields claims forever."""
    while True:
        threading.Event().wait(0.01)
        yield {"value_text": "1%"}


def papers(*abstracts: str) -> pd.DataFrame:
    return records_to_papers([{"title": f"Paper {i}", "abstract": a, "source": "t"} for i, a in enumerate(abstracts)])


@needs_alarm
def test_a_paper_stuck_before_its_first_claim_is_interrupted_and_reported() -> None:
    failures: list[Failure] = []
    assert guarded(spin, "p1", "Stuck", ABSTRACT, None, 0.2, failures) == []
    assert failures == [Failure("p1", "Stuck", "over the time budget (0.2 s per paper)")]


def test_off_the_main_thread_the_budget_is_checked_between_claims() -> None:
    failures: list[Failure] = []
    returned: list[list[dict]] = []
    worker = threading.Thread(target=lambda: returned.append(guarded(trickle, "p1", "T", "x", None, 0.2, failures)))
    worker.start()
    worker.join(timeout=120)
    assert returned == [[]] and [f.reason for f in failures] == ["over the time budget (0.2 s per paper)"]


def test_off_the_main_thread_the_budget_holds_for_a_paper_that_gives_no_claims(monkeypatch) -> None:
    """Each sentence checks the budget: a paper whose sentences are slow and give no claim is stopped too."""

    def slow_quantities(*args: object) -> list:
        threading.Event().wait(0.05)  # every sentence takes 50 ms and holds no number
        return []

    monkeypatch.setattr(EXTRACT, "quantities", slow_quantities)
    abstract = " ".join(f"Sentence {i} of a long and slow abstract." for i in range(400))  # 20 s unchecked
    failures: list[Failure] = []
    returned: list[list[dict]] = []
    read = EXTRACT.read_paper
    worker = threading.Thread(target=lambda: returned.append(guarded(read, "p1", "T", abstract, None, 0.3, failures)))
    worker.start()
    worker.join(timeout=120)
    assert returned == [[]] and [f.reason for f in failures] == ["over the time budget (0.3 s per paper)"]


@needs_alarm
def test_the_previous_alarm_handler_comes_back_and_no_timer_is_left() -> None:
    def mine(signum: int, frame: object) -> None:
        raise AssertionError("not expected to fire")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        guarded(spin, "p1", "Stuck", ABSTRACT, None, 0.1, [])
        guarded(EXTRACT.read_paper, "p2", "Fine", ABSTRACT, None, 60, [])
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        failures: list[Failure] = []
        with alarm_handler():  # one handler for a run of papers, as claims.extraction.extract installs it
            assert guarded(spin, "p1", "Stuck", ABSTRACT, None, 0.1, failures) == []
            assert guarded(EXTRACT.read_paper, "p2", "Fine", ABSTRACT, None, 60, failures)
            assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert [f.paper_id for f in failures] == ["p1"]
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)


@needs_alarm
def test_a_timer_armed_by_someone_else_is_left_running() -> None:
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 300)
    try:
        failures: list[Failure] = []
        assert guarded(trickle, "p1", "T", "x", None, 0.1, failures) == []
        assert failures and signal.getitimer(signal.ITIMER_REAL)[0] > 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_an_extractor_error_is_reported_with_its_type_and_place() -> None:
    def broken(*args: object) -> Iterator[dict]:
        yield {"value_text": "1%"}
        raise IndexError("list index out of range")

    failures: list[Failure] = []
    assert guarded(broken, "p1", "Broken", ABSTRACT, None, 60, failures) == []
    assert failures[0].reason.startswith("extractor error: IndexError: list index out of range at test_guard.py:")


@pytest.mark.parametrize(
    ("abstract", "reason"),
    [
        ("x" * (MAX_ABSTRACT_CHARS + 1), f"abstract too long ({MAX_ABSTRACT_CHARS + 1:,} characters, the limit is"),
        (float("nan"), "abstract is not text (float)"),
    ],
)
def test_abstracts_that_are_not_read_at_all(abstract: object, reason: str) -> None:
    failures: list[Failure] = []
    assert guarded(spin, "p1", "T", abstract, None, 60, failures) == []  # spin would never return
    assert failures[0].reason.startswith(reason)


def test_a_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"), time_limit(0):
        pass


@needs_alarm
def test_extract_skips_the_paper_that_hangs_and_keeps_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    table = papers(ABSTRACT, "A second abstract where we reach 30.2 mAP on COCO.", ABSTRACT.replace("81.5", "82.0"))
    expected = claims.extract(table, failures=[])
    real = EXTRACT.read_paper

    def hangs_on_paper_1(paper_id: str, title: str, abstract: str, source: str | None) -> Iterator[dict]:
        return spin() if title == "Paper 1" else real(paper_id, title, abstract, source)

    monkeypatch.setattr(EXTRACT, "read_paper", hangs_on_paper_1)
    failures: list[Failure] = []
    got = claims.extract(table, failures, budget=0.5)
    assert [(f.title, f.reason) for f in failures] == [("Paper 1", "over the time budget (0.5 s per paper)")]
    pd.testing.assert_frame_equal(got, expected[expected["title"] != "Paper 1"].reset_index(drop=True))


def test_extract_warns_of_failures_no_one_collects() -> None:
    with pytest.warns(UserWarning, match=r"\(Paper 0\): abstract too long"):
        table = claims.extract(papers("x" * (MAX_ABSTRACT_CHARS + 1)))
    assert table.empty
