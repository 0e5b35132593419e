"""Nothing lost: a JSON Lines corpus with 1% broken records of each kind, read by both engines.

    .venv/bin/python benchmarks/broken_corpus.py    # 100,000 lines (a 1.1 GB file): several minutes on two cores

Writes the synthetic corpus of `bench.py` with one line in a hundred replaced
by each kind of broken record (bad JSON, no abstract, bytes that are not
UTF-8, a 1 MB abstract, nesting too deep for the JSON parser, a record that is
not an object), runs `claims extract` on it with `--engine inprocess` and
`--engine dask` (a local cluster) and prints what each engine read, whether
every good paper was read, whether each broken line was reported once, and
whether both wrote the same claims and papers tables. Figures are printed,
nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from bench import SEED, write_corpus

import claims
from claims.runtime.ledger import papers_path

NESTING = 20_000  # levels of lists: far past the JSON parser's recursion limit


def _bad_json(record: dict) -> bytes:
    return json.dumps(record).encode()[:-2]  # cut before the closing quote and brace


def _no_abstract(record: dict) -> bytes:
    return json.dumps({"title": record["title"]}).encode()


def _not_utf8(record: dict) -> bytes:
    text = json.dumps(record).encode()
    middle = len(text) // 2
    return text[:middle] + b"\xff\xfe" + text[middle:]


def _huge_abstract(record: dict) -> bytes:
    abstract = record["abstract"] * (1_000_000 // len(record["abstract"]) + 1)
    return json.dumps({"title": record["title"], "abstract": abstract}).encode()


def _too_deep(record: dict) -> bytes:
    return json.dumps(record).encode()[:-1] + b', "extra": ' + b"[" * NESTING + b"]" * NESTING + b"}"


def _not_an_object(record: dict) -> bytes:
    return json.dumps([record["title"], record["abstract"]]).encode()


BROKEN: dict[str, Callable[[dict], bytes]] = {  # line number % 100 -> kind: 1% of the lines each
    "bad JSON": _bad_json,
    "missing abstract": _no_abstract,
    "non-UTF-8 bytes": _not_utf8,
    "1 MB abstract": _huge_abstract,
    "nesting too deep": _too_deep,
    "not an object": _not_an_object,
}
READ_ANYWAY = {"1 MB abstract"}  # a paper that is read, then refused by the extractor (status failed)


def write_broken_corpus(good: Path, target: Path) -> tuple[dict[int, str], set[str]]:
    """`good` with one line in a hundred broken in each way of BROKEN; returns the kind of each broken line
    (by line number) and the titles of the papers a reader must read."""
    kinds = list(BROKEN)
    broken: dict[int, str] = {}
    readable: set[str] = set()
    with good.open("rb") as source, target.open("wb") as out:
        for number, line in enumerate(source, start=1):
            record = json.loads(line)
            kind = kinds[number % 100] if number % 100 < len(kinds) else None
            if kind:
                broken[number] = kind
                line = BROKEN[kind](record) + b"\n"
            if kind is None or kind in READ_ANYWAY:
                readable.add(record["title"])
            out.write(line)
    return broken, readable


def run(engine: str, corpus: Path, output: Path) -> tuple[list[str], list[str], float]:
    """`claims extract` with one engine: its summary lines, its error lines, its seconds."""
    command = [sys.executable, "-m", "claims", "extract", str(corpus), "-o", str(output), "-q", "--engine", engine]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    if done.returncode:
        print(done.stderr[-3000:], file=sys.stderr)
    return done.stdout.splitlines(), errors, seconds


def _sorted_table(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def _line_of(error: str) -> int:
    """The record number of an error line ("error: FILE: record N: reason")."""
    return int(error.split(": record ")[1].split(":")[0])


def report(engine: str, figures: tuple[list[str], list[str], float], broken: dict[int, str], output: Path) -> set[str]:
    """Print one engine's lines and checks; returns the titles it read."""
    summary, errors, seconds = figures
    statuses = pd.read_csv(papers_path(output), keep_default_na=False, dtype=str)
    reported = Counter(_line_of(error) for error in errors)
    expected = {number for number, kind in broken.items() if kind not in READ_ANYWAY}
    print(f"--engine {engine} ({seconds:.0f} s)")
    print("\n".join("  " + line for line in summary))
    print(f"  error lines: {len(errors)}; each broken line reported once: {reported == Counter(expected)}")
    reasons = Counter(error.split(": ", 3)[3].split(" (")[0] for error in errors)
    print("  reasons: " + ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())))
    failed = statuses.loc[statuses["status"] == "failed", "reason"].str.split(" (", regex=False).str[0].value_counts()
    print("  failed papers: " + ", ".join(f"{reason} {count}" for reason, count in failed.items()))
    return set(statuses["title"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=100_000, help="lines in the corpus (default 100,000)")
    parser.add_argument("--keep", type=Path, help="write the corpus and the outputs here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        good = write_corpus(claims.load(), (args.lines,), folder, SEED)[args.lines]
        corpus = folder / "broken.jsonl"
        broken, readable = write_broken_corpus(good, corpus)
        good.unlink()
        print(f"corpus: {args.lines:,} lines, {corpus.stat().st_size / 1e9:.2f} GB, {len(broken):,} broken")
        print("  " + ", ".join(f"{kind} {count}" for kind, count in Counter(broken.values()).items()))
        print(f"  papers to read: {len(readable):,} (the 1 MB abstracts are read, then refused by the extractor)")
        outputs = {engine: folder / f"{engine}.csv" for engine in ("inprocess", "dask")}
        runs = {engine: run(engine, corpus, output) for engine, output in outputs.items()}
        titles = {engine: report(engine, figures, broken, outputs[engine]) for engine, figures in runs.items()}
        for engine, read in titles.items():
            print(f"every paper to read was read ({engine}): {read == readable}")
        print(f"same error lines: {sorted(runs['inprocess'][1]) == sorted(runs['dask'][1])}")
        for table, path_of in (("claims", Path), ("papers", papers_path)):
            same = _sorted_table(path_of(outputs["inprocess"])).equals(_sorted_table(path_of(outputs["dask"])))
            print(f"same {table} table (sorted): {same}")


if __name__ == "__main__":
    main()
