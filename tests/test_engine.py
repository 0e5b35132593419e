"""The extraction engines: chunked in-process runs and Dask runs write the same claims."""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import dask
import pandas as pd
import pytest
from conftest import make_abstract, undecoded_errors, write_papers
from distributed import LocalCluster

import claims
from claims.cli import main
from claims.extraction.validate import validate_claims, validate_papers
from claims.runtime.engine import ClusterError, _Sink, process_chunk, process_papers, quarantine_path, run_extraction


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["paper_id", "start", "end", "metric"]).reset_index(drop=True)


def _table(path: Path) -> pd.DataFrame:
    return _sorted(pd.read_csv(path))


@pytest.fixture(scope="module")
def samples() -> pd.DataFrame:
    return claims.load()


@pytest.fixture
def corpus(tmp_path: Path, samples: pd.DataFrame) -> list[Path]:
    """JSON Lines and Parquet files of the sample abstracts, a bad line, and a paper repeated far apart."""
    records = [{"title": t, "abstract": a} for t, a in zip(samples["title"], samples["abstract"], strict=True)]
    repeat = {"title": records[0]["title"], "abstract": "A different text that claims 99.9% top-1 accuracy."}
    jsonl = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r) for r in records[:250]] + ["{not json"] + [json.dumps(repeat)]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parquet = tmp_path / "corpus.parquet"
    pd.DataFrame(records[200:]).to_parquet(parquet, row_group_size=30)
    return [jsonl, parquet]


def test_chunked_in_process_run_writes_what_the_whole_table_pipeline_writes(tmp_path, samples):
    papers, _ = validate_papers(samples)
    expected, _ = validate_claims(claims.extract(papers), papers)
    summary = run_extraction(None, tmp_path / "claims.csv", chunk_size=40)
    assert (summary.papers, summary.claims, summary.errors) == (len(samples), len(expected), [])
    written = pd.read_csv(tmp_path / "claims.csv")
    assert written.equals(pd.read_csv(_csv(expected, tmp_path / "expected.csv")))


def _csv(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False)
    return path


def test_dask_on_a_local_cluster_matches_in_process_on_the_sample_pages(tmp_path):
    local = run_extraction(None, tmp_path / "local.csv")
    dask = run_extraction(None, tmp_path / "dask.csv", engine="dask", workers=2, chunk_size=100)
    assert dask.papers == local.papers and dask.claims == local.claims > 0
    pd.testing.assert_frame_equal(_table(tmp_path / "dask.csv"), _table(tmp_path / "local.csv"))


def test_dask_on_a_cluster_matches_in_process_on_partitioned_files(tmp_path, corpus, scheduler, samples):
    local = run_extraction(corpus, tmp_path / "local.csv", chunk_size=40)
    dask = run_extraction(corpus, tmp_path / "dask.csv", engine="dask", scheduler=scheduler, chunk_size=40)
    assert local.papers == dask.papers == len(samples)
    pd.testing.assert_frame_equal(_table(tmp_path / "dask.csv"), _table(tmp_path / "local.csv"))
    assert (
        [e.reason for e in dask.errors]
        == [e.reason for e in local.errors]
        == ["invalid JSON: Expecting property name enclosed in double quotes (column 2)"]
    )


def test_a_paper_repeated_in_a_later_chunk_keeps_its_first_record(tmp_path, corpus, scheduler):
    for engine in ("inprocess", "dask"):
        out = tmp_path / f"{engine}.csv"
        run_extraction(corpus, out, engine=engine, scheduler=scheduler, chunk_size=40)
        assert "99.9%" not in set(pd.read_csv(out)["value_text"]), engine


def test_lines_that_are_not_utf8_cost_their_records_alone_and_alike_on_both_engines(tmp_path, scheduler):
    broken = [0, 17, 18, 40, 79]  # the first and last lines, two in a row, and others in later blocks
    corpus = write_papers(tmp_path / "corpus.jsonl", 80, broken)
    runs = {
        engine: run_extraction([corpus], tmp_path / f"{engine}.csv", engine=engine, scheduler=scheduler, chunk_size=4)
        for engine in ("inprocess", "dask")
    }  # Dask blocks of 4 * BYTES_PER_RECORD bytes: about 20 lines each
    for engine, summary in runs.items():
        assert [(e.source, e.record, e.reason) for e in summary.errors] == undecoded_errors(corpus, broken), engine
        assert summary.papers == summary.with_claims + summary.without_claims + summary.failed == 80 - len(broken)
    pd.testing.assert_frame_equal(_table(tmp_path / "dask.csv"), _table(tmp_path / "inprocess.csv"))


