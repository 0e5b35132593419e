"""Per-paper guard: one paper's extraction is bounded in time and contained in failure.

A pathological abstract (megabytes of text, one sentence of thousands of
numbers) must not stall a run over a corpus, and a bug the extractor hits on
one abstract must not end it: `guarded` runs one paper's extraction under a
time budget and turns a timeout or an exception into a `Failure` (the paper
and the reason), which the run reports while it goes on with the next paper.

The budget is enforced in two ways:

- on the main thread of a POSIX process, a SIGALRM timer (`signal.setitimer`)
  interrupts the extraction wherever it is, between two Python bytecodes (one
  call into a C regex finishes first);
- on other threads (Dask workers run tasks on one), or where another timer is
  already armed, the elapsed time is checked at every sentence (`checkpoint`)
  and after each claim the extraction yields.

Abstracts longer than `MAX_ABSTRACT_CHARS` are refused before any reading:
arXiv caps abstracts at 1,920 characters, so such a text is not an abstract,
and refusing it bounds the work the second way cannot interrupt. Within that
bound the work between two checks grows linearly with the numbers and names
it reads, not with their product (tests/test_linear.py), so the budget holds
on every thread whether a paper gives claims or not.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BUDGET = 5.0  # seconds per paper; a typical abstract takes about a millisecond
MAX_ABSTRACT_CHARS = 20_000


class BudgetExceeded(Exception):
    """One paper's extraction ran past its time budget."""


@dataclass(frozen=True)
class Failure:
    """A paper whose claims could not be extracted, and why."""

    paper_id: str
    title: str
    reason: str


def _interrupt(signum: int, frame: object) -> None:
    raise BudgetExceeded


def _alarm_available() -> bool:
    """SIGALRM can interrupt this thread, and no one else's timer would be overwritten."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[Callable[[], None]]:
    """Bound the work in the block to `seconds`; yields a check to call between steps.

    The check raises `BudgetExceeded` once the time is up; where SIGALRM is
    available the block is also interrupted without it.
    """
    if not seconds > 0:
        raise ValueError(f"a time budget must be positive, not {seconds!r}")
    deadline = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > deadline:
            raise BudgetExceeded

    previous_check = getattr(_active, "check", None)
    _active.check = check  # for `checkpoint`, in the code the block runs
    try:
        if not _alarm_available():
            yield check
            return
        yield from _alarmed(seconds, check)
    finally:
        _active.check = previous_check


def _alarmed(seconds: float, check: Callable[[], None]) -> Iterator[Callable[[], None]]:
    installs = not _handling[0]  # else `alarm_handler` has installed it for a run of papers
    if installs:
        previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if installs:
            signal.signal(signal.SIGALRM, previous)


_handling = [False]  # whether `alarm_handler` has installed the handler
_active = threading.local()  # the check of the time limit this thread is under, if any


def checkpoint() -> None:
    """Between steps of work under `time_limit`: raises `BudgetExceeded` once the time is up. Off the main
    thread (Dask workers) no alarm can interrupt the work, so it must stop itself, claims or none."""
    check = getattr(_active, "check", None)
    if check is not None:
        check()


@contextlib.contextmanager
def alarm_handler() -> Iterator[None]:
    """The SIGALRM handler installed once for a run of papers, so that each paper's `time_limit`
    only arms the timer: installing and restoring it for each paper took half of the guard's time."""
    if _handling[0] or not _alarm_available():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    _handling[0] = True
    try:
        yield
    finally:
        _handling[0] = False
        signal.signal(signal.SIGALRM, previous)


def _where(err: BaseException) -> str:
    """file:line where an exception was raised, to find the rule that failed."""
    frames = traceback.extract_tb(err.__traceback__)
    return f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""


def _refusal(abstract: object) -> str | None:
    """Why an abstract is not read at all, or None."""
    if not isinstance(abstract, str):
        return f"abstract is not text ({type(abstract).__name__})"
    if len(abstract) > MAX_ABSTRACT_CHARS:
        return f"abstract too long ({len(abstract):,} characters, the limit is {MAX_ABSTRACT_CHARS:,})"
    return None


def guarded(
    read: Callable[[str, str, str, str | None], Iterable[dict]],
    paper_id: str,
    title: str,
    abstract: str,
    source: str | None,
    budget: float,
    failures: list[Failure],
) -> list[dict]:
    """read(paper_id, title, abstract, source) as a list, or [] with a `Failure` in `failures`."""
    reason = _refusal(abstract)
    if reason is None:
        try:
            with time_limit(budget) as check:
                rows = []
                for row in read(paper_id, title, abstract, source):
                    rows.append(row)
                    check()
                return rows
        except BudgetExceeded:
            reason = f"over the time budget ({budget:g} s per paper)"
        except Exception as err:  # a bug on one paper must not end the run; the reason names it
            reason = f"extractor error: {type(err).__name__}: {err}{_where(err)}"
    failures.append(Failure(str(paper_id), str(title), reason))
    return []


def warn_failures(failures: list[Failure]) -> None:
    """Failures no caller asked to collect are reported as warnings, as `claims.load` does."""
    for failure in failures:
        warnings.warn(f"{failure.paper_id} ({failure.title}): {failure.reason}", stacklevel=3)
