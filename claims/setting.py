"""Task and setting of each claim: which board a number belongs on, and under which conditions it was measured.

A step of the pipeline after unit normalization (claims in, claims out) that
fills `task` and `context` from the vocabularies (schemas/tasks.toml,
schemas/settings.toml, the benchmarks' tasks and boards) and the claim's
sentence and title. Leaderboards read the same `conditions` to split boards by
task and split, and rows by setting, so the rules live here once.

Precision first: a task is written only where the benchmark, the metric or a
cue word decides it, and a setting only where its words are in the sentence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick
import pandas as pd

from claims.vocab import Scanner, canonical_dataset, canonical_metric, datasets, fold


@dataclass(frozen=True)
class Task:
    """A task of schemas/tasks.toml."""

    name: str
    cues: tuple[str, ...]
    metric: str | None
    same: tuple[str, ...]  # generic metric names that mean `metric` on this task's boards
    metrics: tuple[str, ...]  # metrics that measure this task (and few others)


@dataclass(frozen=True)
class SettingKind:
    """One value a kind of setting can take (schemas/settings.toml)."""

    kind: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    incomparable: bool
    extra_data: bool
    triggers: tuple[str, ...]  # one must be in the lower-cased sentence for the patterns to be tried


@dataclass(frozen=True)
class Conditions:
    """What a claim was measured under: the board's split, the settings that make rows, and the rest."""

    split: str | None = None
    settings: tuple[str, ...] = ()  # incomparable: a leaderboard row per combination
    context: tuple[str, ...] = ()  # every setting found, the split first (the claim's `context`)
    extra_data: bool = False

    @property
    def setting(self) -> str | None:
        return ", ".join(self.settings) or None


def _read(name: str) -> dict:
    with (resources.files("claims.schemas") / name).open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def tasks() -> dict[str, Task]:
    """Task name -> Task: the tasks of tasks.toml, then every other task a benchmark lists (cued by its name)."""
    found = {
        name: Task(
            name,
            tuple(dict.fromkeys([name, *entry.get("cues", [])])),
            entry.get("metric"),
            tuple(entry.get("same", [])),
            tuple(entry.get("metrics", [])),
        )
        for name, entry in _read("tasks.toml").items()
    }
    for dataset in datasets().values():
        for name in dataset.tasks:
            found.setdefault(name, Task(name, (name,), None, (), ()))
    return found


@lru_cache(maxsize=1)
def _metric_tasks() -> dict[str, tuple[str, ...]]:
    """Metric -> the tasks it measures: those it is the headline metric of first, then in file order."""
    owners: dict[str, list[str]] = {}
    for task in tasks().values():
        for metric in task.metrics:
            owners.setdefault(metric, []).append(task.name)
    headline_first = {m: sorted(names, key=lambda t: tasks()[t].metric != m) for m, names in owners.items()}
    return {metric: tuple(names) for metric, names in headline_first.items()}


def _as_written(cue: str) -> bool:
    """Acronyms ("ASR", "VQA", "MOT") are cues only in capitals; words in any case."""
    return sum(c.isupper() for c in cue) >= 2 and " " not in cue


@lru_cache(maxsize=1)
def _cues() -> tuple[Scanner, dict[str, tuple[str, ...]]]:
    """One automaton over every cue, and folded cue -> the tasks it names."""
    named: dict[str, list[str]] = {}
    for task in tasks().values():
        for cue in task.cues:
            named.setdefault(fold(cue), []).append(task.name)
    ranked = {cue: ((-len(cue), cue), _as_written(cue)) for task in tasks().values() for cue in task.cues}
    return Scanner.build(ranked, r"[\w-]", r"\w|-\w"), {cue: tuple(names) for cue, names in named.items()}


@lru_cache(maxsize=4096)
def _cued(text: str) -> tuple[tuple[int, str], ...]:
    """(position, task) of every task cue in `text` (a sentence or title: claims share them)."""
    scanner, named = _cues()
    return tuple(
        (match.start(), name)
        for match in scanner.finditer(text, 0, len(text))
        for name in named.get(fold(match.group()), ())
    )


def _measures(task: str, metric: str | None) -> bool:
    """Whether a number in `metric` can be a result of `task`: unless tasks.toml gives the metric to other
    tasks and not to this one ("rotation error" is no 3D-detection result)."""
    info = tasks().get(task)
    if metric is None or metric not in _metric_tasks() or info is None:
        return True
    return metric in (info.metric, *info.same, *info.metrics)


