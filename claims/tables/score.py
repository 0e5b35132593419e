"""The NLP-TDMS score of a run's leaderboards/results.csv, by the shared scorer (shared/eval/tdms_score.py)
loaded from its file, as claims/evaluate.py loads the abstracts' scorer: the figures are exactly the ones
the scorer prints (micro precision, recall and F1 of dataset+metric+value and of dataset+value).

As for the abstracts' gold sets, the papers are cut in two by `claims.evaluate.half_of` of the paper id:
rules are written from the look half's errors only, and the check half is the honest estimate.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

from claims.evaluate import HALVES, half_of, load_scorer

TDMS_SCORER = Path("..") / "shared" / "eval" / "tdms_score.py"  # from the repository's folder
TDMS_GOLD = Path("..") / "shared" / "tdms" / "dev"


def tdms_score(
    results: str | Path,
    gold: str | Path = TDMS_GOLD,
    scorer: str | Path = TDMS_SCORER,
    errors: bool = False,
    half: str | None = None,
) -> list[str]:
    """The scorer's output lines for `results` (a results.csv) against the curated results in `gold`, of the
    papers of one half ("look" or "check") or of all (None)."""
    if half is not None and half not in HALVES:
        raise ValueError(f"half: {half!r} is not one of {HALVES}")
    with tempfile.TemporaryDirectory() as folder:
        if half is not None:
            gold = _half_gold(Path(gold), Path(folder), half)
        return _scorer_lines(load_scorer(scorer), gold, results, errors)


def _half_gold(gold: Path, folder: Path, half: str) -> Path:
    """A copy of the curated results of one half's papers, the folder the scorer reads instead of `gold`."""
    with open(gold / "results.jsonl", encoding="utf-8") as handle:
        kept = [line for line in handle if line.strip() and half_of(json.loads(line)["paper"]) == half]
    (folder / "results.jsonl").write_text("".join(kept), encoding="utf-8")
    return folder


def _scorer_lines(module: object, gold: str | Path, results: str | Path, errors: bool) -> list[str]:
    argv = ["tdms_score.py", "--gold", str(gold), "--pred", str(results)] + (["--errors"] if errors else [])
    printed = io.StringIO()
    saved = sys.argv
    try:
        sys.argv = argv
        with contextlib.redirect_stdout(printed):
            module.main()  # type: ignore[attr-defined]
    finally:
        sys.argv = saved
    return printed.getvalue().splitlines()
