"""Full papers -> one claims table: abstract claims (exactly as `claims.extraction.extract` reads abstracts), table
claims (claims/tables/cells.py) and text claims (claims/tables/fulltext.py), each with its `origin`.

Abstract claims are validated against their abstracts as always; table and text claims quote their own
sentence (a caption with the cell's place, a paragraph's sentence), so their offsets are checked by
`ClaimsSchema` without the abstract. A paper whose tables or sections fail to be read is a failure with
its reason in the quarantine (table "extract"), like an abstract the extractor fails on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict

import pandas as pd

from claims.extraction.extract import CLAIM_COLUMNS, extract
from claims.extraction.validate import empty_quarantine, validate_claims, validate_papers
from claims.ingest.loaders import PAPER_COLUMNS, LoadError
from claims.runtime.engine import ChunkResult
from claims.runtime.guard import Failure
from claims.runtime.ledger import paper_statuses
from claims.tables.cells import FULL_PAPER_COLUMNS, claims_of_rows, table_rows
from claims.tables.frame import FullPaper
from claims.tables.fulltext import section_rows, text_claims
from claims.tables.readers import find, read_paper
from claims.tables.understand import Cast, cast_of

_ARXIV_ID = re.compile(r"^\d{4}\.\d{4,5}$")
FULL_CLAIM_COLUMNS = CLAIM_COLUMNS + FULL_PAPER_COLUMNS


def papers_frame(papers: list[FullPaper]) -> pd.DataFrame:
    """The papers table of full papers (ingest.loaders.PAPER_COLUMNS); a paper without a title is named by its id."""
    rows = [
        {
            "paper_id": p.paper_id, "title": p.title or p.paper_id, "abstract": p.abstract or "", "published": None,
            "authors": None, "upvotes": None, "arxiv_id": p.paper_id if _ARXIV_ID.match(p.paper_id) else None,
            "sources": [p.source],
        }
        for p in papers
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=PAPER_COLUMNS)


def _with_origin(claims: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Claims of one origin with every FULL_CLAIM_COLUMNS column (None where it does not apply)."""
    extra = {c: None for c in FULL_PAPER_COLUMNS if c not in claims} | {"origin": origin}
    return claims.assign(**extra).reindex(columns=FULL_CLAIM_COLUMNS)


def _body_rows(paper: FullPaper, failures: list[Failure]) -> tuple[Cast | None, list[dict], list[dict]]:
    """A paper's cast, raw table claims and results paragraphs; a bug on one paper is its failure, never the
    run's end."""
    try:
        cast = cast_of(paper)
        return cast, table_rows(paper, cast), section_rows(paper)
    except Exception as err:  # noqa: BLE001 - the reason names it; the other papers go on
        failures.append(Failure(paper.paper_id, paper.title or paper.paper_id, f"tables: {type(err).__name__}: {err}"))
        return None, [], []


def body_claims(papers: list[FullPaper], failures: list[Failure]) -> pd.DataFrame:
    """Table and text claims of full papers, with FULL_CLAIM_COLUMNS."""
    casts: dict[str, Cast] = {}
    cells: list[dict] = []
    paragraphs: list[dict] = []
    for paper in papers:
        cast, found, text = _body_rows(paper, failures)
        if cast is not None:
            casts[paper.paper_id] = cast
            cells.extend(found)
            paragraphs.extend(text)
    parts = [claims_of_rows(cells), text_claims(paragraphs, casts, failures)]
    parts = [_with_origin(p, p["origin"].iloc[0]) for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else _with_origin(pd.DataFrame(), "table")


def extract_full_papers(
    papers: list[FullPaper], errors: list[LoadError] | None = None
) -> tuple[pd.DataFrame, ChunkResult]:
    """(valid papers, result) for full papers, as `claims.runtime.engine.process_chunk` gives them for abstracts."""
    frame = papers_frame(papers)
    valid, bad_papers = validate_papers(frame)
    failures: list[Failure] = []
    abstract, bad_abstract = validate_claims(extract(valid, failures), valid)
    kept = set(valid["paper_id"])
    body, bad_body = validate_claims(body_claims([p for p in papers if p.paper_id in kept], failures))
    claims = pd.concat([_with_origin(abstract, "abstract"), body], ignore_index=True)
    failed = pd.DataFrame([asdict(f) | {"table": "extract"} for f in failures])
    quarantine = pd.concat([q for q in (bad_papers, failed, bad_abstract, bad_body) if len(q)] or [empty_quarantine()])
    quarantine = quarantine.reindex(columns=empty_quarantine().columns).reset_index(drop=True)
    statuses = paper_statuses(frame, claims, quarantine)
    return valid, ChunkResult(frame["paper_id"].tolist(), claims, quarantine, statuses, errors or [])


AbstractRun = Callable[[list[str]], tuple[pd.DataFrame, ChunkResult]]


def _joined(
    first: tuple[pd.DataFrame, ChunkResult], second: tuple[pd.DataFrame, ChunkResult]
) -> tuple[pd.DataFrame, ChunkResult]:
    """Two runs' papers and results as one (full papers beside listings of abstracts)."""
    (papers_a, a), (papers_b, b) = first, second
    claims = pd.concat([a.claims, b.claims.reindex(columns=FULL_CLAIM_COLUMNS)], ignore_index=True)
    return pd.concat([papers_a, papers_b], ignore_index=True), ChunkResult(
        a.paper_ids + b.paper_ids,
        claims,
        pd.concat([a.quarantine, b.quarantine], ignore_index=True),
        pd.concat([a.statuses, b.statuses], ignore_index=True),
        a.errors + b.errors,
    )


def load_and_extract(paths: list[str], abstracts: AbstractRun) -> tuple[pd.DataFrame, ChunkResult] | None:
    """Full papers under `paths` read and extracted, the other files by `abstracts` (the listings'
    pipeline), as one run; None when no full paper is there (the listings' pipeline alone then)."""
    found = find(paths)
    if not found.papers:
        return None
    errors = list(found.errors)
    papers = [p for pid, files in sorted(found.papers.items()) if (p := read_paper(pid, files, errors)) is not None]
    run = extract_full_papers(papers, errors)
    return _joined(run, abstracts([str(f) for f in found.others])) if found.others else run
