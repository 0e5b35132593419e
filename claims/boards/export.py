"""Exports in the ecosystem's formats: Hugging Face model-index metadata and Papers with Code tables.

`model_index` gives each named model the metadata a Hugging Face model card carries in its README's
YAML front matter (`model-index:`, https://github.com/huggingface/hub-docs/blob/main/modelcard.md), in the
Hub's ids for task, dataset (config, split) and metric (claims/boards/hub.py); `evaluation_tables` lays the boards
out as Papers with Code's evaluation-tables.json (task > dataset > sota rows, the format of
paperswithcode/sota-extractor) under its task names and categories (claims/boards/pwc.py). `write_exports` writes
both beside the boards.

Both formats credit a row's paper with the model's number, so both carry a paper's own results only:
the shown cells (the value each board shows) that are not a baseline's score restated by a citing
paper (`reported_by`). A row without a model name ("(unnamed, ...)") gets no model card, which needs
a model, but keeps its row in the evaluation tables, named as on its board.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml

from claims.boards.hub import hub_dataset, hub_metric, hub_task
from claims.boards.leaderboard import UNNAMED, Board, format_number, slug
from claims.boards.pwc import categories, task_name
from claims.extraction.vocab import datasets
from claims.runtime.io import OutputSet, write_text

MODEL_INDEX = "model-index"  # folder of the model cards' metadata, one YAML file per model
EVALUATION_TABLES = "evaluation-tables.json"
NO_TASK = "other"  # neither the board nor its benchmark's vocabulary entry names a task


def own_results(board: Board) -> pd.DataFrame:
    """The board's shown cells that its papers state of their own models."""
    shown = board.shown
    return shown[shown["reported_by"].isna()]


def board_task(board: Board) -> str:
    """The board's task, else the usual task of its benchmark in the vocabulary, else NO_TASK."""
    if board.task:
        return board.task
    entry = datasets().get(board.dataset)
    return entry.task if entry is not None and entry.task else NO_TASK


def metric_value(entry: pd.Series) -> float | str:
    """An exact value as a number, a bounded one as its cell shows it ("~2.6", "< 5"): neither format has a bound."""
    return float(entry["value"]) if entry["bound"] == "=" else format_number(entry["value"], entry["bound"])


def _optional(value: object) -> str | None:
    return None if pd.isna(value) else str(value)


# ---- Hugging Face model-index -------------------------------------------------------------------


def metric_name(entry: pd.Series) -> str:
    """A result's metric named by its column (metric and unit) and what tells the model's variant apart
    ("WER (%) (with external LM)", "top-1 accuracy (%) (variant 2)"): one card holds all of a model's rows."""
    qualifier = str(entry["variant"]).removeprefix(str(entry["model"])).strip()
    return f"{entry['column']} {qualifier}" if qualifier else str(entry["column"])


def _metric(entry: pd.Series) -> dict[str, object]:
    """A metric by the Hub's id ("wer", "accuracy"), named by its column and the variant's conditions."""
    return {"type": hub_metric(str(entry["metric"])), "value": metric_value(entry), "name": metric_name(entry)}


def hub_dataset_block(board: Board) -> dict[str, str]:
    """The card's `dataset`: the benchmark's name, the Hub's id, and its config and split where known."""
    hub = hub_dataset(board.dataset, board.split)
    optional = {"config": hub.config, "split": hub.split}
    return {"name": board.dataset, "type": hub.id} | {key: value for key, value in optional.items() if value}


def _result(board: Board, paper: pd.DataFrame) -> dict[str, object]:
    """A model variant's results on one board from one paper: one (task, dataset, split, conditions), each
    metric once (a board shows one value per variant and column)."""
    task = board_task(board)
    result: dict[str, object] = {
        "task": {"type": hub_task(task), "name": task},
        "dataset": hub_dataset_block(board),
        "metrics": [_metric(entry) for _, entry in paper.iterrows()],
    }
    link = _optional(paper["link"].iloc[0])
    if link is not None:  # huggingface_hub refuses a source without a URL; the title is in the tables then
        result["source"] = {"name": str(paper["title"].iloc[0]), "url": link}
    return result


