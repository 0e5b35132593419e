"""The NLP-TDMS score of a run's leaderboards/results.csv, by the shared scorer (shared/eval/tdms_score.py)
loaded from its file, as claims/evaluate.py loads the abstracts' scorer: the figures are exactly the ones
the scorer prints (micro precision, recall and F1 of dataset+metric+value and of dataset+value)."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from claims.evaluate import load_scorer

TDMS_SCORER = Path("..") / "shared" / "eval" / "tdms_score.py"  # from the repository's folder
TDMS_GOLD = Path("..") / "shared" / "tdms" / "dev"


def tdms_score(
    results: str | Path, gold: str | Path = TDMS_GOLD, scorer: str | Path = TDMS_SCORER, errors: bool = False
) -> list[str]:
    """The scorer's output lines for `results` (a results.csv) against the curated results in `gold`."""
    module = load_scorer(scorer)
    argv = ["tdms_score.py", "--gold", str(gold), "--pred", str(results)] + (["--errors"] if errors else [])
    printed = io.StringIO()
    saved = sys.argv
    try:
        sys.argv = argv
        with contextlib.redirect_stdout(printed):
            module.main()
    finally:
        sys.argv = saved
    return printed.getvalue().splitlines()
