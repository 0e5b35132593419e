"""Metric and dataset vocabularies: data files in `schemas/`, compiled once.

The files are the source of truth (names, aliases, direction, unit); this
module only turns them into lookups and one compiled pattern each, so that
finding every known name in a sentence is a single regex pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from claims.scan import separator

_EFFICIENCY_UNITS = {"count", "s", "1/s", "B", "J", "W", "x"}


@dataclass(frozen=True)
class Metric:
    """A metric of the vocabulary: which way is better and the unit of a bare score."""

    name: str
    aliases: tuple[str, ...]
    better: str  # "higher" | "lower"
    unit: str
    efficiency: bool = False  # a cost of the model (not of a benchmark) even when unitless

    @property
    def higher_is_better(self) -> bool:
        return self.better == "higher"

    @property
    def is_efficiency(self) -> bool:
        """Parameters, latency, speed-ups, cost: they belong to a model, not to a benchmark."""
        return self.efficiency or self.unit in _EFFICIENCY_UNITS


@dataclass(frozen=True)
class Dataset:
    """A benchmark of the vocabulary (see the header of `schemas/datasets.toml`)."""

    name: str
    aliases: tuple[str, ...]
    tasks: tuple[str, ...] = ()
    metric: str | None = None  # primary metric: what a bare "performance" score on it is in
    area: str | None = None
    boards: tuple[str, ...] = ()  # subsets, splits or pairs whose results are not comparable
    plain_word: bool = False  # an English word ("Traffic"): named only where an open pattern finds it

    @property
    def task(self) -> str | None:
        return self.tasks[0] if self.tasks else None


def _read_toml(name: str) -> dict:
    with (resources.files("claims.schemas") / name).open("rb") as handle:
        return tomllib.load(handle)


def _dataset_entries() -> dict[str, dict]:
    """`datasets.toml` and every file of `datasets/` (one per area), an entry named twice merged:
    aliases and tasks joined, the first file's other fields kept. Tables are read in name order."""
    entries: dict[str, dict] = {}
    folder = resources.files("claims.schemas") / "datasets"
    areas = sorted(item.name for item in folder.iterdir() if item.name.endswith(".toml"))
    files = ["datasets.toml", *(f"datasets/{name}" for name in areas)]
    for file in files:
        area = file.removeprefix("datasets/").removesuffix(".toml") if "/" in file else None
        for name, entry in _read_toml(file).items():
            merged = entries.setdefault(name, {"area": area})
            for key, value in entry.items():
                if key in ("aliases", "tasks", "task", "boards"):
                    values = [value] if isinstance(value, str) else value
                    key = "tasks" if key == "task" else key
                    merged[key] = list(dict.fromkeys([*merged.get(key, []), *values]))
                else:
                    merged.setdefault(key, value)
    return entries


@lru_cache(maxsize=1)
def metrics() -> dict[str, Metric]:
    """Canonical metric name -> Metric."""
    return {
        name: Metric(
            name, tuple(entry.get("aliases", [])), entry["better"], entry["unit"], entry.get("efficiency", False)
        )
        for name, entry in _read_toml("metrics.toml").items()
    }


@lru_cache(maxsize=1)
def datasets() -> dict[str, Dataset]:
    """Canonical dataset name -> Dataset."""
    return {
        name: Dataset(
            name,
            tuple(entry.get("aliases", [])),
            tuple(entry.get("tasks", [])),
            entry.get("metric"),
            entry.get("area"),
            tuple(entry.get("boards", [])),
            entry.get("plain_word", False),
        )
        for name, entry in _dataset_entries().items()
    }


def _scanned_dataset_names() -> list[str]:
    """Names the free scan looks for: every name and alias but those of plain-word benchmarks."""
    return [n for d in datasets().values() if not d.plain_word for n in (d.name, *d.aliases)]


def name_key(name: str) -> str:
    """Names compared without case, spaces and hyphens ("Swin-B" ~ "swin b", "ImageNet-1k" ~ "imagenet1K")."""
    return "".join(name.lower().split()).replace("_", "").replace("-", "")  # re.sub(r"[\s_-]+", "", ...), 4x faster


@lru_cache(maxsize=1)
def _metric_index() -> dict[str, Metric]:
    index: dict[str, Metric] = {}
    for metric in metrics().values():
        for alias in (metric.name, *metric.aliases):
            index.setdefault(name_key(alias), metric)
    return index


@lru_cache(maxsize=1)
def _dataset_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for dataset in datasets().values():
        for alias in (dataset.name, *dataset.aliases):
            index.setdefault(name_key(alias), dataset.name)
    return index


