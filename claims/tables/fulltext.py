"""Sections -> claims: the sentences of a paper's results and experiments sections go through the same
extractor as abstracts (`claims.extraction.extract`), a paragraph at a time, so that the abstract length limit of
claims/runtime/guard.py (a guard against a runaway abstract) never refuses a section. Related-work sections are
not read: a number there is the cited paper's, never this one's.

A text claim keeps its paragraph's sentence and offsets (into the paragraph), its section's name in
`table_id`, and `origin` "text"; it is the paper's own when it names the paper's system and no baseline.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from claims.extraction.extract import extract
from claims.runtime.guard import MAX_ABSTRACT_CHARS, Failure
from claims.tables.frame import FullPaper
from claims.tables.understand import Cast, names_system, says


def reads_section(name: str) -> bool:
    """A section of results or experiments, and not of related work (schemas/tables.toml [sections])."""
    return says(name, "sections", "results") and not says(name, "sections", "cited")


def paragraphs(text: str, limit: int = MAX_ABSTRACT_CHARS) -> list[str]:
    """A section's paragraphs (its lines), each cut at sentence ends to stay under `limit` characters."""
    out = []
    for paragraph in (p.strip() for p in str(text).split("\n")):
        while len(paragraph) > limit:
            cut = paragraph.rfind(". ", 0, limit) + 1 or limit
            out.append(paragraph[:cut].strip())
            paragraph = paragraph[cut:].strip()
        if paragraph:
            out.append(paragraph)
    return out


def _is_own(model: object, baseline: object, cast: Cast) -> bool:
    """A sentence's number is the paper's own when it names the paper's system (a results section also
    restates baselines' numbers without naming them as such)."""
    no_baseline = not (isinstance(baseline, str) and baseline)
    return no_baseline and isinstance(model, str) and names_system(model, cast)


def section_rows(paper: FullPaper) -> list[dict]:
    """The paragraphs of a paper's results sections as rows of a papers table, one per paragraph (their
    ids are made unique, "PAPER::N", and read back by `text_claims`)."""
    if paper.sections.empty:
        return []
    rows = []
    for name, source, text in zip(
        paper.sections["section"], paper.sections["source"], paper.sections["text"], strict=True
    ):
        if reads_section(str(name)):
            for paragraph in paragraphs(text):
                rows.append({"paper_id": f"{paper.paper_id}::{len(rows)}", "title": paper.title or paper.paper_id,
                             "abstract": paragraph, "sources": [source], "section": str(name)})  # fmt: skip
    return rows


def text_claims(rows: list[dict], casts: dict[str, Cast], failures: list[Failure]) -> pd.DataFrame:
    """The claims of results paragraphs (`section_rows` of any number of papers), as `claims.extraction.extract` reads
    them, with origin "text", the section's name in `table_id` and whether each is the paper's own."""
    if not rows:
        return pd.DataFrame()
    found: list[Failure] = []
    claims = extract(pd.DataFrame(rows), found)
    failures.extend(replace(f, paper_id=f.paper_id.split("::")[0]) for f in found)
    if claims.empty:
        return claims
    section = {row["paper_id"]: row["section"] for row in rows}
    paper_ids = [p.split("::")[0] for p in claims["paper_id"]]
    own = [_is_own(m, b, casts[p]) for m, b, p in zip(claims["model"], claims["baseline"], paper_ids, strict=True)]
    return claims.assign(
        table_id=claims["paper_id"].map(section), paper_id=paper_ids, origin="text", row=None, col=None,
        own=own, role=["own" if o else "baseline" for o in own], bold=False, split_kind=None,
    )  # fmt: skip
