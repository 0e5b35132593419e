"""Extraction engines: the whole pipeline chunk by chunk, in this process (and its worker processes) or
on a Dask cluster.

Both engines cut the corpus into chunks of papers, run the same step on each
(`process_chunk`: validate papers -> extract -> validate claims against the
chunk's abstracts) and stream the results into the output files, so memory
holds a few chunks whatever the size of the corpus. Only the set of paper ids
already written grows with it: it keeps each paper's rows once, from the
first chunk that held the paper.

Both engines read the input here, once (pipes too), and cut the same chunks
(`claims.ingest.loaders.iter_paper_chunks`: which records are one paper is decided
before any chunk is cut); the in-process engine with several workers sends
each chunk to a local process pool, the Dask engine to a Dask worker, and
both write the results in chunk order, so every engine writes the same
rows, whatever the chunk size and the number of workers.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future as LocalFuture
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd
from tqdm import tqdm

from claims.extraction.extract import extract
from claims.extraction.validate import QUARANTINE_COLUMNS, empty_quarantine, validate_claims, validate_papers
from claims.ingest.loaders import (
    DEFAULT_CHUNK_SIZE,
    LoadError,
    input_files,
    iter_paper_chunks,
    records_to_papers,
    rows_of_papers,
)
from claims.runtime.guard import Failure
from claims.runtime.io import OutputSet, TableWriter
from claims.runtime.ledger import count_statuses, paper_statuses, papers_path

if TYPE_CHECKING:
    from distributed import Client, Future

ENGINES = ("inprocess", "dask")
WORKER_TIMEOUT = 60.0  # seconds without a Dask worker before a run gives up
WINDOW_PER_WORKER = 2  # chunks in flight per worker: each busy, one more ready, memory a few chunks
POLL_SECONDS = 1.0  # how often a run waiting for a partition checks that a worker is left
WARM_UP_SECONDS = 600.0  # the budget of the warm-up extraction: loading, not reading, takes its time


@dataclass
class ChunkResult:
    """What one chunk of papers gives: the papers it held, their claims and quarantined rows, what
    became of each paper (claims.runtime.ledger), read errors."""

    paper_ids: list[str]
    claims: pd.DataFrame
    quarantine: pd.DataFrame
    statuses: pd.DataFrame
    errors: list[LoadError] = field(default_factory=list)


@dataclass
class RunSummary:
    """Counts of a run; papers = with_claims + without_claims + failed."""

    papers: int = 0
    claims: int = 0
    quarantined: int = 0
    errors: list[LoadError] = field(default_factory=list)
    with_claims: int = 0
    without_claims: int = 0
    failed: int = 0


NO_PAPERS = "no paper read: earlier outputs left as they were"


class NoPapersRead(Exception):
    """A run read no paper: its outputs would only replace earlier ones with empty tables, so none is written."""


class ClusterError(Exception):
    """The workers cannot go on (a Dask scheduler unreachable or lost, no worker left, a local worker process
    killed): one line for the user."""


def quarantine_path(output: Path) -> Path:
    """Quarantined rows go beside the output: claims.csv -> claims.quarantine.csv."""
    return output.with_name(output.stem + ".quarantine" + output.suffix)


# A paper that reads every kind of name and number: extracting it once loads what extraction loads on first use
# (vocabularies, automata, the unit registry), so that no paper's time budget pays for it.
_WARM_UP_RECORD = {
    "title": "WarmNet: a model",
    "abstract": "WarmNet reaches 81.2% top-1 accuracy on ImageNet (zero-shot) with 21M parameters, "
    "1.4x faster than ResNet-50, and improves BLEU by 0.6 on WMT14 En-De.",
}
_WARM_UP = pd.DataFrame([{"paper_id": "warm-up", **_WARM_UP_RECORD}])
_warmed: list[bool] = []  # once per process: each Dask worker warms up on its first chunk


def warm_up() -> None:
    """Load, before any paper is timed, what extraction loads when first used (seconds on a busy machine:
    counted in the first paper's budget, it would fail that paper on one engine and not on the other)."""
    if not _warmed:
        extract(_WARM_UP, [], budget=WARM_UP_SECONDS)
        _warmed.append(True)


def process_chunk(papers: pd.DataFrame, errors: list[LoadError] | None = None) -> ChunkResult:
    """validate papers -> extract -> validate claims, on one chunk of papers.

    A paper the extractor fails on (claims.runtime.guard) is quarantined with the
    reason, not only warned about: on a Dask worker a warning is lost.
    """
    warm_up()
    valid, bad_papers = validate_papers(papers)
    failures: list[Failure] = []
    claims, bad_claims = validate_claims(extract(valid, failures), valid)
    failed = pd.DataFrame([asdict(f) | {"table": "extract"} for f in failures], columns=QUARANTINE_COLUMNS)
    parts = [part for part in (bad_papers, failed, bad_claims) if len(part)]
    quarantine = pd.concat(parts, ignore_index=True) if parts else empty_quarantine()
    statuses = paper_statuses(papers, claims, quarantine)
    return ChunkResult(papers["paper_id"].tolist(), claims, quarantine, statuses, errors or [])


_QUARANTINE_ORDER = {"papers": 0, "extract": 1, "claims": 2}  # as `process_chunk` concatenates its parts


def process_papers(
    papers: pd.DataFrame,
    errors: list[LoadError] | None = None,
    *,
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> ChunkResult:
    """`process_chunk` of a whole table of papers (`claims run`), its chunks extracted by `workers` processes
    (default one a CPU): the result the table as one chunk gives, row for row.

    Each paper's rows are its own (extraction reads one paper at a time), so the chunks' claims and statuses
    follow each other as the whole table's; quarantined rows are put back in the order one chunk lists them.
    """
    chunks = (papers.iloc[at : at + chunk_size] for at in range(0, max(len(papers), 1), chunk_size))
    results = list(_local_results(chunks, workers or default_workers()))
    if len(results) == 1:
        return replace(results[0], errors=errors or [])
    claims = [r.claims for r in results if len(r.claims)] or [results[0].claims]
    quarantine = [r.quarantine for r in results if len(r.quarantine)]
    return ChunkResult(
        [paper for r in results for paper in r.paper_ids],
        pd.concat(claims, ignore_index=True),
        pd.concat(quarantine, ignore_index=True)
        .sort_values("table", key=lambda tables: tables.map(_QUARANTINE_ORDER), kind="stable")
        .reset_index(drop=True)
        if quarantine
        else empty_quarantine(),
        pd.concat([r.statuses for r in results], ignore_index=True),
        errors or [],
    )


def run_extraction(
    paths: Iterable[str | Path] | None,
    output: str | Path,
    *,
    engine: str = "inprocess",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    scheduler: str | None = None,
    workers: int | None = None,
    worker_timeout: float = WORKER_TIMEOUT,
    progress: bool = False,
    errors: list[LoadError] | None = None,
) -> RunSummary:
    """Extract the claims of every paper in `paths` (None: the sample pages) into `output`.

    Files and records that cannot be read are appended to `errors` (when given) and listed in the summary;
    a run that reads no paper raises `NoPapersRead` and writes nothing.

    `engine` is "inprocess" (chunks extracted by `workers` processes of this
    machine, default one a CPU; 1: in this process alone) or "dask" (on the
    cluster at `scheduler`, else on a local cluster of `workers` processes); a
    scheduler that cannot be reached or is lost, or no worker for
    `worker_timeout` seconds, raises `ClusterError`. The outputs are the same
    bytes whatever the engine, the chunk size and the number of workers.
    Quarantined rows go to `quarantine_path(output)` (a previous one is removed
    when none are), what became of each paper to `claims.runtime.ledger.papers_path(output)`;
    files that cannot be read are in the summary's errors. The files replace the
    previous ones together (claims.runtime.io.OutputSet), only when the whole run succeeded.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if workers is not None and workers < 1:
        raise ValueError("workers must be at least 1")
    errors = [] if errors is None else errors
    with contextlib.ExitStack() as stack:
        bar = stack.enter_context(tqdm(unit=" papers", delay=2, disable=not progress, file=sys.stderr))
        outputs = stack.enter_context(OutputSet())  # committed after every writer has closed
        sink = _Sink(Path(output), outputs, stack, bar, errors)
        if engine == "inprocess":
            chunks = iter_paper_chunks(paths, chunk_size, errors)
            results = stack.enter_context(contextlib.closing(_local_results(chunks, workers or default_workers())))
        else:
            files = list(input_files(paths, errors))  # a missing input is told before a cluster starts
            if not files:
                raise NoPapersRead(NO_PAPERS)
            client = stack.enter_context(_dask_client(scheduler, workers))
            results = stack.enter_context(
                contextlib.closing(_dask_results(client, files, chunk_size, errors, worker_timeout))
            )
        for result in results:
            sink.add(result)
        sink.finish()
    return sink.summary


def default_workers() -> int:
    """The in-process engine's workers when none are asked for: one process a CPU."""
    return os.cpu_count() or 1


_Submitted = TypeVar("_Submitted")


def _in_order(
    submitted: Iterable[_Submitted], window: int, result: Callable[[_Submitted], ChunkResult]
) -> Iterator[ChunkResult]:
    """The results of chunks sent to workers, in the order they were sent, with at most `window` in flight:
    the rows are written as one process would write them, and memory holds a few chunks."""
    pending: deque[_Submitted] = deque()
    for future in submitted:
        pending.append(future)
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _local_results(chunks: Iterator[pd.DataFrame], workers: int) -> Iterator[ChunkResult]:
    """Each chunk's result, in chunk order: from a pool of `workers` processes when there are several
    workers and chunks, else from this process (a pool would only add its start to a one-chunk run)."""
    if workers > 1:
        head = list(itertools.islice(chunks, 2))
        chunks = itertools.chain(head, chunks)
        if len(head) > 1:
            with _process_pool(workers) as pool:
                submitted = (_submit(pool, papers) for papers in chunks)
                yield from _in_order(submitted, WINDOW_PER_WORKER * workers, LocalFuture.result)
            return
    yield from map(process_chunk, chunks)


_STOPPING = {signal.SIGINT, signal.SIGTERM}


def _submit(pool: ProcessPoolExecutor, papers: pd.DataFrame) -> LocalFuture:
    """Send a chunk to the pool with Ctrl-C and SIGTERM held back until it returns: a worker process the
    submission forks is then known to the pool, and stopped with the others, before either can stop the run."""
    if not hasattr(signal, "pthread_sigmask"):
        return pool.submit(_process_in_worker, papers)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        return pool.submit(_process_in_worker, papers)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _process_in_worker(papers: pd.DataFrame) -> ChunkResult:
    """`process_chunk` as the worker finds it when called (what a test patched before the fork included)."""
    return process_chunk(papers)


@contextlib.contextmanager
def _process_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """`workers` processes forked (on Linux) from this one once it has run the chunk step on one paper, so
    that they start with the vocabularies loaded and the schemas built (over a second of CPU each). On an
    error, Ctrl-C or SIGTERM they are stopped at once, not after the chunks they hold."""
    process_chunk(records_to_papers([{**_WARM_UP_RECORD, "source": "warm-up"}]))
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_signals)
    try:
        yield pool
    except BaseException as error:
        processes = list((pool._processes or {}).values())  # no public way to stop them before Python 3.14
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        if isinstance(error, BrokenProcessPool):  # killed (out of memory?): one line, as a lost Dask worker
            raise ClusterError("a worker process ended abruptly (killed, or out of memory)") from error
        raise
    pool.shutdown()


def _worker_signals() -> None:
    """A worker leaves Ctrl-C to the run, which stops it, and dies of SIGTERM: the handlers it was forked with
    would raise inside a chunk, and the pool would hand the exception back as a result and go on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)  # held back while the submission forked it


class _Sink:
    """Writes chunk results as they come, each paper's rows once (from the first chunk that held it)."""

    def __init__(
        self, output: Path, outputs: OutputSet, stack: contextlib.ExitStack, bar: tqdm, errors: list[LoadError]
    ):
        self.outputs = outputs  # in commit order: the claims, then the ledger that counts them last
        self.claims = stack.enter_context(TableWriter(output, outputs))
        self.quarantine = stack.enter_context(TableWriter(quarantine_path(output), outputs))
        self.statuses = stack.enter_context(TableWriter(papers_path(output), outputs))
        self.bar = bar
        self.seen: set[str] = set()
        self.summary = RunSummary(errors=errors)

    def add(self, result: ChunkResult) -> None:
        new = set(result.paper_ids) - self.seen
        self.seen |= new
        claims = rows_of_papers(result.claims, new)
        quarantine = rows_of_papers(result.quarantine, new)
        statuses = rows_of_papers(result.statuses, new)
        self.claims.write(claims)
        if len(quarantine):
            self.quarantine.write(quarantine)
        self.statuses.write(statuses)
        counts = count_statuses(statuses)
        self.summary.with_claims += counts["ok"]
        self.summary.without_claims += counts["no-claims"]
        self.summary.failed += counts["failed"]
        self.summary.papers += len(statuses)
        self.summary.claims += len(claims)
        self.summary.quarantined += len(quarantine)
        self.summary.errors += result.errors
        self.bar.update(len(result.paper_ids))

    def finish(self) -> None:
        """A run without papers writes nothing (`NoPapersRead`: raised inside the run's outputs, so every
        earlier output stays as it was); a quarantine file of an earlier run would pass for this one's, so it
        goes, once the run's files are in place."""
        if not self.seen:
            raise NoPapersRead(NO_PAPERS)
        if not self.claims.rows:
            self.claims.write(process_chunk(records_to_papers([])).claims)
        if not self.quarantine.rows:
            self.outputs.discard(self.quarantine.target)


# --------------------------------------------------------------------------- dask engine
@contextlib.contextmanager
def _dask_client(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, else of a local cluster of single-threaded processes."""
    from distributed import Client, LocalCluster  # imported here: the in-process engine needs no cluster

    if scheduler:
        try:
            client = Client(scheduler)  # tries for distributed.comm.timeouts.connect (Dask's setting)
        except (OSError, ValueError) as error:  # nothing listening, an unknown host, a bad address
            raise ClusterError(f"scheduler {scheduler}: {_root_reason(error)}") from error
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # task errors reach us as exceptions; teardown races are noise
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _root_reason(error: BaseException) -> str:
    """The words of the error at the bottom of a chain ("Connection refused"), else the error's own."""
    root = error
    while root.__cause__ is not None:
        root = root.__cause__
    return getattr(root, "strerror", None) or str(root) or str(error)


def _dask_results(
    client: Client,
    paths: Iterable[str | Path] | None,
    chunk_size: int,
    errors: list[LoadError],
    worker_timeout: float,
) -> Iterator[ChunkResult]:
    """Results in partition order, with a bounded number of partitions in flight; `ClusterError` when the
    scheduler is lost (Dask cancels every future, then closes the client if it cannot reconnect)."""
    from distributed import KilledWorker
    from distributed.client import ClosedClientError, FutureCancelledError

    scheduler = client.scheduler.address  # a closed client forgets it
    window = WINDOW_PER_WORKER * max(sum(client.nthreads().values()), 1)
    try:
        submitted = _submit_partitions(client, paths, chunk_size, errors)
        yield from _in_order(submitted, window, lambda future: _result(client, scheduler, future, worker_timeout))
    except ClosedClientError as error:
        raise ClusterError(f"scheduler {scheduler}: connection lost") from error
    except KilledWorker as error:  # the workers running one partition died, again and again
        tries = getattr(error, "allowed_failures", 0) + 1
        raise ClusterError(f"scheduler {scheduler}: a partition's worker died {tries} times (KilledWorker)") from error
    except FutureCancelledError as error:
        lost = error.reason == "scheduler-connection-lost"
        reason = "connection lost" if lost else f"partition cancelled ({error.reason})"
        raise ClusterError(f"scheduler {scheduler}: {reason}") from error


def _result(client: Client, scheduler: str, future: Future, worker_timeout: float) -> ChunkResult:
    """The partition's result, however long it takes while a worker is left; `ClusterError` when no worker
    has been there for `worker_timeout` seconds (Dask would wait for one forever)."""
    while True:
        try:
            future.exception(timeout=POLL_SECONDS)  # raises its own timeout only, never the task's error
        except TimeoutError:
            _wait_for_a_worker(client, scheduler, worker_timeout)
        else:
            return future.result()  # the task's error, if any, as it was raised


def _wait_for_a_worker(client: Client, scheduler: str, seconds: float) -> None:
    """Nothing to wait for while a worker is there (the partition is only long); else one must come within `seconds`."""
    try:
        if not client.nthreads():
            client.wait_for_workers(1, timeout=seconds)
    except TimeoutError as error:
        raise ClusterError(f"no Dask worker left after {seconds:g} s") from error
    except OSError as error:  # the scheduler went while we asked it
        raise ClusterError(f"scheduler {scheduler}: {_root_reason(error)}") from error


def _submit_partitions(
    client: Client, paths: Iterable[str | Path] | None, chunk_size: int, errors: list[LoadError]
) -> Iterator[Future]:
    """One future per chunk of papers, in order: the chunks are cut here, as in this process (the papers are
    decided before any chunk is cut, claims.ingest.identity), and each is sent to a worker."""
    for papers in iter_paper_chunks(paths, chunk_size, errors):
        yield client.submit(process_chunk, papers)