def metric_info(name: str | None) -> Metric | None:
    """The vocabulary entry for a metric name or alias, if any."""
    return _metric_index().get(name_key(name)) if name else None


def canonical_metric(name: str) -> str:
    info = metric_info(name)
    return info.name if info else name


def canonical_dataset(name: str | None) -> str | None:
    """One name per benchmark: aliases ("MS COCO", "ImageNet-1k") map to the canonical name."""
    if not name:
        return name
    stripped = re.sub(r"\s+(val|validation|test|test-dev|train)(\s+set|\s+split)?$", "", name.strip(), flags=re.I)
    return _dataset_index().get(name_key(stripped), stripped)


def primary_metric(dataset: str | None) -> str | None:
    """The metric a benchmark's leaderboard is ranked by, when the vocabulary knows it."""
    entry = datasets().get(canonical_dataset(dataset) or "")
    return entry.metric if entry else None


def _alternation(names: list[str]) -> str:
    """One regex for many literal names, shaped as a prefix trie: the regex engine then tries
    each character once instead of every name at every position (the longest name still wins)."""
    trie: dict = {}
    for name in set(names):
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


@lru_cache(maxsize=1)
def dataset_pattern() -> re.Pattern[str]:
    """Every known dataset name or alias as whole words, in any case (see `find_datasets`)."""
    names = _scanned_dataset_names()
    return re.compile(rf"(?<![\w-])(?i:{_alternation([name.lower() for name in names])})(?![\w]|-\w)")


def _only_as_written(name: str) -> bool:
    """Short names, and names that are a word in capitals ("FLORES", "CALVIN"), are acronyms: as written."""
    return len(name) < 6 or (name.isalpha() and name.isupper())


@lru_cache(maxsize=1)
def _short_names() -> frozenset[str]:
    """The names matched only as written."""
    return frozenset(n for d in datasets().values() for n in (d.name, *d.aliases) if _only_as_written(n))


@lru_cache(maxsize=1)
def _any_case_folds() -> frozenset[str]:
    """The lower-cased names some name of which matches in any case."""
    return frozenset(n.lower() for d in datasets().values() for n in (d.name, *d.aliases) if not _only_as_written(n))


def _written_right(name: str) -> bool:
    """Long names match in any case ("Imagenet"); acronyms only as written ("VOC", not "voc";
    "ALFRED", not "Alfred")."""
    return name in _short_names() or (len(name) >= 6 and name.lower() in _any_case_folds())