def model_index(boards: list[Board]) -> dict[str, dict]:
    """Named model -> its model-card metadata: `{"model-index": [{"name": model, "results": [...]}]}`,
    a result per (board, variant, paper) with that paper's own shown values of the variant on the board."""
    results: dict[str, list[dict]] = {}
    for board in boards:
        own = own_results(board)
        named = own[~own["model"].str.startswith(UNNAMED)]
        for (model, _, _), paper in named.groupby(["model", "variant", "paper_id"], sort=False):
            results.setdefault(str(model), []).append(_result(board, paper))
    return {model: {"model-index": [{"name": model, "results": found}]} for model, found in sorted(results.items())}


# ---- Papers with Code evaluation tables ----------------------------------------------------------


def paper_date(published: object) -> str | None:
    """A date as Papers with Code writes it (YYYY-MM-DD), None when unknown or unreadable."""
    date = pd.to_datetime(published, errors="coerce") if isinstance(published, str) else pd.NaT
    return None if pd.isna(date) else f"{date:%Y-%m-%d}"


def _row(variant: str, paper: pd.DataFrame) -> dict[str, object]:
    """A variant's shown values from one paper: a row of a Papers with Code table names a single paper."""
    first = paper.iloc[0]
    return {
        "model_name": variant,
        "metrics": {str(entry["column"]): metric_value(entry) for _, entry in paper.iterrows()},
        "paper_title": str(first["title"]),
        "paper_url": _optional(first["link"]) or "",
        "paper_date": paper_date(first["published"]),
        "uses_additional_data": bool(first["extra_data"]),
        "code_links": [],
        "model_links": [],
    }


def _dataset(name: str, boards: list[Board]) -> dict[str, object]:
    """One benchmark under a task: its metrics (primary first) and rows, from every board it has under that task."""
    own = [(board, own_results(board)) for board in boards]
    metrics = [column for board, found in own for column in board.columns if column in set(found["column"])]
    rows = [
        _row(str(variant), paper)
        for _, found in own
        for (variant, _), paper in found.groupby(["variant", "paper_id"], sort=False)
    ]
    return {
        "dataset": name,
        "description": "",
        "sota": {"metrics": list(dict.fromkeys(metrics)), "rows": rows},
        "subdatasets": [],
        "dataset_links": [],
        "dataset_citations": [],
    }


def evaluation_tables(boards: list[Board]) -> list[dict]:
    """Tasks by Papers with Code's names and categories (claims.boards.pwc), each with its benchmarks' own shown
    results as rows."""
    by_task: dict[str, dict[str, list[Board]]] = {}
    for board in boards:
        if not own_results(board).empty:
            benchmark = f"{board.dataset} {board.split}" if board.split else board.dataset  # "COCO test-dev"
            by_task.setdefault(board_task(board), {}).setdefault(benchmark, []).append(board)
    return [
        {
            "task": task_name(task),
            "description": "",
            "categories": categories(task, (b.area for group in by_dataset.values() for b in group)),
            "datasets": [_dataset(name, group) for name, group in by_dataset.items()],
            "subtasks": [],
            "synonyms": [],
            "source_link": None,
        }
        for task, by_dataset in by_task.items()
    ]


# ---- files ---------------------------------------------------------------------------------------


def card_file_names(models: list[str]) -> dict[str, str]:
    """Model -> its YAML file's name: the model's slug, numbered when two models share one."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for model in models:
        base = name = slug(model)
        number = 1
        while name in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        names[model] = name + ".yaml"
    return names


def write_exports(boards: list[Board], directory: str | Path, outputs: OutputSet | None = None) -> list[Path]:
    """model-index/<model>.yaml per named model and evaluation-tables.json in `directory`; the files written."""
    directory = Path(directory)
    cards = model_index(boards)
    written = []
    for model, name in card_file_names(list(cards)).items():
        target = directory / MODEL_INDEX / name
        write_text(
            yaml.safe_dump(cards[model], sort_keys=False, allow_unicode=True, width=float("inf")), target, outputs
        )
        written.append(target)
    tables = directory / EVALUATION_TABLES
    write_text(json.dumps(evaluation_tables(boards), indent=2, ensure_ascii=False) + "\n", tables, outputs)
    return [*written, tables]
