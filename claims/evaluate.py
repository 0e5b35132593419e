"""Extraction accuracy against gold annotations, with the project's copy of the scorer.

The scorer (tests/gold/score.py, a verbatim copy of the shared one) is loaded
from its file rather than re-implemented, so the figures here are exactly
the ones the scorer prints. There are two gold sets (`GOLD_SETS`): dev-1 on
the bundled sample pages, the rules' own material, and dev-2, papers of
other fields and sources, which tells whether a rule generalizes. `claims
eval` writes both sets' figures, with every miss, extra and wrong field, to
reports/accuracy.md.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pandas as pd

from claims.io import write_text

FIGURES = ("detection", "tuple", "leaderboard")


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
)


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


def evaluate(claims: pd.DataFrame, gold: str | Path, papers: str | Path, scorer: str | Path) -> Evaluation:
    """Score a claims table against gold claims, reading predictions as the scorer reads a CSV."""
    module = load_scorer(scorer)
    with tempfile.TemporaryDirectory() as folder:
        predictions = Path(folder) / "claims.csv"
        claims.to_csv(predictions, index=False)
        predicted = module.read_pred(str(predictions))
    gold_claims = _read_jsonl(gold)
    titles = [row["title"] for row in _read_jsonl(papers)]
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


def render_markdown(evaluations: dict[str, Evaluation]) -> str:
    """reports/accuracy.md: every gold set's figures first, then each set's errors, one line each."""
    labels = {gold_set.name: gold_set.label for gold_set in GOLD_SETS}
    lines = ["# Extraction accuracy on the gold annotations", "", "| gold set | figure | precision | recall | F1 |"]
    lines.append("|---|---|---|---|---|")
    for name, evaluation in evaluations.items():
        f = evaluation.figures
        lines += [
            f"| {labels.get(name, name)} | {m} | {f[m]['p']:.3f} | {f[m]['r']:.3f} | {f[m]['f']:.3f} |" for m in FIGURES
        ]
    for name, evaluation in evaluations.items():
        lines += ["", f"# {labels.get(name, name)}", "", *_set_lines(evaluation)]
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


def write_report(evaluations: dict[str, Evaluation], target: str | Path) -> None:
    write_text(render_markdown(evaluations), target)


def summary_lines(evaluation: Evaluation) -> list[str]:
    """The three lines the scorer prints for detection, tuple and leaderboard."""
    figures = evaluation.figures
    return [f"{m:12s} P {figures[m]['p']:.3f}  R {figures[m]['r']:.3f}  F1 {figures[m]['f']:.3f}" for m in FIGURES]
