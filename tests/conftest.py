"""Shared fixtures: the bundled sample pages and small input files written per test."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from claims.ingest.loaders import sample_paths

# Property-based tests: "ci" (the default) keeps the fuzz tests to well under a minute on two
# cores; HYPOTHESIS_PROFILE=long is the developers' long fuzz run (README, "Robustness").
# No deadlines: the suite asserts behaviour, never timing, on a shared machine.
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci", max_examples=50, **_FUZZ)
settings.register_profile("long", max_examples=1000, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SAMPLES_DIR = sample_paths()[0].parent
SAMPLE_PAPERS = 378  # distinct papers on the four bundled pages (= tests/gold/dev_papers.jsonl)
GOLD_DIR = Path(__file__).parent / "gold"


def make_abstract(topic: str) -> str:
    """A long, prose-like abstract (the page reader tells abstracts from titles by length)."""
    return (
        f"We study {topic} and propose a simple method for it. "
        "Existing approaches are slow and need large amounts of labelled data. "
        "Our method reaches 81.5% top-1 accuracy on ImageNet with only 21M parameters. "
        "It runs 1.4x faster than the strongest baseline while using less memory. "
        "Code and models are released."
    )


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """An existing two-worker cluster, as `--scheduler ADDRESS` would name it."""
    from distributed import LocalCluster  # only the Dask tests pay for it

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def write_papers(path: Path, count: int, broken: Collection[int] = ()) -> Path:
    """`count` papers ("Paper i", an abstract on "topic i") in the format of the path's suffix (.jsonl, .csv,
    .json, else a page); the abstracts of those at `broken` hold a byte that is not UTF-8 (in a CSV on the
    second line of the row: its abstracts span two lines)."""
    papers = [(f"Paper {i}", make_abstract(f"topic {i}")) for i in range(count)]
    if path.suffix == ".csv":
        rows = io.StringIO()
        csv.writer(rows).writerows([("title", "abstract"), *((t, a.replace("We ", "We\n")) for t, a in papers)])
        text = rows.getvalue()
    elif path.suffix == ".jsonl":
        text = "".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in papers)
    elif path.suffix == ".json":
        text = json.dumps([{"title": t, "abstract": a} for t, a in papers], indent=1)
    else:
        text = "".join(f"{t}\n\n{a}\n\n" for t, a in papers)
    data = text.encode()
    for i in broken:
        data = data.replace(f"topic {i} ".encode(), f"topic {i}".encode() + b"\xff ")
    path.write_bytes(data)
    return path


def undecoded_errors(path: Path, broken: Collection[int]) -> list[tuple[str, int | None, str]]:
    """(source, record, reason) of the errors a file of `write_papers` must give: one for each line that is not
    UTF-8, by its line and byte (both from 1), numbered as the format numbers records (JSON Lines: the line;
    CSV: the row; a page or a JSON document: none)."""
    lines = []
    for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as err:
            lines.append((number, err.start + 1))
    records = {".jsonl": [n for n, _ in lines], ".csv": [i + 1 for i in sorted(broken)]}.get(path.suffix)
    return [
        (str(path), record, f"not UTF-8 (line {n}, byte {b})")
        for (n, b), record in zip(lines, records or [None] * len(lines), strict=True)
    ]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """write(name, content) -> path of a file in this test's tmp dir (bytes written as is)."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A copy of the bundled sample pages in a folder of their own."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sample_paths():
        shutil.copyfile(path, folder / path.name)
    return folder
