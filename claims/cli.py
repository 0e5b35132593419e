"""Command line: a thin layer over the Python API (claims.load, extract, validate)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import signal
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import NoReturn

import pandas as pd

from claims.boards.export import EVALUATION_TABLES, MODEL_INDEX
from claims.boards.isolation import board_by_board
from claims.boards.leaderboard import Board, build_comparisons, build_leaderboards
from claims.boards.report import write_leaderboards
from claims.boards.webpage import write_report
from claims.evaluate import (
    FIGURE_MEANINGS,
    GOLD_SETS,
    PARTS,
    default_gold_dir,
    error_lines,
    evaluate_set,
    summary_lines,
)
from claims.evaluate import write_report as write_accuracy_report
from claims.extraction.validate import validate_papers
from claims.ingest.loaders import DEFAULT_CHUNK_SIZE, LoadError, load
from claims.runtime.engine import (
    ENGINES,
    WORKER_TIMEOUT,
    ChunkResult,
    ClusterError,
    NoPapersRead,
    process_papers,
    quarantine_path,
    run_extraction,
)
from claims.runtime.interrupted import MESSAGE, imports_done
from claims.runtime.io import TABLE_SUFFIXES, OutputSet, write_table
from claims.runtime.ledger import count_statuses, papers_path
from claims.tables.pipeline import load_and_extract as load_and_extract_full
from claims.tables.score import tdms_score
from claims.tables.select import board_claims

imports_done()  # the imports are over: Ctrl-C is a KeyboardInterrupt again, turned into one line by main


def _output_path(value: str) -> Path:
    if Path(value).suffix.lower() not in TABLE_SUFFIXES:
        raise argparse.ArgumentTypeError(f"{value}: output must end in {', '.join(TABLE_SUFFIXES)}")
    return Path(value)


def _load_and_extract(paths: list[str] | None, workers: int | None = None) -> tuple[pd.DataFrame, ChunkResult]:
    """load -> validate papers -> extract -> validate claims, the result of the corpus as one chunk
    (claims.runtime.engine.process_papers: in chunks, by `workers` processes).

    Returns the valid papers and the result; errors and failed papers are reported in it, not raised.
    """
    listings = functools.partial(_load_and_extract, workers=workers)
    if paths and (full := load_and_extract_full(paths, listings)) is not None:
        return full  # full papers (claims.tables), and the listings beside them
    errors: list[LoadError] = []
    papers = load(paths or None, errors=errors)
    return validate_papers(papers)[0], process_papers(papers, errors, workers=workers)


def _report_errors(errors: list[LoadError]) -> None:
    for error in errors:
        print(f"error: {error}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    """Chunk by chunk (claims.runtime.engine), so that a corpus of any size runs in flat memory."""
    started = time.perf_counter()
    errors: list[LoadError] = []
    try:
        summary = run_extraction(
            args.paths or None,
            args.output,
            engine="dask" if args.scheduler else args.engine,  # a scheduler's address means its cluster
            chunk_size=args.chunk_size,
            scheduler=args.scheduler,
            workers=args.workers,
            worker_timeout=args.worker_timeout,
            progress=not args.quiet and sys.stderr.isatty(),
            errors=errors,
        )
    except NoPapersRead as error:
        _report_errors(errors)
        print(f"error: {error}", file=sys.stderr)
        return 1
    _report_errors(summary.errors)
    seconds = time.perf_counter() - started
    print(
        f"papers {summary.papers}  claims {summary.claims}  quarantined {summary.quarantined}  "
        f"unreadable {len(summary.errors)}  seconds {seconds:.2f}  -> {args.output}"
    )
    counts = {"ok": summary.with_claims, "no-claims": summary.without_claims, "failed": summary.failed}
    print(_accounting(summary.papers, counts, papers_path(args.output)))
    return 1 if summary.errors and not summary.papers else 0


def _accounting(papers: int, counts: dict[str, int], statuses: Path) -> str:
    """Where every paper read went (claims.runtime.ledger): the sum adds up, and the file names each paper's status."""
    return (
        f"papers read {papers} = {counts['ok']} with claims + {counts['no-claims']} without "
        f"+ {counts['failed']} failed  -> {statuses}"
    )


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value}: must be a whole number of at least 1")
    return int(value)


