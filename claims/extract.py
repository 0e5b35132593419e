"""Extract step: papers table -> claims table.

For each abstract: sentences (claims/text.py) -> quantities (grammar) ->
readings (claims/reading.py) -> one row per claim with its provenance, then
the normalize-units step. The same paper always gives the same rows,
whatever else is in the run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from claims import names, reading
from claims.grammar import Quantity, quantities
from claims.normalize import normalize_units
from claims.text import sentence_spans

CLAIM_COLUMNS = [
    "paper_id", "title", "value_text", "value", "unit", "kind", "direction", "bound",
    "metric", "dataset", "model", "baseline", "task", "context",
    "sentence", "start", "end", "source",
]
_RAW_COLUMNS = [c for c in CLAIM_COLUMNS if c not in ("value", "unit")] + ["number", "unit_text"]


def _nearest(mentions: list[names.Mention], quantity: Quantity) -> names.Mention | None:
    """Prefer a mention after the number in the same sentence ("... on COCO"), else the last before."""
    after = [m for m in mentions if m.start >= quantity.end]
    before = [m for m in mentions if m.end <= quantity.start]
    if after and (not before or after[0].start - quantity.end < 60):
        return after[0]
    return before[-1] if before else None


def _model_for(abstract: str, quantity: Quantity, span: tuple[int, int], system: str | None) -> str | None:
    """A variant of the paper's system named in the sentence, else the system."""
    if system:
        variants = [
            m for m in names.model_mentions(abstract, *span)
            if m.name != system and m.name.startswith(system) and m.end <= quantity.start
        ]
        if variants:
            return variants[-1].name
    return system


def read_paper(paper_id: str, title: str, abstract: str, source: str | None) -> Iterator[dict]:
    """Raw claim rows (before unit normalization) of one abstract."""
    system = names.system_name(title, abstract)
    for span in sentence_spans(abstract):
        found = quantities(abstract, *span)
        if not found:
            continue
        metrics = names.metric_mentions(abstract, *span)
        datasets = names.dataset_mentions(abstract, *span)
        for quantity in found:
            if reading.is_setting_or_name(abstract, quantity):
                continue
            kind = reading.kind_of(abstract, quantity, span[0])
            metric = reading.metric_for(abstract, quantity, span, metrics, kind)
            if metric is None:
                continue
            dataset = _nearest(datasets, quantity)
            yield {
                "paper_id": paper_id,
                "title": title,
                "value_text": quantity.text,
                "number": quantity.value,
                "unit_text": quantity.unit,
                "kind": kind,
                "direction": None if kind == "score" else reading.direction_of(abstract, quantity, span, metric),
                "bound": reading.bound_of(abstract, quantity),
                "metric": metric,
                "dataset": dataset.name if dataset else None,
                "model": _model_for(abstract, quantity, span, system),
                "baseline": None,
                "task": None,
                "context": None,
                "sentence": abstract[span[0] : span[1]],
                "start": quantity.start,
                "end": quantity.end,
                "source": source,
            }


def extract(papers: pd.DataFrame) -> pd.DataFrame:
    """Claims of every paper in a papers DataFrame (see `claims.load`), units normalized.

    One row per claimed number with the columns of GUIDELINES.md plus
    provenance (`paper_id`, `sentence`, `start`, `end`, `source`), where
    `abstract[start:end] == value_text`.
    """
    rows: list[dict] = []
    for paper in papers.itertuples(index=False):
        sources = getattr(paper, "sources", None)
        source = sources[0] if isinstance(sources, list) and sources else None
        rows.extend(read_paper(paper.paper_id, paper.title, paper.abstract or "", source))
    raw = pd.DataFrame(rows, columns=_RAW_COLUMNS)
    claims = normalize_units(raw)
    return claims[CLAIM_COLUMNS].astype({"start": "int64", "end": "int64", "value": "float64"})
