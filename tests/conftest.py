"""Shared fixtures: the bundled sample pages and small input files written per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from claims.loaders import sample_paths

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