def test_quarantined_rows_go_to_a_file_beside_the_output(tmp_path, write):
    good = {"title": "Good paper", "abstract": make_abstract("segmentation")}
    bad = {"title": "Bad paper", "abstract": make_abstract("detection"), "authors": -3}
    corpus = write("corpus.jsonl", "\n".join(json.dumps(r) for r in (good, bad)))
    out = tmp_path / "claims.parquet"
    summary = run_extraction([corpus], out)
    written, quarantined = pd.read_parquet(out), pd.read_parquet(quarantine_path(out))
    assert set(written["title"]) == {"Good paper"} and len(written) == summary.claims
    assert quarantined[["table", "title"]].values.tolist() == [["papers", "Bad paper"]]
    assert "authors" in quarantined["reason"][0]


def test_a_paper_the_extractor_refuses_is_quarantined_on_both_engines(tmp_path, write, scheduler):
    good = {"title": "Good paper", "abstract": make_abstract("segmentation")}
    huge = {"title": "Huge paper", "abstract": make_abstract("detection") * 100}  # over guard.MAX_ABSTRACT_CHARS
    corpus = write("corpus.jsonl", "\n".join(json.dumps(r) for r in (good, huge)))
    for engine in ("inprocess", "dask"):
        out = tmp_path / f"{engine}.csv"
        summary = run_extraction([corpus], out, engine=engine, scheduler=scheduler)
        quarantined = pd.read_csv(quarantine_path(out))
        assert summary.quarantined == 1 and set(pd.read_csv(out)["title"]) == {"Good paper"}, engine
        assert quarantined[["table", "title"]].values.tolist() == [["extract", "Huge paper"]], engine
        assert quarantined["reason"][0].startswith("abstract too long"), engine


def test_a_failed_run_leaves_the_previous_output_whole(tmp_path, monkeypatch):
    out = tmp_path / "claims.csv"
    out.write_text("previous\n")

    def broken(papers, errors=None):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr("claims.runtime.engine.process_chunk", broken)
    with pytest.raises(RuntimeError):
        run_extraction(None, out)
    assert out.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="engine"):
        run_extraction(None, tmp_path / "claims.csv", engine="spark")


# --------------------------------------------------------------------------- in-process workers
def _outputs(out: Path) -> dict[str, bytes]:
    """The bytes of every file a run wrote beside `out`."""
    return {p.name: p.read_bytes() for p in sorted(out.parent.iterdir())}


def test_worker_processes_write_the_bytes_one_process_writes(tmp_path, corpus, samples):
    """Several chunks (a bad line, a paper repeated in a later chunk, a paper the guard refuses) through a
    pool of two processes and through this process alone."""
    huge = tmp_path / "huge.jsonl"
    huge.write_text(json.dumps({"title": "Huge paper", "abstract": make_abstract("detection") * 100}) + "\n")
    runs = {}
    for workers in (1, 2):
        out = tmp_path / f"workers-{workers}" / "claims.csv"
        runs[workers] = run_extraction([*corpus, huge], out, chunk_size=40, workers=workers)
        assert runs[workers].papers == len(samples) + 1 and runs[workers].quarantined == 1
    assert _outputs(tmp_path / "workers-2" / "claims.csv") == _outputs(tmp_path / "workers-1" / "claims.csv")
    assert [e.reason for e in runs[2].errors] == [e.reason for e in runs[1].errors] != []


@pytest.mark.parametrize("workers", [0, -2])
def test_workers_must_be_at_least_one(tmp_path, workers):
    with pytest.raises(ValueError, match="workers"):
        run_extraction(None, tmp_path / "claims.csv", workers=workers)
    with pytest.raises(SystemExit):
        main(["extract", "-o", str(tmp_path / "claims.csv"), "--workers", str(workers)])
    assert list(tmp_path.iterdir()) == []


def _in_workers_only(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object]) -> None:
    """Chunks extracted by a worker process run `action` (the pool's processes are forked after the patch);
    this process, which warms up on a chunk before it forks them, extracts as before."""
    run = os.getpid()
    real = claims.runtime.engine.process_chunk

    def patched(papers: pd.DataFrame, errors: list | None = None) -> claims.runtime.engine.ChunkResult:
        if os.getpid() != run:
            action()
        return real(papers, errors)

    monkeypatch.setattr("claims.runtime.engine.process_chunk", patched)


def _bug() -> None:
    raise RuntimeError("extractor bug")


def test_an_error_in_a_worker_process_fails_the_run_with_that_error(tmp_path, monkeypatch):
    out = tmp_path / "claims.csv"
    out.write_text("previous\n")
    _in_workers_only(monkeypatch, _bug)
    with pytest.raises(RuntimeError, match="extractor bug"):
        run_extraction(None, out, chunk_size=100, workers=2)
    assert out.read_text() == "previous\n" and [p.name for p in tmp_path.iterdir()] == ["claims.csv"]


