"""Speed and memory of `claims extract`: abstracts per second and peak memory, against quantulum3.

    .venv/bin/python benchmarks/bench.py          # a few minutes on two cores
    .venv/bin/python benchmarks/bench.py --only-full-papers   # full papers per second alone (NLP-TDMS dev)

Runs the whole extract pipeline (read -> validate papers -> extract ->
validate claims -> write CSV) on (a) the bundled sample pages and (b) a
synthetic corpus of 1k, 10k and 100k abstracts made of the sample sentences
shuffled (seeded), written as JSON Lines and read back through the chunked
reader. Each run is its own process, so that its peak memory is its own; the
in-process engine extracts the chunks in its worker processes (`--workers`,
default one a CPU), whose CPU time and memory are counted with the run's.
quantulum3 parses the same abstracts in this process, beside `claims.extract`.
Full papers (claims/tables): the NLP-TDMS dev folder (`--full-papers`) read from its
GROBID TEI files and from its PDF-table JSON files, each format alone, through
the readers and the whole full-paper extraction (abstract, sections, tables).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import claims
from claims.extraction.text import sentence_spans
from claims.ingest.loaders import DEFAULT_CHUNK_SIZE, iter_paper_chunks
from claims.runtime.engine import default_workers, process_chunk, run_extraction
from claims.tables.pipeline import extract_full_papers
from claims.tables.readers import read_full_papers

SIZES = (1_000, 10_000, 100_000)
PEER_ABSTRACTS = 1_000
SEED = 5
FULL_PAPERS = Path(__file__).resolve().parents[1] / ".." / "shared" / "tdms" / "dev"
FULL_PAPER_FORMATS = {"GROBID TEI": "tei", "PDF-table JSON": "tables"}  # a subfolder of the dev folder each
TARGETS = {"abstracts/s at 100k": 2_000, "times quantulum3": 50, "peak memory 100k/10k at most": 1.5}


# --------------------------------------------------------------------------- corpus
def write_corpus(papers: pd.DataFrame, sizes: tuple[int, ...], folder: Path, seed: int) -> dict[int, Path]:
    """JSON Lines files of sizes[i] abstracts, each the first lines of the next (one seeded stream).

    An abstract takes as many sentences as a sample abstract has, drawn from
    all sample sentences, so its length and its numbers are those of real ones.
    """
    rng = random.Random(seed)
    abstracts = papers["abstract"].tolist()
    spans = [sentence_spans(a) for a in abstracts]
    sentences = [a[s:e] for a, found in zip(abstracts, spans, strict=True) for s, e in found]
    counts = [len(found) for found in spans]
    titles = papers["title"].tolist()
    paths = {size: folder / f"corpus_{size}.jsonl" for size in sizes}
    handles = {size: path.open("w", encoding="utf-8") for size, path in paths.items()}
    try:
        for index in range(max(sizes)):
            abstract = " ".join(rng.choices(sentences, k=rng.choice(counts)))
            line = json.dumps({"title": f"{rng.choice(titles)} ({index})", "abstract": abstract}) + "\n"
            for size, handle in handles.items():
                if index < size:
                    handle.write(line)
    finally:
        for handle in handles.values():
            handle.close()
    return paths


# --------------------------------------------------------------------------- runs
def child(paths: list[str], chunk_size: int, workers: int) -> None:
    """One run of the extract pipeline in this (fresh) process and its workers; prints its figures as JSON.

    A few papers go through first, so that one-off costs (compiling the
    vocabularies, building the schemas) are not counted as throughput; the
    workers are forked from this process once it has (claims.runtime.engine).
    """
    process_chunk(next(iter_paper_chunks(paths or None, 20)))
    workers_before = _cpu_seconds(resource.getrusage(resource.RUSAGE_CHILDREN))  # a helper a library ran
    with tempfile.TemporaryDirectory() as folder:
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = run_extraction(paths or None, Path(folder) / "claims.csv", chunk_size=chunk_size, workers=workers)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    own, workers_used = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    figures = {"papers": summary.papers, "claims": summary.claims, "seconds": seconds}
    figures["cpu_seconds"] = cpu_seconds + _cpu_seconds(workers_used) - workers_before
    # KiB on Linux. A pool runs for two chunks or more; its workers share this process's pages until they write
    # them, so the sum is an upper bound (the largest child may also be a helper a library forked, much smaller)
    pool = workers if workers > 1 and summary.papers > chunk_size else 0
    figures["peak_mib"] = (own.ru_maxrss + pool * workers_used.ru_maxrss) / 1024
    print(json.dumps(figures))


def _cpu_seconds(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run_in_child(paths: list[Path], chunk_size: int, workers: int) -> dict:
    command = [sys.executable, __file__, "--child", "--chunk-size", str(chunk_size), "--workers", str(workers)]
    command += map(str, paths)
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_only_peak_mib() -> float:
    """Peak memory of a process that only imports the pipeline: the floor under every run."""
    code = "import resource, claims.runtime.engine; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def cpu_seconds_of(work: Callable[[], object]) -> float:
    """CPU time, not wall time: the peers are compared fairly even while other jobs share the cores."""
    started = time.process_time()
    work()
    return time.process_time() - started


def peer_rates(papers: pd.DataFrame) -> tuple[float, float]:
    """(claims.extract, quantulum3) abstracts per second on the same abstracts, in this process."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is not installed
        from quantulum3 import parser

        parser.parse("warm-up: 3 km in 2 hours")
        claims.extract(papers.head(20))  # as `child` warms up: the vocabularies' automata are built by then
        ours = cpu_seconds_of(lambda: claims.extract(papers))
        theirs = cpu_seconds_of(lambda: [parser.parse(abstract) for abstract in papers["abstract"]])
    return len(papers) / ours, len(papers) / theirs