def find_datasets(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Known dataset names in text[start:end]: one case-insensitive pass, then the case of short names."""
    end = len(text) if end is None else end
    found = _finditer_folded(dataset_pattern(), _folded_dataset_pattern(), text, start, end)
    return [m for m in found if _written_right(m.group())]


# Case-insensitive regexes and str.lower() disagree on these: "ı" and "ſ" match "i" and "s" but lower to
# themselves, the Kelvin sign lowers to an ASCII letter, and "İ" lowers to two characters (caught by
# the length); tests/test_scans.py checks every code point.
_FOLDED_APART = ("\u0131", "\u017f", "\u212a")
_ANY = "\ue000"  # stands for a name's non-ASCII letter in a folded trie (a private-use code point)


def _lowered(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The character before `start` (a space at the text's start) and text[start:end], in lower case,
    index for index, with where that starts in `text`; None where lower case is not what (?i) matches."""
    offset = start - 1
    lowered = (text[offset:end] if start else " " + text[:end]).lower()
    if not lowered.isascii() and (len(lowered) != end - offset or any(char in lowered for char in _FOLDED_APART)):
        return None
    return lowered, offset


def _folded_alternation(names: list[str]) -> str:
    """The names lower-cased as one case-sensitive trie; a non-ASCII letter matches any character."""
    folded = ["".join(char if char.isascii() else _ANY for char in name.lower()) for name in names]
    return _alternation(folded).replace(_ANY, "(?s:.)")


@lru_cache(maxsize=1)
def _folded_dataset_pattern() -> re.Pattern[str]:
    """On the lower-cased text, the character before every place `dataset_pattern` matches (and maybe a
    few more); the name starts after it."""
    names = _scanned_dataset_names()
    before = separator(r"[\w-]")
    return re.compile(rf"{before}{_folded_alternation(names)}(?![\w]|-\w)")


def _finditer_folded(
    pattern: re.Pattern[str], folded: re.Pattern[str], text: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, start, end), run only where `folded` matches on the lower-cased text.

    `folded` is a case-sensitive trie of the lower-cased names led by the character before them:
    3-4x faster to scan, as the regex engine jumps to the next separator, and skips a trie branch
    on its first character only when that is a plain literal, not a case-insensitive one. Matching
    wherever `pattern` does, it finds the places to try; `pattern` still decides there (which name,
    and the case of acronyms).
    """
    lowered = _lowered(text, start, end)
    if lowered is None:
        yield from pattern.finditer(text, start, end)
        return
    low, offset = lowered
    position = start
    while hit := folded.search(low, position - 1 - offset, end - offset):
        at = hit.start() + 1 + offset
        match = pattern.match(text, at, end)
        if match is not None:
            yield match
        position = match.end() if match is not None else at + 1


def is_dataset_name(name: str) -> bool:
    match = dataset_pattern().fullmatch(name)
    return bool(match) and _written_right(name)


def _is_case_sensitive(alias: str) -> bool:
    """Acronyms match as written ("AP", "IS"); words and phrases in any case."""
    return " " not in alias and (sum(c.isupper() for c in alias) >= 2 or len(alias) <= 3)


@lru_cache(maxsize=1)
def metric_pattern() -> re.Pattern[str]:
    """Every known metric alias as whole words; acronyms match as written."""
    aliases = [a for m in metrics().values() for a in (m.name, *m.aliases)]
    sensitive = [a for a in aliases if _is_case_sensitive(a)]
    insensitive = [a for a in aliases if not _is_case_sensitive(a)]
    parts = [f"(?:{_alternation(sensitive)})", f"(?i:{_alternation([alias.lower() for alias in insensitive])})"]
    return re.compile(rf"(?<![A-Za-z_@-])(?:{'|'.join(parts)})(?![\w@])")


@lru_cache(maxsize=1)
def _folded_metric_pattern() -> re.Pattern[str]:
    """On the lower-cased text, the character before every place `metric_pattern` matches (and a few
    more: "ap" for "AP")."""
    aliases = [a for m in metrics().values() for a in (m.name, *m.aliases)]
    return re.compile(rf"{separator('[A-Za-z_@-]')}{_folded_alternation(aliases)}(?![\w@])")


def find_metrics(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Known metric names in text[start:end], as `metric_pattern` finds them."""
    end = len(text) if end is None else end
    return list(_finditer_folded(metric_pattern(), _folded_metric_pattern(), text, start, end))


# Words that say which way a metric not in the vocabulary is better. Lower: errors, losses,
# distances and divergences, costs of time and memory; a "rate" only when its words name errors
# or failures ("miss rate"), never alone ("success rate", "frame rate").
_LOWER_WORDS = re.compile(
    r"\b(?:errors?|loss(?:es)?|distances?|divergences?|discrepanc(?:y|ies)|perplexit(?:y|ies)|ppl|"
    r"bits?|bpc|bpd|bpb|latenc(?:y|ies)|time|times|runtime|delay|memory|footprint|overhead|"
    r"energy|power|cost|costs|flops|macs|params|parameters|size|miss|misses|failures?|"
    r"forgetting|violations?|collisions?|infractions?|regret|hallucinations?|toxicity|"
    r"deviations?|drift|drops?|degradation|mse|mae|rmse|nll|wer|cer|eer|ece|mape)\b"
)
_HIGHER_WORDS = re.compile(
    r"\b(?:accurac(?:y|ies)|acc|scores?|precision|recall|f1|f-score|f-measure|auc|auroc|ap|map|"
    r"iou|miou|dice|success|win|rewards?|returns?|gains?|similarity|correlation|agreement|"
    r"quality|fidelity|throughput|speed|speedup|coverage|bleu|rouge|psnr|ssim|hits|ndcg|mrr|"
    r"rate of success|pass|elo|likelihood|utility|efficiency)\b"
)


def better_of(name: str | None) -> str | None:
    """ "higher" or "lower" for a metric: the vocabulary's direction when the name is known,
    else read from its words (errors, losses, distances, time, "…ID"-style distances -> lower;
    accuracy, scores, precision, recall, F1 -> higher); None when the words do not tell."""
    if not name or not name.strip():
        return None
    if info := metric_info(name):
        return info.better
    if re.search(r"(?<![A-Za-z])[A-Za-z]*[A-Z]ID(?![A-Za-z])", name):  # FID-like: "CLIP-FID", "sKID", "pFID"
        return "lower"
    words = re.sub(r"[_/]+", " ", name.lower())
    lower, higher = _LOWER_WORDS.search(words), _HIGHER_WORDS.search(words)
    if lower and higher:
        # The later word is the head noun: "success rate of errors" is rare, "accuracy loss" is a loss.
        return "lower" if lower.start() > higher.start() else "higher"
    if lower:
        return "lower"
    if higher:
        return "higher"
    return None
