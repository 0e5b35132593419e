"""Coverage-guided fuzzing of the reading path with atheris (libFuzzer): the developers' long fuzz run.

    .venv/bin/pip install atheris
    mkdir -p /tmp/claims-corpus
    .venv/bin/python tests/fuzz/fuzz_pipeline.py /tmp/claims-corpus -max_total_time=1800

Each input becomes a file of one supported format (its first byte picks the
suffix) that goes through claims.load -> validate_papers -> extract ->
validate, and its text goes through the extractor directly. An exception out
of the public API, an extractor error the per-paper guard contained, or a
claim that does not quote its abstract is a crash: libFuzzer saves the input
as crash-<hash>; rerun the script with that file as its argument to see it.
Not collected by pytest (tests/test_fuzz.py is the bounded property suite).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["claims"]):
    import claims
    from claims.extraction.extract import read_paper

SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".parquet")
FOLDER = Path(tempfile.mkdtemp(prefix="claims-fuzz-"))


def check_extraction(text: str) -> None:
    """Every claim of any text quotes it at its offsets."""
    for row in read_paper("p", "X-Net: a title", text, None):
        if text[row["start"] : row["end"]] != row["value_text"]:
            raise AssertionError(f"offsets {row['start']}:{row['end']} do not quote {row['value_text']!r}")


def check_pipeline(path: Path) -> None:
    """The public API on one file: no exception, and no paper failing on an extractor error."""
    papers = claims.load([path], errors=[])
    valid, _ = claims.validate_papers(papers)
    failures: list = []
    table = claims.extract(valid, failures, budget=60)
    bugs = [f.reason for f in failures if f.reason.startswith("extractor error")]
    if bugs:
        raise AssertionError(bugs[0])
    claims.validate(table, valid)


def one_input(data: bytes) -> None:
    if not data:
        return
    path = FOLDER / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    check_pipeline(path)
    check_extraction(data[1:].decode("utf-8", errors="replace"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
