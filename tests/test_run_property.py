"""Issue 17's property: `claims run` on any list of records either writes everything (every paper read is in
its ledger, every output in place) or exits non-zero with the earlier outputs as they were, and never raises.

Records mix what broke runs before: formula starts, invisible characters and CJK in titles and numbers, dates
with offsets, far dates and non-dates, numeric and list identifiers, empty and repeated abstracts, near-duplicate
titles. 12 runs in the suite (`ci` profile), 200 with HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claims
from claims.cli import main

RUNS = 200 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 12

NAMES = st.sampled_from(["Alpha", "=cmd|'/C calc'!A0", "@SUM(1+1)", "模型", "🚀Net", "Comparisons", "README", "Résumé"])
NUMBERS = st.sampled_from(["85.3%", "8\u200f5.3%", "85.\u200b3%", "1.2×10⁻³", "2.5e-3", "41.2 BLEU", "3x", "-"])
DATASETS = st.sampled_from(["ImageNet", "COCO", "the Comparisons dataset", "the README dataset", "模型集", "CIFAR-10"])
DATES = st.one_of(
    st.none(),
    st.sampled_from(["2024-03-01T01:30:00+05:00", "2023-01-01T23:00:00-03:00", "9999-12-31", "0001-01-01", "soon"]),
    st.dates().map(str),
    st.just({"date": "2024"}),
)
IDS = st.one_of(st.none(), st.floats(1000, 3000, allow_nan=False), st.just(["x"]), st.text(max_size=12))


@st.composite
def records(draw: st.DrawFn) -> dict[str, object]:
    name = draw(NAMES)
    sentences = [
        f"{name} reaches {draw(NUMBERS)} {draw(st.sampled_from(['top-1 accuracy', 'error', 'mAP']))} on "
        f"{draw(DATASETS)}."
        for _ in range(draw(st.integers(0, 3)))
    ]
    abstract = " ".join(sentences) + draw(st.text(max_size=40))
    record: dict[str, object] = {
        "title": draw(st.sampled_from([f"{name}: a model", f"{name.upper()}: A MODEL!", draw(st.text(min_size=1))])),
        "abstract": draw(st.sampled_from([abstract, ""])),
    }
    for field, values in [("published", DATES), ("id", IDS)]:
        if (value := draw(values)) is not None:
            record[field] = value
    return record


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The outputs of an earlier run on one good paper, to be kept by a run that fails."""
    folder = tmp_path_factory.mktemp("earlier")
    good = folder / "good.jsonl"
    good.write_text(json.dumps({"title": "Good: a model", "abstract": "Good reaches 80.1% top-1 on ImageNet."}))
    assert main(["run", str(good), "-o", str(folder / "out")]) == 0
    return folder / "out"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@settings(max_examples=RUNS, deadline=None)
@given(st.lists(records(), max_size=6))
def test_claims_run_writes_everything_or_fails_leaving_the_earlier_outputs(earlier: Path, batch: list) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        shutil.copytree(earlier, out)
        before = _snapshot(out)
        path = Path(scratch) / "input.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch), encoding="utf-8")
        code = main(["run", str(path), "-o", str(out)])
        if code:
            assert _snapshot(out) == before
            return
        papers = claims.load([path], errors=[])
        ledger = (out / "claims.papers.csv").read_text(encoding="utf-8")
        assert all(paper_id in ledger for paper_id in papers["paper_id"])
        for name in ["claims.csv", "leaderboards/README.md", "leaderboards/comparisons.csv", "reports/index.html"]:
            assert (out / name).is_file(), name
        assert not [p for p in out.rglob("*.tmp")]