@lru_cache(maxsize=4096)
def _candidates(dataset: str | None, metric: str | None) -> tuple[list[str], list[str], list[str]]:
    """The benchmark's tasks the metric can measure, the tasks the metric is specific to, and both."""
    entry = datasets().get(canonical_dataset(dataset) or "")
    metric = canonical_metric(metric) if metric else None
    listed = [t for t in entry.tasks if _measures(t, metric)] if entry else []
    measured = list(_metric_tasks().get(metric, ())) if metric else []
    return listed, measured, list(dict.fromkeys(listed + measured))


def task_of(dataset: str | None, metric: str | None, sentence: str, title: str, position: int = 0) -> str | None:
    """The task a number measures. Candidates: the benchmark's tasks that the metric can measure, and the
    tasks the metric is specific to (FID: generation, even on ImageNet). Preferred: the candidate the
    sentence names nearest the number, else the one the title names, else a benchmark task the metric is
    specific to, else the metric's first task, else the benchmark's most usual task. None when neither
    benchmark nor metric tells."""
    listed, measured, candidates = _candidates(dataset, metric)
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    in_sentence = sorted((abs(at - position), name) for at, name in _cued(sentence) if name in candidates)
    if in_sentence:
        return in_sentence[0][1]
    in_title = [name for _, name in _cued(title) if name in candidates]
    both = [t for t in listed if t in measured]
    return (in_title or both or measured or listed)[0]


@lru_cache(maxsize=1)
def setting_kinds() -> tuple[SettingKind, ...]:
    """Every value of every kind of setting, in the order of settings.toml."""
    kinds = []
    for kind, values in _read("settings.toml").items():
        if kind == "split_aliases":
            continue
        for value in values:
            flags = 0 if value.get("case") else re.IGNORECASE
            kinds.append(
                SettingKind(
                    kind,
                    value["label"],
                    tuple(re.compile(p, flags) for p in value["patterns"]),
                    value.get("incomparable", False),
                    value.get("extra_data", False),
                    tuple(value["triggers"]),
                )
            )
    return tuple(kinds)


def _label(value: SettingKind, match: re.Match[str]) -> str:
    """The setting as the context writes it: a benchmark named in it in its canonical form."""
    if "{1}" not in value.label:
        return value.label
    group = " ".join(match.group(1).split())
    return value.label.replace("{1}", canonical_dataset(group) or group)


@lru_cache(maxsize=1)
def _triggers() -> ahocorasick.Automaton:
    """Trigger word -> the indices of the setting values it lets be tried: one pass over a sentence."""
    owners: dict[str, list[int]] = {}
    for index, value in enumerate(setting_kinds()):
        for word in value.triggers:
            owners.setdefault(word, []).append(index)
    automaton = ahocorasick.Automaton()
    for word, indices in owners.items():
        automaton.add_word(word, tuple(indices))
    automaton.make_automaton()
    return automaton


Found = tuple[int, int, SettingKind, str]  # a setting in a sentence: start, end, value, label


@lru_cache(maxsize=4096)
def _values_found(sentence: str) -> dict[str, list[Found]]:
    """Kind -> every (start, end, value, label) of that kind in the sentence, in order."""
    found: dict[str, list[Found]] = {}
    triggered = {index for _, indices in _triggers().iter(sentence.lower()) for index in indices}
    for value in (v for index, v in enumerate(setting_kinds()) if index in triggered):
        for pattern in value.patterns:
            for match in pattern.finditer(sentence):
                found.setdefault(value.kind, []).append((*match.span(), value, _label(value, match)))
    return {kind: sorted(values, key=lambda v: v[0]) for kind, values in found.items()}


_COORDINATED = re.compile(r"(?:\s*(?:/|,|and|or|&)\s*[-+]?\d[\d.,]*\s*\\?%?)*")
_COORDINATED_BEFORE = re.compile(r"(?:[-+]?\d[\d.,]*\s*\\?%?\s*(?:/|,|and|or|&)\s*)*$")  # "87.1% and " before 88.1%
_FAR = re.compile(r"^.{81,}$|;|\bbut\b|\bwhereas\b|\bwhile\b", re.DOTALL)  # another clause lies between
_NUMBER = re.compile(r"(?<![\w.\\-])[-+]?\d[\d.,]*")  # a number of its own, not a digit of a name ("ImageNet-1K")
_COUNT_BEFORE = re.compile(r"\b\d+\s*$")  # "on 8 A100 GPUs"
_OWNED = re.compile(r"\S{0,3}\s*(?:on|in|with|under|for|using|at|via|when|after)\s")


