"""The Hugging Face Hub's ids for a result's task, dataset and metric, from `schemas/hub.toml`.

A model card's `model-index` is joined on the Hub by ids, not by names: `task.type` must be one of the
Hub's tasks (its pipeline tags), `dataset.type` a Hub dataset with its `config` and `split`, `metric.type`
the id of an `evaluate` metric. The mapping from our vocabulary to those ids is data; this module only
reads it. A name the data does not map keeps a slug of itself (a valid card that joins nothing), except a
task, which is then the Hub's "other".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claims.boards.leaderboard import slug
from claims.extraction.vocab import _read_toml

OTHER_TASK = "other"


@dataclass(frozen=True)
class HubDataset:
    """A benchmark as the Hub names it: dataset id, configuration and split (None: not stated)."""

    id: str
    config: str | None = None
    split: str | None = None


@lru_cache(maxsize=1)
def _hub() -> dict:
    return _read_toml("hub.toml")


def task_ids() -> frozenset[str]:
    """Every task id of the Hub (the pipeline tags of @huggingface/tasks, kept in schemas/hub.toml)."""
    return frozenset(_hub()["hub"]["task_ids"])


def hub_task(task: str | None) -> str:
    """The Hub's task id for one of our tasks ("speech recognition" -> "automatic-speech-recognition")."""
    return _hub()["tasks"].get(task, OTHER_TASK) if task else OTHER_TASK


def hub_dataset(dataset: str, split: str | None = None) -> HubDataset:
    """The Hub's dataset, config and split for a benchmark and a board's split ("test-clean" on LibriSpeech:
    librispeech_asr, config clean, split test); a board's split the data does not map is kept as written."""
    entry = _hub()["datasets"].get(dataset)
    if entry is None:
        return HubDataset(slug(dataset), None, split)
    if split is None:
        return HubDataset(entry["id"], entry.get("config"), entry.get("split"))
    mapped = entry.get("splits", {}).get(split, {"split": split})
    return HubDataset(entry["id"], mapped.get("config", entry.get("config")), mapped.get("split"))


def hub_metric(metric: str) -> str:
    """The `evaluate` metric id the Hub uses for one of our metrics ("WER" -> "wer", "mIoU" -> "mean_iou")."""
    return _hub()["metrics"].get(metric) or slug(metric)
