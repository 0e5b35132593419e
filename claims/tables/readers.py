"""From paths to full papers: which reader reads a file, and which files are one paper.

A path is a file, a folder per paper, or a folder of papers (NLP-TDMS's `tables/`, `tei/`, `text/`
subfolders): files whose names have the same stem ("1603.01354.json", "1603.01354.tei.xml",
"1603.01354.txt") are one paper, merged into one `FullPaper`. A file no reader takes is named in the
`skipped` list; one a reader cannot read gives a LoadError naming it; neither stops the others.
`results.jsonl` and `papers.jsonl` beside the papers are annotations and listings, not a paper's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claims.ingest.loaders import SUPPORTED_SUFFIXES, LoadError
from claims.tables import latex
from claims.tables.frame import FullPaper, PaperReader
from claims.tables.html import read_html
from claims.tables.latex import read_latex
from claims.tables.pdfjson import paper_id_of, read_pdfjson
from claims.tables.tei import read_tei
from claims.tables.textfile import read_sections

# suffix -> reader; the order is the preference when two files of one paper both give tables or text (a
# source's grid first, then the PDF-table JSON's headers per cell, then GROBID's reading of the PDF)
READERS: dict[str, PaperReader] = {
    ".tex": read_latex,
    ".tar.gz": read_latex,
    ".tgz": read_latex,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_pdfjson,
    ".tei.xml": read_tei,
    ".txt": read_sections,
}
REPORTING = frozenset({read_latex, read_html})  # readers that report a table they cannot parse in `errors`
NOT_PAPERS = frozenset({"results.jsonl", "papers.jsonl"})  # annotations beside the papers, never read as text
_HEAD = 65536


def _suffix(path: Path) -> str | None:
    """The READERS suffix a file name ends with, the longest first (".tei.xml" before ".xml")."""
    name = path.name.lower()
    return next((s for s in sorted(READERS, key=len, reverse=True) if name.endswith(s)), None)


def _head(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(_HEAD)
    except OSError:
        return ""


# Suffixes other inputs share (".json": the daily-papers API, ".txt": Hugging Face pages): the head decides
_SNIFF: dict[str, Callable[[str], bool]] = {
    ".json": lambda head: '"numberCells"' in head or head.lstrip().startswith('[{"caption"'),
    ".txt": lambda head: head.lstrip().startswith("section:"),
}


def reader_for(path: Path) -> PaperReader | None:
    """The reader of a full-paper file, or None when the file is not a full paper's."""
    suffix = _suffix(path)
    if suffix is None:
        return None
    sniff = _SNIFF.get(suffix)
    return READERS[suffix] if sniff is None or sniff(_head(path)) else None


@dataclass
class Found:
    """The files of a set of paths: full papers' (by paper id), others', and what none reads."""

    papers: dict[str, list[Path]] = field(default_factory=dict)
    others: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


def _files(path: Path) -> Iterable[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")) if path.is_dir() else [path]


def _latex_folders(path: Path) -> list[Path]:
    """The folders under `path` (itself included) that are one paper's LaTeX source: .tex files in them, one
    with \\documentclass (a folder of papers' single .tex files is not one source)."""
    if not path.is_dir():
        return []
    folders = []
    for folder in sorted({f.parent for f in path.rglob("*.tex")}):
        tex = list(folder.glob("*.tex"))
        main_file = any("\\documentclass" in _head(f) for f in tex)
        if latex.accepts(folder) and main_file and len(tex) > 1 and not any(folder.is_relative_to(f) for f in folders):
            folders.append(folder)
    return folders


def find(paths: Iterable[str | Path]) -> Found:
    """Sort the files under `paths` into full papers (grouped by stem) and other inputs."""
    found = Found()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            found.errors.append(LoadError(str(path), "no such file or directory"))
            continue
        sources = _latex_folders(path)
        for folder in sources:
            found.papers.setdefault(folder.name, []).append(folder)
        files = [f for f in _files(path) if not any(f.is_relative_to(folder) for folder in sources)]
        full = {f for f in files if reader_for(f) is not None}
        unknown = []
        for file in files:
            if file in full:
                found.papers.setdefault(paper_id_of(file), []).append(file)
            elif full and file.name in NOT_PAPERS:
                found.ignored.append(file)
            elif path.is_dir() and file.suffix.lower() not in SUPPORTED_SUFFIXES:
                unknown.append(str(file.relative_to(path)))
            else:
                found.others.append(file)
        for file in [f for f in found.others if _suffix(f) and paper_id_of(f) in found.papers]:
            found.others.remove(file)  # "[]" beside a paper's TEI: its table file, with no table in it
            found.papers[paper_id_of(file)].append(file)
        if unknown:
            noun = "file" if len(unknown) == 1 else "files"
            found.errors.append(
                LoadError(str(path), f"skipped {len(unknown)} {noun} of unknown type: {', '.join(unknown)}")
            )
    return found


def read_paper(paper_id: str, files: list[Path], errors: list[LoadError]) -> FullPaper | None:
    """One paper from its files, merged: tables and sections from the first file (in READERS order) that
    has any, title and abstract from the first that states them. None when no file could be read."""
    read: list[FullPaper] = []
    for file in sorted(files, key=lambda f: list(READERS).index(_suffix(f) or ".tex")):
        reader = READERS[_suffix(file) or ".tex"]  # a folder is a LaTeX source
        try:
            read.append(reader(file, errors) if reader in REPORTING else reader(file))  # type: ignore[call-arg]
        except LoadError as err:
            errors.append(err)
        except (OSError, ValueError, RecursionError) as err:  # a reader's bug on one file must not end the run
            errors.append(LoadError(str(file), f"cannot read: {type(err).__name__}: {err}"))
    if not read:
        return None
    with_tables = next((p for p in read if len(p.tables)), read[0])
    with_sections = next((p for p in read if len(p.sections)), read[0])
    return FullPaper(
        paper_id,
        with_tables.source,
        next((p.title for p in read if p.title), None),
        next((p.abstract for p in read if p.abstract), None),
        with_tables.tables,
        with_sections.sections,
    )


def read_full_papers(paths: Iterable[str | Path], errors: list[LoadError] | None = None) -> list[FullPaper]:
    """Every full paper under `paths`, merged by stem; files of other inputs are left out (see `find`), files
    that cannot be read are appended to `errors`."""
    found = find(paths)
    issues = [] if errors is None else errors
    issues.extend(found.errors)
    papers = (read_paper(pid, files, issues) for pid, files in sorted(found.papers.items()))
    return [p for p in papers if p is not None]