# --------------------------------------------------------------------------- report
def _read_and_extract(folder: Path) -> int:
    """Read the full papers of `folder` and extract them, all steps; the number of papers."""
    papers = read_full_papers([folder])
    extract_full_papers(papers, [])
    return len(papers)


def full_paper_rates(folder: Path) -> dict[str, tuple[int, float]]:
    """Full papers per CPU second of each format in `folder` (read + extract), as (papers, rate)."""
    rates = {}
    extract_full_papers(read_full_papers([next((folder / "tei").iterdir())]), [])  # compile the vocabularies first
    for label, subfolder in FULL_PAPER_FORMATS.items():
        counted: list[int] = []
        seconds = cpu_seconds_of(lambda sub=subfolder, out=counted: out.append(_read_and_extract(folder / sub)))
        rates[label] = (counted[0], counted[0] / seconds)
    return rates


def _print_full_papers(folder: Path) -> None:
    if not folder.is_dir():
        print(f"\nfull papers: {folder} not found, skipped")
        return
    print(f"\nfull papers ({folder.resolve()}: read + abstract, sections and tables extracted)")
    for label, (count, rate) in full_paper_rates(folder).items():
        print(f"  {label:<16}{count:>5} papers {rate:>8.1f} full papers/s (CPU)")


def main() -> None:
    args = _arguments()
    if args.child:
        child(args.paths, args.chunk_size, args.workers)
        return
    if args.only_full_papers:
        _print_full_papers(args.full_papers)
        return
    load_before = os.getloadavg()
    samples = claims.load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"writing the synthetic corpus ({', '.join(f'{s:,}' for s in args.sizes)} abstracts) ...", flush=True)
        corpus = write_corpus(samples, tuple(args.sizes), folder, SEED)
        runs = {"sample pages": run_in_child([], args.chunk_size, args.workers)}
        for size, path in corpus.items():
            print(f"extracting {size:,} abstracts ...", flush=True)
            runs[f"synthetic {size:,}"] = run_in_child([path], args.chunk_size, args.workers)
        print(f"quantulum3 on {len(samples)} + {args.peer:,} abstracts ...", flush=True)
        subset = next(iter_paper_chunks([corpus[max(args.sizes)]], args.peer))
        peers = {f"sample pages ({len(samples)})": peer_rates(samples)}
        peers[f"synthetic ({len(subset):,})"] = peer_rates(subset)
    floor = import_only_peak_mib()
    _print_report(runs, peers, floor, args, load_before, os.getloadavg())
    _print_full_papers(args.full_papers)


