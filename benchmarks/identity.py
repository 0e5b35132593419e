"""The same outputs whatever the chunk size and the engine (issue 17), at the issue's size.

    .venv/bin/python benchmarks/identity.py                 # 3,000 records: chunk size 1 costs most
    .venv/bin/python benchmarks/identity.py --records 80    # what tests/test_identity.py runs in the suite

Writes the synthetic corpus of tests/synthetic.py (the sample abstracts with
exact duplicates, papers seen without their abstract, near-duplicate titles of
other papers and respelt titles of the same paper), runs the extraction with
chunk sizes 1, 7 and 2,000 on both engines (Dask: a local cluster of two
workers) and prints, for each run, its seconds, papers and claims, and whether
its claims table, quarantine and ledger are byte for byte the first run's.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from synthetic import write_synthetic  # noqa: E402 (the tests' corpus)

from claims.runtime.engine import quarantine_path, run_extraction  # noqa: E402
from claims.runtime.ledger import papers_path  # noqa: E402

# the quick runs first
RUNS = [("inprocess", 2000), ("dask", 2000), ("inprocess", 7), ("dask", 7), ("dask", 1), ("inprocess", 1)]


def digests(output: Path) -> dict[str, str]:
    """The hash of each output file of a run, by what it holds (the runs' file names differ)."""
    files = {"claims": output, "quarantine": quarantine_path(output), "papers": papers_path(output)}
    return {role: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for role, p in files.items() if p.exists()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = write_synthetic(Path(scratch) / "corpus.jsonl", args.records)
        first: dict[str, str] | None = None
        for engine, size in RUNS:
            output = Path(scratch) / f"{engine}-{size}.csv"
            started = time.perf_counter()
            summary = run_extraction([corpus], output, engine=engine, chunk_size=size, workers=2)
            seconds = time.perf_counter() - started
            found = digests(output)
            first = first or found
            print(
                f"--engine {engine:9} --chunk-size {size:<5} {seconds:7.1f} s  papers {summary.papers}  "
                f"claims {summary.claims}  quarantined {summary.quarantined}  "
                f"identical to the first run: {found == first}",
                flush=True,
            )


if __name__ == "__main__":
    main()