def test_a_worker_process_killed_is_one_line(tmp_path, monkeypatch, capsys):
    _in_workers_only(monkeypatch, lambda: os._exit(9))
    assert main(["extract", "-o", str(tmp_path / "claims.csv"), "--chunk-size", "100", "--workers", "2", "-q"]) == 1
    assert capsys.readouterr().err == "error: a worker process ended abruptly (killed, or out of memory)\n"
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- a cluster that fails
@pytest.fixture
def cluster_to_break() -> Iterator[LocalCluster]:
    """A one-worker cluster of the test's own, to take apart: in threads (quick to start), with a short
    connect timeout (quick to close once its scheduler is gone)."""
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=False,
            protocol="tcp",
            dashboard_address=":0",  # the scheduler serves one anyway: on any free port
            silence_logs=logging.CRITICAL,
        ) as cluster,
    ):
        yield cluster


def _after_the_first_chunk(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object]) -> None:
    """`action` runs once the run has written its first chunk; then the run goes on."""
    real_add = _Sink.add
    done: list[bool] = []

    def add(sink: _Sink, result: claims.runtime.engine.ChunkResult) -> None:
        real_add(sink, result)
        if not done:
            done.append(True)
            action()

    monkeypatch.setattr(_Sink, "add", add)


def _extract_on(address: str, out: Path, *options: str) -> int:
    """`claims extract` of the sample pages in partitions of 20 papers (19 of them) on the cluster at `address`."""
    return main(["extract", "-o", str(out), "--scheduler", address, "--chunk-size", "20", "-q", *options])


def test_a_run_whose_workers_all_go_stops_with_one_line_after_the_worker_timeout(
    tmp_path, cluster_to_break, monkeypatch, capsys
):
    def close_the_workers() -> None:
        for worker in list(cluster_to_break.workers.values()):
            cluster_to_break.sync(worker.close)

    _after_the_first_chunk(monkeypatch, close_the_workers)
    assert _extract_on(cluster_to_break.scheduler_address, tmp_path / "claims.csv", "--worker-timeout", "1") == 1
    assert capsys.readouterr().err == "error: no Dask worker left after 1 s\n"
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file


@pytest.mark.parametrize("client_gave_up", [False, True], ids=["reconnecting", "closed"])
def test_a_scheduler_lost_during_a_run_is_one_line_naming_it(
    tmp_path, cluster_to_break, monkeypatch, capsys, client_gave_up
):
    """Lost, Dask cancels the run's partitions; once it has given up reconnecting (after its connect
    timeout, 1 s here) the client is closed and refuses new ones."""
    address = cluster_to_break.scheduler_address

    def close_the_scheduler() -> None:
        cluster_to_break.sync(cluster_to_break.scheduler.close)
        if client_gave_up:
            time.sleep(2)

    _after_the_first_chunk(monkeypatch, close_the_scheduler)
    assert _extract_on(address, tmp_path / "claims.csv") == 1
    assert capsys.readouterr().err == f"error: scheduler {address}: connection lost\n"
    assert list(tmp_path.iterdir()) == []


def test_a_scheduler_address_with_nothing_listening_is_one_line(tmp_path, capsys):
    """Refused, or the last attempt timed out (as Dask retries until its connect timeout)."""
    with socket.socket() as probe:  # a port that was free: nothing listens there once the probe is closed
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert _extract_on(address, tmp_path / "claims.csv") == 1
        refused, timed_out = os.strerror(errno.ECONNREFUSED), f"Timed out trying to connect to {address} after 1 s"
        assert capsys.readouterr().err in {f"error: scheduler {address}: {why}\n" for why in (refused, timed_out)}
        with pytest.raises(ClusterError):  # the traceback, for those who ask
            main(["--debug", "extract", "-o", str(tmp_path / "claims.csv"), "--scheduler", address, "-q"])
    assert list(tmp_path.iterdir()) == []


def test_a_table_extracted_in_chunks_by_workers_gives_what_it_gives_as_one_chunk(write):
    """`claims run`: the claims, statuses and quarantined rows of every kind (a refused abstract in the first
    chunk, a bad paper in the last) in the order one chunk gives them."""
    records = [{"title": f"Paper {i}", "abstract": make_abstract(f"topic {i}")} for i in range(9)]
    records[1]["abstract"] = make_abstract("detection") * 100  # over guard.MAX_ABSTRACT_CHARS
    records[8]["authors"] = -3
    papers = claims.load([write("corpus.jsonl", "\n".join(json.dumps(r) for r in records))], errors=[])
    whole = process_chunk(papers)
    assert whole.quarantine["table"].tolist() == ["papers", "extract"]
    for workers in (1, 2):
        chunked = process_papers(papers, workers=workers, chunk_size=3)
        assert chunked.paper_ids == whole.paper_ids
        for part in ("claims", "quarantine", "statuses"):
            pd.testing.assert_frame_equal(getattr(chunked, part), getattr(whole, part))