def _applies_after(sentence: str, number_end: int, setting_start: int) -> bool:
    """A setting written after a number applies to it when nothing but words, or the numbers coordinated
    with it ("2.1%/4.3% without an LM"), lie between."""
    between = sentence[number_end:setting_start]
    if _FAR.search(between):
        return False
    rest = between[_COORDINATED.match(between).end() :]
    rest = rest[: _COUNT_BEFORE.search(rest).start()] if _COUNT_BEFORE.search(rest) else rest
    return not _NUMBER.search(rest)


def _applies_before(sentence: str, setting_start: int, setting_end: int, number_start: int) -> bool:
    """A setting written before a number applies to it when it opens the number's clause ("Without extra
    data, X achieves 86.3"): no number between them, and the setting is not the tail of an earlier number
    ("2.8% on linear probing, and 2.6% on segmentation")."""
    between = sentence[setting_end:number_start]
    if _FAR.search(between):
        return False
    if _NUMBER.search(between[: _COORDINATED_BEFORE.search(between).start()]):
        return False
    earlier = [m for m in _NUMBER.finditer(sentence, 0, setting_start)]
    return not (earlier and _OWNED.fullmatch(sentence, earlier[-1].end(), setting_start))


def _choose(values: list[Found], span: tuple[int, int], sentence: str, order: tuple[int, int] | None):
    """The value of one kind that applies to the number at `span`: the only one; the i-th of i numbers listed
    with "respectively"; else the first written after the number that applies to it, else the nearest before
    it; None when none fits."""
    labels = list(dict.fromkeys(label for *_, label in values))
    if order is not None and len(labels) > 1:
        index, count = order
        return next(v for v in values if v[3] == labels[index]) if count == len(labels) else None
    after = [v for v in values if v[0] >= span[1] and _applies_after(sentence, span[1], v[0])]
    if after:
        return after[0]
    before = [v for v in values if v[1] <= span[0] and _applies_before(sentence, v[0], v[1], span[0])]
    return before[-1] if before else None


def settings_of(
    sentence: str, span: tuple[int, int], order: tuple[int, int] | None = None
) -> list[tuple[SettingKind, str]]:
    """The settings that apply to the number at `span` of the sentence (`order`: its index among the numbers
    the sentence pairs with "respectively", and their count)."""
    found = _values_found(sentence)
    if not found:
        return []
    masked = _masked(sentence, [v[:2] for values in found.values() for v in values])
    chosen = [_choose(values, span, masked, order) for values in found.values()]
    return [(value, label) for _, _, value, label in (c for c in chosen if c is not None)]  # in kind order