def _seconds(value: str) -> float:
    with contextlib.suppress(ValueError):
        if float(value) > 0:  # not nan either
            return float(value)
    raise argparse.ArgumentTypeError(f"{value}: must be a number of seconds above 0")


def cmd_run(args: argparse.Namespace) -> int:
    """The main job in one go: claims.csv, leaderboards/ and reports/ under one folder, replaced together."""
    started = time.perf_counter()
    papers, result = _load_and_extract(args.paths, args.workers)
    claims, quarantine, errors = result.claims, result.quarantine, result.errors
    _report_errors(errors)
    if not len(result.statuses):
        print("error: no paper read: earlier outputs left as they were", file=sys.stderr)
        return 1
    out: Path = args.output
    comparisons = build_comparisons(claims, papers)
    report, boards = board_by_board(
        build_leaderboards(board_claims(claims), papers), lambda boards: _write_run(out, result, boards, comparisons)
    )
    seconds = time.perf_counter() - started
    print(f"claims:       {out / 'claims.csv'}")
    print(f"leaderboards: {out / 'leaderboards' / 'README.md'} ({len(boards)} boards, comparisons.md)")
    print(f"exports:      {out / 'leaderboards' / MODEL_INDEX}, {out / 'leaderboards' / EVALUATION_TABLES}")
    print(f"report:       {report}")
    print(
        f"papers {len(papers)}  claims {len(claims)}  quarantined {len(quarantine)}  "
        f"unreadable {len(errors)}  boards {len(boards)}  comparisons {len(comparisons)}  "
        f"seconds {seconds:.2f}"
    )
    print(_accounting(len(result.statuses), count_statuses(result.statuses), papers_path(out / "claims.csv")))
    return 1 if errors and papers.empty else 0


def _write_run(out: Path, result: ChunkResult, boards: list[Board], comparisons: pd.DataFrame) -> Path:
    """Every output of `claims run`, replaced together; the report's path."""
    with OutputSet() as outputs:  # in commit order: the claims, the ledger that counts them, what is built on them
        write_table(result.claims, out / "claims.csv", outputs)
        if len(result.quarantine):
            write_table(result.quarantine, quarantine_path(out / "claims.csv"), outputs)
        else:  # an earlier run's would pass for this one's
            outputs.discard(quarantine_path(out / "claims.csv"))
        write_table(result.statuses, papers_path(out / "claims.csv"), outputs)
        write_leaderboards(boards, comparisons, out / "leaderboards", outputs)
        return write_report(boards, comparisons, out / "reports", outputs)


def cmd_eval(args: argparse.Namespace) -> int:
    """Accuracy on every gold set, by half: the scorer's lines here, the look halves' errors in the report."""
    gold = args.gold or default_gold_dir()
    results = {}
    print("\n".join(f"{m}: {meaning}" for m, meaning in FIGURE_MEANINGS.items()))
    for gold_set in GOLD_SETS:
        if not (gold / gold_set.gold).exists():
            continue
        inputs = [str(gold / gold_set.inputs)] if gold_set.inputs else None
        _, result = _load_and_extract(inputs)
        _report_errors(result.errors)
        results[gold_set.name] = evaluate_set(result.claims, gold, gold_set)
        print(gold_set.label)
        for part, evaluation in results[gold_set.name].items():
            print("\n".join(f"  {part:5s} {line}" for line in summary_lines(evaluation)))
        if args.errors:
            print("\n".join("  " + line for line in error_lines(results[gold_set.name]["look"])))
    if not results:
        names = ", ".join(s.gold for s in GOLD_SETS)
        print(f"error: {gold}: no gold set there ({names}); name the folder with --gold", file=sys.stderr)
        return 1
    write_accuracy_report(results, args.output)
    print(f"look-half errors listed in {args.output}")
    _eval_full_papers(args.tdms or default_gold_dir().parents[2] / "shared" / "tdms" / "dev", args.errors)
    return 0


def _eval_full_papers(folder: Path, errors: bool = False) -> None:
    """NLP-TDMS (full papers and their tables): `claims run` on its papers, scored by the shared scorer on
    the look half, the check half and all; with `errors`, the look half's misses and extras."""
    scorer = folder.parents[1] / "eval" / "tdms_score.py"
    if not (folder / "results.jsonl").exists() or not scorer.exists():
        print(f"NLP-TDMS: {folder} or its scorer not found: not scored (name the folder with --tdms)")
        return
    with tempfile.TemporaryDirectory() as out:
        with contextlib.redirect_stdout(io.StringIO()):
            main(["run", str(folder), "-o", out])
        results = Path(out) / "leaderboards" / "results.csv"
        scored = {part: tdms_score(results, folder, scorer, errors and part == "look", _half(part)) for part in PARTS}
    print("NLP-TDMS dev (full papers: tables, text and abstracts; micro P/R/F1 of curated results):")
    for part, lines in scored.items():
        print("\n".join(f"  {part:5s} {line}" for line in lines[:3]))
    if errors:
        print("\n".join("  " + line for line in scored["look"][3:]))


