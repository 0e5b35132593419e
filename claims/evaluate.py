"""Extraction accuracy against gold annotations, with the project's copy of the scorer.

The scorer (tests/gold/score.py, a verbatim copy of the shared one) is loaded
from its file rather than re-implemented, so the figures here are exactly
the ones the scorer prints. There are three gold sets (`GOLD_SETS`): dev-1 on
the bundled sample pages, dev-2 (other fields and sources) and dev-3 (the
transformers model docs).

Each set is cut in two by a fixed hash of the gold's paper id (`half_of`):
rules are written from the errors of the *look* half only, and the *check*
half, whose errors are never listed, is the honest estimate of papers no rule
has seen. `claims eval` prints the figures of both halves and the whole, and
writes the look halves' misses, extras and wrong fields to reports/accuracy.md.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pandas as pd

from claims.runtime.io import write_text

FIGURES = ("detection", "tuple", "leaderboard")
FIGURE_MEANINGS = {
    "detection": "the claimed numbers found, whatever their fields (a gold claim matched by its number)",
    "tuple": "claims right in value, unit, kind, direction, metric, dataset and model",
    "leaderboard": "tuple-right scores on a named benchmark, the cells a leaderboard is made of",
}
HALVES = ("look", "check")


@dataclass(frozen=True)
class GoldSet:
    """A gold set: its claims, the papers it covers, and the input those papers are read from."""

    name: str
    label: str
    gold: str
    papers: str
    inputs: str | None  # a file beside the gold; None: the bundled sample pages


GOLD_SETS = (
    GoldSet("dev", "dev-1: the sample pages", "dev.jsonl", "dev_papers.jsonl", None),
    GoldSet("dev2", "dev-2: other fields and sources", "dev2.jsonl", "dev2_papers.jsonl", "dev2_abstracts.jsonl"),
    GoldSet("dev3", "dev-3: transformers model docs", "dev3.jsonl", "dev3_papers.jsonl", "dev3_abstracts.jsonl"),
)


def half_of(paper_id: str) -> str:
    """The half a gold paper belongs to, fixed by a hash of its id: "look" (errors may be read) or "check"."""
    return HALVES[int(hashlib.sha256(paper_id.encode("utf-8")).hexdigest(), 16) % 2]


@dataclass
class Evaluation:
    """The scorer's figures and error lists for one run."""

    figures: dict
    misses: list[dict]
    extras: list[dict]
    wrong_fields: list[tuple[dict, dict, list[str]]]


def load_scorer(path: str | Path) -> ModuleType:
    """Import the standard-library scorer from its file."""
    spec = importlib.util.spec_from_file_location("claims_gold_scorer", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{path}: no scorer there")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(
    claims: pd.DataFrame, gold: str | Path, papers: str | Path, scorer: str | Path, half: str | None = None
) -> Evaluation:
    """Score a claims table against gold claims (of one half, or all), reading predictions as the scorer does.

    Predictions on papers outside the half are the scorer's "ignored" ones: they count neither way.
    """
    module = load_scorer(scorer)
    with tempfile.TemporaryDirectory() as folder:
        predictions = Path(folder) / "claims.csv"
        claims.to_csv(predictions, index=False)
        predicted = module.read_pred(str(predictions))
    gold_claims = [g for g in _read_jsonl(gold) if half is None or half_of(g["paper_id"]) == half]
    titles = [row["title"] for row in _read_jsonl(papers) if half is None or half_of(row["paper_id"]) == half]
    figures, pairs, misses, extras = module.score(gold_claims, titles, predicted)
    wrong = [(p, g, [k for k, ok in module.fields(p, g).items() if not ok]) for p, g in pairs]
    # the scorer walks a set of titles: sort, so that the same claims always give the same report
    return Evaluation(
        figures,
        sorted(misses, key=lambda g: (g["paper"], g["value_text"])),
        sorted(extras, key=lambda p: (p["title"], p["value_text"])),
        sorted((w for w in wrong if w[2]), key=lambda w: (w[1]["paper"], w[1]["value_text"])),
    )


def _first(value: object) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def _cell(value: object) -> str:
    return _first(value).replace("|", "\\|").replace("\n", " ")


PARTS = ("look", "check", "all")


def evaluate_set(claims: pd.DataFrame, gold_dir: Path, gold_set: GoldSet) -> dict[str, Evaluation]:
    """One gold set scored on its look half, its check half and whole."""
    paths = (gold_dir / gold_set.gold, gold_dir / gold_set.papers, gold_dir / "score.py")
    return {part: evaluate(claims, *paths, half=None if part == "all" else part) for part in PARTS}