def _print_report(runs: dict, peers: dict, floor: float, args: argparse.Namespace, before: tuple, after: tuple) -> None:
    _print_runs(runs, floor, args.chunk_size, args.workers)
    sizes = sorted(args.sizes)
    per = {s: runs[f"synthetic {s:,}"]["seconds"] / runs[f"synthetic {s:,}"]["papers"] for s in sizes}
    steps = zip(sizes, sizes[1:], strict=False)
    print("growth: " + "  ".join(f"{b // a}x abstracts -> {per[b] * b / (per[a] * a):.1f}x time" for a, b in steps))
    print(f"\n{'peer: same abstracts, same process':<36}{'claims':>10}{'quantulum3':>12}{'ratio':>8}")
    for name, (ours, theirs) in peers.items():
        print(f"{name:<36}{ours:>10,.0f}{theirs:>12,.1f}{ours / theirs:>7.0f}x")
    print("(abstracts per CPU second)")
    big, ten = runs[f"synthetic {max(sizes):,}"], runs.get("synthetic 10,000")
    _print_targets(
        {
            "abstracts/s at 100k": big["papers"] / big["seconds"],
            "times quantulum3": min(ours / theirs for ours, theirs in peers.values()),
            "peak memory 100k/10k at most": big["peak_mib"] / ten["peak_mib"] if ten else float("nan"),
        }
    )
    print(f"\nload average (1/5/15 min): before {_load(before)}, after {_load(after)}; CPUs {os.cpu_count()}")


def _print_runs(runs: dict, floor: float, chunk_size: int, workers: int) -> None:
    pool = "in this process alone" if workers == 1 else f"{workers} worker processes"
    print(f"\nextract pipeline, in-process engine, {pool}, chunk size {chunk_size:,} (one run per row)")
    header = ("corpus", "abstracts", "claims", "seconds", "abstracts/s", "per CPU s", "peak MiB")
    print("{:<20}{:>11}{:>9}{:>9}{:>13}{:>11}{:>10}".format(*header))
    for name, run in runs.items():
        rate, cpu_rate = run["papers"] / run["seconds"], run["papers"] / run["cpu_seconds"]
        print(
            f"{name:<20}{run['papers']:>11,}{run['claims']:>9,}{run['seconds']:>9.2f}{rate:>13,.0f}"
            f"{cpu_rate:>11,.0f}{run['peak_mib']:>10.0f}"
        )
    print(f"(a process that only imports the pipeline peaks at {floor:.0f} MiB; with workers, peak MiB is the")
    print(" run's peak plus each worker's at most that of the largest, and per CPU s counts the workers' CPU)")


def _print_targets(figures: dict[str, float]) -> None:
    print("\ntargets")
    for name, target in TARGETS.items():
        value = figures[name]
        met = value <= target if "at most" in name else value >= target
        print(f"  {name:<30} {value:>8.2f}  (target {target:g}) {'met' if met else 'NOT MET'}")


def _load(load: tuple[float, float, float]) -> str:
    return "/".join(f"{value:.2f}" for value in load)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="synthetic corpus sizes")
    parser.add_argument("--peer", type=int, default=PEER_ABSTRACTS, help="synthetic abstracts for quantulum3")
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE)
    parser.add_argument("--workers", type=int, default=default_workers(), help="the engine's (default: one a CPU)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--full-papers", type=Path, default=FULL_PAPERS, help="a folder of NLP-TDMS full papers")
    parser.add_argument("--only-full-papers", action="store_true", help="only the full papers' line")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
