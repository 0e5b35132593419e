"""Speed of the full-paper readers of LaTeX sources and LaTeXML HTML: papers per second, printed.

    .venv/bin/python benchmarks/fullpaper_bench.py      # about half a minute on two cores

Reads the test fixtures (real paper sources, tests/fixtures/latex and tests/fixtures/html)
over and over: the CBraMod source folder (6 tables, 5 files, macros and \\input),
the same folder packed as an arXiv e-print (.tar.gz), two one-table excerpts and
the LaTeXML page; then one synthetic 2,000-row table. CPU time, so other jobs on
the machine count less; figures are printed, never asserted.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from claims.tables.html import read_html
from claims.tables.latex import read_latex

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
ROUNDS = 20


def _eprint(folder: Path, target: Path) -> Path:
    """The folder packed as an arXiv e-print, as arXiv serves it."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path in sorted(folder.rglob("*.tex")):
            archive.add(path, arcname=path.relative_to(folder).as_posix())
    target.write_bytes(buffer.getvalue())
    return target


def _long_table(target: Path, rows: int = 2_000) -> Path:
    body = "".join(f"M{i}~\\cite{{k{i}}} & \\textbf{{{i}.5}} & ${i} \\pm 0.1$ \\\\\n" for i in range(rows))
    target.write_text(
        "\\documentclass{article}\\begin{document}\\begin{table}\\caption{Long}\\begin{tabular}{lcc}"
        f"\\toprule Model & A & B \\\\ \\midrule\n{body}\\bottomrule\\end{{tabular}}\\end{{table}}\\end{{document}}"
    )
    return target


def _rate(label: str, read: Callable[[Path], object], paths: list[Path], rounds: int = ROUNDS) -> None:
    read(paths[0])  # vocabularies and grammars are built once, outside the clock
    start = time.process_time()
    cells = 0
    for _ in range(rounds):
        for path in paths:
            cells += len(read(path).tables)  # type: ignore[attr-defined]
    elapsed = time.process_time() - start
    papers = rounds * len(paths)
    print(f"{label:<44} {papers / elapsed:8.1f} papers/s  {cells / elapsed:10,.0f} cells/s  ({papers} papers)")


def main() -> None:
    warnings.simplefilter("ignore")  # the excerpts' missing \input files are reported, not wanted here
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        excerpts = sorted((FIXTURES / "latex").glob("*/*.tex"))
        latex = [FIXTURES / "latex" / "cbramod", *(path for path in excerpts if path.parent.name != "cbramod")]
        _rate(f"LaTeX sources (folder + {len(latex) - 1} excerpts)", read_latex, latex)
        _rate("LaTeX e-print .tar.gz (CBraMod, 6 tables)", read_latex, [_eprint(latex[0], scratch / "e.tar.gz")])
        _rate("LaTeXML HTML page (2 tables)", read_html, [FIXTURES / "html" / "pe3r_excerpt.html"])
        _rate("one table of 2,000 rows", read_latex, [_long_table(scratch / "long.tex")], rounds=3)


if __name__ == "__main__":
    main()