def _masked(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the settings blanked out, so that their own numbers ("224^2 resolution", "8 A100
    GPUs") do not count as numbers between a setting and the number it applies to."""
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = "_" * (end - start)
    return "".join(chars)


@lru_cache(maxsize=1)
def _split_aliases() -> dict[str, str]:
    return _read("settings.toml").get("split_aliases", {})


@lru_cache(maxsize=4096)
def _splits_of(dataset: str | None) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern of a benchmark's boards, and each writing's key -> its board."""
    name = canonical_dataset(dataset)
    pattern = _split_pattern(name) if name else None
    if pattern is None:
        return None, {}
    boards = datasets()[name].boards
    by_key = {re.sub(r"[- ]", "", b).lower(): b for b in boards}
    by_key |= {re.sub(r"[- ]", "", a).lower(): b for a, b in _split_aliases().items() if b in boards}
    return pattern, by_key


@lru_cache(maxsize=4096)
def _split_pattern(dataset: str) -> re.Pattern[str] | None:
    """The writings of a benchmark's boards ("test-clean", "test clean", "testclean")."""
    entry = datasets().get(dataset)
    if entry is None or not entry.boards:
        return None
    writings = {b: b for b in entry.boards} | {a: b for a, b in _split_aliases().items() if b in entry.boards}
    flexible = sorted(("[- ]?".join(map(re.escape, re.split(r"[- ]", w))) for w in writings), key=len)
    return re.compile(r"(?<![\w-])(" + "|".join(reversed(flexible)) + r")(?![\w-])", re.IGNORECASE)


def split_of(dataset: str | None, sentence: str, position: int) -> str | None:
    """The board (split, subset, pair) of a benchmark that the sentence names nearest the number."""
    pattern, by_key = _splits_of(dataset)
    if pattern is None:
        return None
    found = sorted((abs(m.start() - position), m.group(1)) for m in pattern.finditer(sentence))
    return by_key.get(re.sub(r"[- ]", "", found[0][1]).lower()) if found else None


def _orders(frame: pd.DataFrame) -> list[tuple[int, int] | None]:
    """Each number's place among its sentence's numbers of its metric, and their count, where the sentence
    says "respectively" (else None)."""
    orders: list[tuple[int, int] | None] = [None] * len(frame)
    paired = frame[frame["sentence"].str.contains("respectively", regex=False, na=False)]
    if paired.empty:
        return orders
    siblings = paired.groupby([paired["paper_id"], paired["sentence"], paired["metric"].fillna("")])["start"]
    places = siblings.rank(method="first").astype(int) - 1
    for index, place, count in zip(paired.index, places, siblings.transform("size"), strict=True):
        orders[index] = (int(place), int(count))
    return orders


def _split_and_settings(row: dict, order: tuple[int, int] | None) -> tuple[str | None, list[str]]:
    """The split of the claim's benchmark and every setting that applies to it."""
    sentence, value_text = row["sentence"] if isinstance(row["sentence"], str) else "", row["value_text"]
    position = max(sentence.find(value_text), 0)
    split = split_of(_text(row["dataset"]), sentence, position)
    return split, [label for _, label in settings_of(sentence, (position, position + len(value_text)), order)]


def _unresolved_splits(frame: pd.DataFrame, splits: list[str | None], labels: list[list[str]]) -> set[int]:
    """Claims whose split cannot be right: two values of one sentence, model, metric and setting given the
    same split ("2.1%/4.3% on test/testother", where only "testother" is read) are told apart by something
    unread, so neither keeps the split."""
    if not any(splits):
        return set()
    keyed = frame.assign(_split=splits, _labels=["; ".join(x) for x in labels])
    keyed = keyed[keyed["_split"].notna()]
    keys = ["paper_id", "sentence", "model", "metric", "_split", "_labels"]
    counts = keyed.fillna({"model": "", "metric": ""}).groupby(keys)["value"].transform("nunique")
    return set(keyed.index[counts.to_numpy() > 1])


def _task(row: dict) -> str | None:
    sentence = row["sentence"] if isinstance(row["sentence"], str) else ""
    position = max(sentence.find(row["value_text"]), 0)
    return task_of(_text(row["dataset"]), _text(row["metric"]), sentence, _text(row["title"]) or "", position)


def add_settings(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims with `task` (where the benchmark, the metric or a cue decides it) and `context` filled; values
    already there are kept."""
    if claims.empty:
        return claims
    frame = claims.reset_index(drop=True)
    orders = _orders(frame)
    columns = ["sentence", "value_text", "dataset", "metric", "title", "task", "context"]
    rows = [
        dict(zip(columns, values, strict=True)) for values in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]
    tasks_ = [_text(r["task"]) or _task(r) for r in rows]
    splits, labels = zip(*(_split_and_settings(r, order) for r, order in zip(rows, orders, strict=True)), strict=True)
    unresolved = _unresolved_splits(frame, list(splits), list(labels))
    contexts = [
        _text(row["context"]) or "; ".join(([split] if split and i not in unresolved else []) + found) or None
        for i, (row, split, found) in enumerate(zip(rows, splits, labels, strict=True))
    ]
    return claims.assign(task=pd.array(tasks_, dtype=object), context=pd.array(contexts, dtype=object))


@lru_cache(maxsize=1)
def _label_kinds() -> list[tuple[re.Pattern[str], SettingKind]]:
    """Each value's label as a pattern, to read a context back."""
    return [(re.compile(re.escape(v.label).replace(re.escape("{1}"), ".+") + "$"), v) for v in setting_kinds()]


def conditions(context: str | None, dataset: str | None) -> Conditions:
    """A claim's `context` read back: its benchmark's split, the settings that make rows, extra data."""
    labels = [part.strip() for part in context.split(";")] if isinstance(context, str) else []
    entry = datasets().get(canonical_dataset(dataset) or "")
    split = labels[0] if labels and entry is not None and labels[0] in entry.boards else None
    kinds = [next((v for pattern, v in _label_kinds() if pattern.match(label)), None) for label in labels]
    return Conditions(
        split=split,
        settings=tuple(label for label, kind in zip(labels, kinds, strict=True) if kind and kind.incomparable),
        context=tuple(labels),
        extra_data=any(kind is not None and kind.extra_data for kind in kinds),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