def _half(part: str) -> str | None:
    return None if part == "all" else part


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claims", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('claims')}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = parser.add_subparsers(dest="command", required=True)
    extract_cmd = commands.add_parser("extract", help="extract claims from paper listings into a table")
    extract_cmd.add_argument("paths", nargs="*", help="files or folders (default: the bundled sample pages)")
    extract_cmd.add_argument(
        "-o", "--output", type=_output_path, required=True, help="OUT.csv, OUT.jsonl or OUT.parquet"
    )
    extract_cmd.add_argument("--engine", choices=ENGINES, default="inprocess", help="default: in this process")
    extract_cmd.add_argument(
        "--chunk-size", type=_positive, default=DEFAULT_CHUNK_SIZE, help="papers per chunk or Dask partition"
    )
    extract_cmd.add_argument(
        "--scheduler", metavar="ADDRESS", help="an existing Dask cluster's scheduler (implies --engine dask)"
    )
    extract_cmd.add_argument(
        "--workers",
        type=_positive,
        help="processes on this machine, for either engine (default: one a CPU; 1: in-process alone)",
    )
    extract_cmd.add_argument(
        "--worker-timeout",
        type=_seconds,
        default=WORKER_TIMEOUT,
        metavar="SECONDS",
        help=f"dask: give up when no worker is left for this long (default: {WORKER_TIMEOUT:g})",
    )
    extract_cmd.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    extract_cmd.set_defaults(handler=cmd_extract)
    run_cmd = commands.add_parser("run", help="the main job: claims table, leaderboards and HTML report")
    run_cmd.add_argument("paths", nargs="*", help="files or folders (default: the bundled sample pages)")
    run_cmd.add_argument("-o", "--output", type=Path, default=Path("."), help="output folder (default: here)")
    run_cmd.add_argument(
        "--workers", type=_positive, help="processes extracting abstracts (default: one a CPU; 1: this one alone)"
    )
    run_cmd.set_defaults(handler=cmd_run)
    eval_cmd = commands.add_parser("eval", help="score extraction against gold annotations, write reports/accuracy.md")
    eval_cmd.add_argument(
        "--gold",
        type=Path,
        help="folder with score.py and the gold sets (default: the checkout's tests/gold)",
    )
    eval_cmd.add_argument("--errors", action="store_true", help="list the look halves' errors here too")
    eval_cmd.add_argument(
        "--tdms", type=Path, help="NLP-TDMS folder of papers and curated results (default: ../shared/tdms/dev)"
    )
    eval_cmd.add_argument("-o", "--output", type=Path, default=Path("reports/accuracy.md"))
    eval_cmd.set_defaults(handler=cmd_eval)
    return parser


class Terminated(SystemExit):
    """SIGTERM's exit: the run unwinds as on Ctrl-C, removing its temporary output files, then ends at once."""


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends the run as Ctrl-C does: by an exception, so that temporary output files are removed."""
    raise Terminated(128 + signum)


def _exit_now(code: int) -> NoReturn:
    """End the process without the interpreter's shutdown, which joins a process pool's threads: one whose worker
    was terminated mid-chunk may never return (the outputs are already rolled back when this runs)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.handler(args)
    except Terminated as stop:
        _exit_now(int(stop.code))
    except KeyboardInterrupt:  # Ctrl-C: the outputs are intact (claims.runtime.io.OutputSet), the traceback is noise
        if args.debug:
            raise
        print(MESSAGE, file=sys.stderr)
        return 130
    except (OSError, ClusterError) as error:  # a full disk, a folder one may not write in, a lost cluster
        if args.debug:
            raise
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 1


def _one_line(error: OSError | ClusterError) -> str:
    """An expected failure as the user reads it: the file (or the scheduler) and the reason."""
    if not isinstance(error, OSError):
        return str(error)
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"