def render_markdown(results: dict[str, dict[str, Evaluation]]) -> str:
    """reports/accuracy.md: every set's figures by half first, then the look halves' errors, one line each.

    The check halves' errors are never written: reading them would blind the only honest measure there is.
    """
    labels = {gold_set.name: gold_set.label for gold_set in GOLD_SETS}
    lines = ["# Extraction accuracy on the gold annotations", ""]
    lines += [f"- **{m}**: {meaning}" for m, meaning in FIGURE_MEANINGS.items()]
    lines += ["", "| gold set | half | figure | precision | recall | F1 |", "|---|---|---|---|---|---|"]
    for name, parts in results.items():
        for part, evaluation in parts.items():
            f = evaluation.figures
            lines += [
                f"| {labels.get(name, name)} | {part} | {m} | {f[m]['p']:.3f} | {f[m]['r']:.3f} | {f[m]['f']:.3f} |"
                for m in FIGURES
            ]
    for name, parts in results.items():
        lines += ["", f"# {labels.get(name, name)}: look half", "", *_set_lines(parts["look"])]
    return "\n".join(lines) + "\n"


def _set_lines(evaluation: Evaluation) -> list[str]:
    f = evaluation.figures
    lines = [
        f"papers {f['papers']}, gold claims {f['gold_claims']}, predicted {f['predicted_claims']}",
        "",
        "| figure | precision | recall | F1 |",
        "|---|---|---|---|",
        *(f"| {m} | {f[m]['p']:.3f} | {f[m]['r']:.3f} | {f[m]['f']:.3f} |" for m in FIGURES),
        "",
        "Field accuracy on matched claims: "
        + ", ".join(f"{name} {value:.3f}" for name, value in f["field_accuracy"].items()),
        "",
        f"## Misses ({len(evaluation.misses)})",
        "",
        "| paper | value | metric | dataset |",
        "|---|---|---|---|",
        *(
            f"| {_cell(g['paper'][:60])} | {_cell(g['value_text'])} | {_cell(g['metric'])} | {_cell(g['dataset'])} |"
            for g in evaluation.misses
        ),
        "",
        f"## Extras ({len(evaluation.extras)})",
        "",
        "| paper | value | metric | dataset |",
        "|---|---|---|---|",
        *(
            f"| {_cell(p['title'][:60])} | {_cell(p['value_text'])} | {_cell(p['metric'])} | {_cell(p['dataset'])} |"
            for p in evaluation.extras
        ),
        "",
        f"## Wrong fields ({len(evaluation.wrong_fields)})",
        "",
        "| paper | value | field | got | want |",
        "|---|---|---|---|---|",
    ]
    for predicted, gold, bad in evaluation.wrong_fields:
        for name in bad:
            got = f"{predicted['value']} {predicted['unit']}" if name == "value+unit" else predicted.get(name)
            want = f"{gold['value']} {gold['unit']}" if name == "value+unit" else gold.get(name)
            lines.append(
                f"| {_cell(gold['paper'][:50])} | {_cell(gold['value_text'])} | {name} | {_cell(got)} | {_cell(want)} |"
            )
    return lines


def write_report(results: dict[str, dict[str, Evaluation]], target: str | Path) -> None:
    write_text(render_markdown(results), target)


def summary_lines(evaluation: Evaluation) -> list[str]:
    """The three lines the scorer prints for detection, tuple and leaderboard."""
    figures = evaluation.figures
    return [f"{m:12s} P {figures[m]['p']:.3f}  R {figures[m]['r']:.3f}  F1 {figures[m]['f']:.3f}" for m in FIGURES]


def error_lines(evaluation: Evaluation) -> list[str]:
    """Every miss, extra and wrong field, one line each, in the scorer's --errors wording."""
    lines = [
        f"MISS  {g['paper'][:60]!r}  {g['value_text']!r}  metric={_first(g['metric'])!r}" for g in evaluation.misses
    ]
    lines += [f"EXTRA {p['title'][:60]!r}  {p['value_text']!r}  metric={p['metric']!r}" for p in evaluation.extras]
    for predicted, gold, bad in evaluation.wrong_fields:
        got = {k: predicted.get(k) for k in bad if k != "value+unit"}
        want = {k: gold.get(k) for k in bad if k != "value+unit"}
        if "value+unit" in bad:
            got["value"], want["value"] = (predicted["value"], predicted["unit"]), (gold["value"], gold["unit"])
        lines.append(f"FIELD {gold['paper'][:50]!r} {gold['value_text']!r} got {got} want {want}")
    return lines


def default_gold_dir() -> Path:
    """The checkout's tests/gold, found from the package, so that `claims eval` runs from any folder."""
    return Path(__file__).resolve().parent.parent / "tests" / "gold"
