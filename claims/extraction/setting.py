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
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import ahocorasick
import pandas as pd

from claims.extraction import cues
from claims.extraction.text import sentence_spans
from claims.extraction.vocab import Scanner, canonical_dataset, canonical_metric, datasets, fold


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
    listed: bool = False  # the pattern's first group is a list ("96 and 640"): a setting per item
    default: bool = False  # what a result means when it states none of its kind (fine-tuned): no condition


@dataclass(frozen=True)
class Conditions:
    """What a claim was measured under: the board's split, the settings that make numbers incomparable (a
    board and a row name of their own), and the rest."""

    split: str | None = None
    settings: tuple[str, ...] = ()  # incomparable: a leaderboard row per combination
    context: tuple[str, ...] = ()  # every setting found, the split first (the claim's `context`)
    extra_data: bool = False
    kinds: tuple[tuple[str, str], ...] = ()  # (kind, label) of each incomparable setting: ("shots", "zero-shot")

    @property
    def setting(self) -> str | None:
        return ", ".join(self.settings) or None


@lru_cache(maxsize=4)
def _read(name: str) -> dict:
    """A vocabulary file, parsed once: settings.toml is read by four tables, three of them first used while a
    process reads its first papers (2.6 ms a parse)."""
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
def cued_tasks(text: str) -> tuple[tuple[int, str], ...]:
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
    in_sentence = sorted((abs(at - position), name) for at, name in cued_tasks(sentence) if name in candidates)
    if in_sentence:
        return in_sentence[0][1]
    in_title = [name for _, name in cued_tasks(title) if name in candidates]
    both = [t for t in listed if t in measured]
    return (in_title or both or measured or listed)[0]


@lru_cache(maxsize=1)
def setting_kinds() -> tuple[SettingKind, ...]:
    """Every value of every kind of setting, in the order of settings.toml."""
    kinds = []
    for kind, values in _read("settings.toml").items():
        if not isinstance(values, list):  # the split alias tables, the words of carried extra data
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
                    value.get("listed", False),
                    value.get("default", False),
                )
            )
    return tuple(kinds)


def _label(value: SettingKind, match: re.Match[str]) -> str:
    """The setting as the context writes it: a benchmark named in it in its canonical form, an amount with its
    unit one way ("1-year" and "1 year" horizons are one condition)."""
    if "{1}" not in value.label:
        return value.label
    group = _AMOUNT_HYPHEN.sub(" ", " ".join(match.group(1).split()))
    return value.label.replace("{1}", canonical_dataset(group) or group)


_AMOUNT_HYPHEN = re.compile(r"(?<=\d)-(?=[a-z])")  # "1-year" -> "1 year"; "ImageNet-21K", "2-8" kept


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
_ITEM = re.compile(r"\d+")


def _items(value: SettingKind, match: re.Match[str]) -> list[Found]:
    """The settings one match states: itself, or each item of a listed value ("resolutions (i.e., 96 and 640)")
    at its own place, so that "respectively" can pair them with numbers in order."""
    if not value.listed:
        return [(*match.span(), value, _label(value, match))]
    return [
        (match.start(1) + item.start(), match.start(1) + item.end(), value, value.label.replace("{1}", item.group()))
        for item in _ITEM.finditer(match.group(1))
    ]


@lru_cache(maxsize=4096)
def _values_found(sentence: str) -> dict[str, list[Found]]:
    """Kind -> every (start, end, value, label) of that kind in the sentence, in order."""
    found: dict[str, list[Found]] = {}
    triggered = {index for _, indices in _triggers().iter(sentence.lower()) for index in indices}
    for value in (v for index, v in enumerate(setting_kinds()) if index in triggered):
        for pattern in value.patterns:
            for match in pattern.finditer(sentence):
                found.setdefault(value.kind, []).extend(_items(value, match))
    return {kind: sorted(values, key=lambda v: v[0]) for kind, values in found.items()}


_COORDINATED = re.compile(r"(?:\s*(?:/|,|and|or|&)\s*[-+]?\d[\d.,]*\s*\\?%?)*")
_COORDINATED_BEFORE = re.compile(r"(?:[-+]?\d[\d.,]*\s*\\?%?\s*(?:/|,|and|or|&)\s*)*$")  # "87.1% and " before 88.1%
_OTHER_CLAUSE = re.compile(r";|\bbut\b|\bwhereas\b|\bwhile\b")
_FAR = re.compile(r"^.{81,}$|" + _OTHER_CLAUSE.pattern, re.DOTALL)  # another clause lies between
_COMPARED_BETWEEN = re.compile(rf"\b(?:{cues.OUTDOING}\w*|than|compared\s+(?:to|with))\b")
_OPENER = re.compile(r"^\W*(?:[A-Za-z]+,?\s+){0,3}$")  # at most three words before the setting: "By further"
_NUMBER = re.compile(r"(?<![\w.\\-])[-+]?\d[\d.,]*")  # a number of its own, not a digit of a name ("ImageNet-1K")
_COUNT_BEFORE = re.compile(r"\b\d+\s*$")  # "on 8 A100 GPUs"
_OWNED = re.compile(r"\S{0,3}\s*(?:on|in|with|under|for|using|at|via|when|after)\s")


def _in_parentheses(sentence: str, position: int) -> bool:
    """Whether the position lies inside parentheses: "in seen kitchens (74.9%) and in unseen ones": a number in
    parentheses belongs to the phrase they follow, not to what comes after them."""
    head = sentence[:position]
    return head.count("(") > head.count(")")


def _applies_after(sentence: str, number_end: int, setting_start: int) -> bool:
    """A setting written after a number applies to it when nothing but words, or the numbers coordinated
    with it ("2.1%/4.3% without an LM"), lie between, and no parenthesis around the number closes."""
    between = sentence[number_end:setting_start]
    if _FAR.search(between) or (")" in between and _in_parentheses(sentence, number_end)):
        return False
    if _COMPARED_BETWEEN.search(between):
        return False  # "86.3%, outperforming ViT-L with pre-training on ImageNet-22K": the setting is ViT-L's
    rest = between[_COORDINATED.match(between).end() :]
    rest = rest[: _COUNT_BEFORE.search(rest).start()] if _COUNT_BEFORE.search(rest) else rest
    return not _NUMBER.search(rest)


def _opens_sentence(sentence: str, setting_start: int, setting_end: int, number_start: int) -> bool:
    """A setting in the sentence's opening phrase, set off by a comma ("By further pre-training on X, we
    reach A on B and C on D"), applies to every number of the clause it opens."""
    if not _OPENER.match(sentence[:setting_start]):
        return False
    head = sentence[setting_end:number_start]
    comma = head.find(",")
    return comma >= 0 and not _NUMBER.search(head[:comma]) and not _OTHER_CLAUSE.search(head)


def _applies_before(sentence: str, setting_start: int, setting_end: int, number_start: int) -> bool:
    """A setting written before a number applies to it when it opens the number's clause ("Without extra
    data, X achieves 86.3"): no number between them, and the setting is not the tail of an earlier number
    ("2.8% on linear probing, and 2.6% on segmentation"); or when it opens the sentence."""
    if _opens_sentence(sentence, setting_start, setting_end, number_start):
        return True
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


@lru_cache(maxsize=1)
def _split_list_aliases() -> dict[str, str]:
    return _read("settings.toml").get("split_list_aliases", {})


def _key(writing: str) -> str:
    return writing.replace("-", "").replace(" ", "").lower()


@lru_cache(maxsize=4096)
def _splits_of(dataset: str | None) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern of a benchmark's boards, and each writing's key -> its board."""
    name = canonical_dataset(dataset)
    pattern = _split_pattern(name, False) if name else None
    if pattern is None:
        return None, {}
    boards = datasets()[name].boards
    by_key = {_key(b): b for b in boards}
    by_key |= {_key(a): b for a, b in _split_aliases().items() if b in boards}
    return pattern, by_key


@lru_cache(maxsize=4096)
def _split_pattern(dataset: str, in_list: bool) -> re.Pattern[str] | None:
    """The writings of a benchmark's boards ("test-clean", "test clean", "testclean"); `in_list`: also the bare
    words that name a board only inside a list of splits ("test/testother")."""
    entry = datasets().get(dataset)
    if entry is None or not entry.boards:
        return None
    aliases = _split_aliases() | (_split_list_aliases() if in_list else {})
    writings = {b: b for b in entry.boards} | {a: b for a, b in aliases.items() if b in entry.boards}
    flexible = sorted(("[- ]?".join(map(re.escape, re.split(r"[- ]", w))) for w in writings), key=len)
    return re.compile(r"(?<![\w-])(" + "|".join(reversed(flexible)) + r")(?![\w-])", re.IGNORECASE)


_SLASHED = re.compile(r"\s*/\s*")
_SPLIT_JOIN = re.compile(r"\s*/\s*|\s+and\s+")
_SETS_AFTER = re.compile(r"\s+(?:test|evaluation|dev)[- ]?(?:sets?|subsets?|splits?)\b")


def _joined_as_splits(sentence: str, run: list[re.Match[str]]) -> bool:
    """ "test/testother", or "the clean and other test sets": words joined by "and" are a list of splits only
    where the sets they name follow them."""
    slashed = all(_SLASHED.fullmatch(sentence, a.end(), b.start()) for a, b in pairwise(run))
    return slashed or bool(_SETS_AFTER.match(sentence, run[-1].end()))


_NUMBER_RUN = re.compile(r"[-+]?\d[\d.,]*\s*\\?%?(?:\s*/\s*[-+]?\d[\d.,]*\s*\\?%?)+")


def _slash_place(sentence: str, position: int) -> tuple[int, int] | None:
    """The number's place in a slash list of numbers ("2.1%/4.3%"), and the list's length; None outside one."""
    for run in _NUMBER_RUN.finditer(sentence):
        if run.start() <= position < run.end():
            starts = [run.start() + m.start() for m in re.finditer(r"[-+]?\d[\d.,]*", run.group())]
            return sum(start <= position for start in starts) - 1, len(starts)
    return None


@lru_cache(maxsize=4096)
def _split_lists(dataset: str | None, sentence: str) -> tuple[tuple[str, ...], ...]:
    """The slash lists of splits the sentence names ("on test/testother": test-clean, test-other), each member
    a different board."""
    _, by_key = _splits_of(dataset)
    name = canonical_dataset(dataset)
    pattern = _split_pattern(name, True) if name and by_key else None
    if pattern is None:
        return ()
    listed = {_key(a): b for a, b in _split_list_aliases().items() if b in by_key.values()}
    runs: list[list[re.Match[str]]] = []
    for match in pattern.finditer(sentence):
        if runs and _SPLIT_JOIN.fullmatch(sentence, runs[-1][-1].end(), match.start()):
            runs[-1].append(match)
        else:
            runs.append([match])
    found = []
    for run in (r for r in runs if len(r) > 1 and _joined_as_splits(sentence, r)):
        boards = [by_key.get(_key(m.group(1))) or listed.get(_key(m.group(1))) for m in run]
        if len(set(boards)) == len(boards):
            found.append(tuple(boards))
    return tuple(found)


def split_of(dataset: str | None, sentence: str, position: int, order: tuple[int, int] | None = None) -> str | None:
    """The board (split, subset, pair) of a benchmark that applies to the number at `position`: the i-th of a
    slash list of splits for the i-th of a slash list of numbers ("2.1%/4.3% on test/test-other"); the i-th
    split named for the i-th of the numbers paired by "respectively"; else the one named nearest."""
    pattern, by_key = _splits_of(dataset)
    if pattern is None:
        return None
    place = _slash_place(sentence, position)
    fitting = [names for names in _split_lists(dataset, sentence) if place and len(names) == place[1]]
    if fitting and place:
        return fitting[0][place[0]]
    named = list(dict.fromkeys(by_key[_key(m.group(1))] for m in pattern.finditer(sentence)))
    if order is not None and len(named) > 1 and order[1] == len(named):
        return named[order[0]]
    found = sorted((abs(m.start() - position), m.group(1)) for m in pattern.finditer(sentence))
    return by_key.get(_key(found[0][1])) if found else None


def _carried_splits(frame: pd.DataFrame, positions: list[int], splits: list[str | None]) -> list[str | None]:
    """A slash list of numbers whose sentence names no split takes the paper's slash list of splits of that
    length on that benchmark, named in another sentence ("2.1%/4.3% on test/test-other. ... 2.7%/6.3% with
    a small model"): an abstract keeps its order of splits."""
    columns = zip(*(frame[c].tolist() for c in ("paper_id", "dataset", "sentence")), positions, strict=True)
    rows = [(i, *row) for i, row in enumerate(columns) if isinstance(row[2], str) and _splits_of(_text(row[1]))[0]]
    lists: dict[tuple[str, str], dict[int, tuple[str, ...]]] = {}
    for _, paper, dataset, sentence, _ in rows:
        for names in _split_lists(_text(dataset), sentence):
            lists.setdefault((paper, dataset), {}).setdefault(len(names), names)
    carried = list(splits)
    for i, paper, dataset, sentence, position in rows:
        own = lists.get((paper, dataset))
        if carried[i] is not None or own is None:
            continue
        place = _slash_place(sentence, position)
        if place and place[1] in own and _splits_of(_text(dataset))[0].search(sentence) is None:
            carried[i] = own[place[1]][place[0]]
    return carried


def _positions(frame: pd.DataFrame) -> list[int]:
    """Each number's place in its sentence. The sentence's offset in the abstract is the one most of its claims
    agree on (`start` minus where the value is written), so that a value written twice ("79.4% ... 79.4%")
    is placed where this claim's `start` says, not at its first writing."""
    rows = list(zip(*(frame[c].tolist() for c in ("paper_id", "sentence", "value_text", "start")), strict=True))
    found = [_writings(sentence, text) for _, sentence, text, _ in rows]
    offsets: dict[tuple[str, str], Counter[int]] = {}
    for (paper, sentence, _, start), places in zip(rows, found, strict=True):
        if places:
            offsets.setdefault((paper, sentence), Counter()).update(int(start) - p for p in places)
    agreed = {key: counted.most_common(1)[0][0] for key, counted in offsets.items()}  # once a sentence
    positions = []
    for (paper, sentence, _, start), places in zip(rows, found, strict=True):
        at = int(start) - agreed[(paper, sentence)] if places else 0
        positions.append(at if at in places or not places else places[0])
    return positions


def _writings(sentence: object, text: str) -> list[int]:
    """Where the value is written in the sentence: most values once (one `find`), some twice."""
    if not isinstance(sentence, str) or (first := sentence.find(text)) < 0:
        return []
    second = sentence.find(text, first + 1)
    return [first] if second < 0 else [m.start() for m in re.finditer(re.escape(text), sentence)]


def _orders(frame: pd.DataFrame) -> list[tuple[int, int] | None]:
    """Each number's place among its sentence's numbers of its kind and metric (by `start`, ties in row order),
    and their count, where the sentence says "respectively" (else None). Grouped in Python: a pandas groupby costs
    a few ms whatever the size of the table, a tenth of extracting a hundred abstracts' claims."""
    orders: list[tuple[int, int] | None] = [None] * len(frame)
    sentences = frame["sentence"].tolist()
    paired = [i for i, sentence in enumerate(sentences) if isinstance(sentence, str) and "respectively" in sentence]
    if not paired:
        return orders
    papers, metrics, starts = (frame[c].tolist() for c in ("paper_id", "metric", "start"))
    kinds = frame["kind"].tolist() if "kind" in frame else [""] * len(frame)
    siblings: dict[tuple, list[int]] = {}
    for i in paired:  # a missing kind or metric is one of its own, as fillna("") makes it
        siblings.setdefault((papers[i], sentences[i], _text(kinds[i]) or "", _text(metrics[i]) or ""), []).append(i)
    for rows in siblings.values():
        for place, i in enumerate(sorted(rows, key=starts.__getitem__)):  # stable: rank(method="first")
            orders[i] = (place, len(rows))
    return orders


def _split_and_settings(row: dict, position: int, order: tuple[int, int] | None) -> tuple[str | None, list[str]]:
    """The split of the claim's benchmark and every setting that applies to it."""
    sentence, value_text = row["sentence"] if isinstance(row["sentence"], str) else "", row["value_text"]
    split = split_of(_text(row["dataset"]), sentence, position, order)
    return split, [label for _, label in settings_of(sentence, (position, position + len(value_text)), order)]


def _unresolved_splits(frame: pd.DataFrame, splits: list[str | None], labels: list[list[str]]) -> set[int]:
    """Claims whose split cannot be right: two values of one sentence, model, metric and setting given the
    same split (a list of splits read only in part) are told apart by something unread, so neither keeps
    the split. Grouped in Python, as `_orders`."""
    if not any(splits):
        return set()
    columns = (frame[c].tolist() for c in ("paper_id", "sentence", "model", "metric", "value"))
    values: dict[tuple, set[float]] = {}
    members: dict[tuple, list[int]] = {}
    for i, (paper, sentence, model, metric, value) in enumerate(zip(*columns, strict=True)):
        if not isinstance(splits[i], str) or not isinstance(paper, str) or not isinstance(sentence, str):
            continue  # no split; or a key groupby would drop
        key = (paper, sentence, _text(model) or "", _text(metric) or "", splits[i], "; ".join(labels[i]))
        members.setdefault(key, []).append(i)
        if value == value:  # nunique counts no NaN
            values.setdefault(key, set()).add(value)
    return {i for key, rows in members.items() if len(values.get(key, ())) > 1 for i in rows}


def _task(row: dict, position: int) -> str | None:
    sentence = row["sentence"] if isinstance(row["sentence"], str) else ""
    return task_of(_text(row["dataset"]), _text(row["metric"]), sentence, _text(row["title"]) or "", position)


@lru_cache(maxsize=1)
def _carry_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words of a statement that is the paper's own, and of one about another system (settings.toml)."""
    words = _read("settings.toml").get("carried_extra_data", {})
    return tuple(  # type: ignore[return-value]
        re.compile(r"\b(?:" + "|".join(map(re.escape, words.get(key, []))) + r")\b", re.IGNORECASE)
        for key in ("own", "others")
    )


def _abstract_extra_data(abstract: str) -> str | None:
    """The external data set the abstract says the paper's own system was trained on, in a sentence without
    results of its own ("We pre-train on JFT-300M."); None when it names none, several, or also says "without
    extra data"."""
    lowered = abstract.lower()
    named = [v for v in _named_extra_data() if any(w in lowered for w in v.triggers)]
    if not any(pattern.search(abstract) for value in named for pattern in value.patterns):
        return None  # most abstracts name no external data set: a few substring tests
    own, others = _carry_words()
    stated: set[str] = set()
    for start, end in sentence_spans(abstract):
        sentence = abstract[start:end]
        found = _values_found(sentence)
        numbered = _NUMBER.search(_masked(sentence, [v[:2] for values in found.values() for v in values]))
        for at, _, value, label in found.get("extra_data", []):
            if not value.extra_data:
                return None  # "without extra data": the paper's results are not all pre-trained
            if numbered or others.search(sentence):
                continue  # its own results' setting ("After pre-training on X, it attains 87.1%"), or another's
            if own.search(sentence) or _OPENER.match(sentence[:at]):
                stated.add(label)
    return stated.pop() if len(stated) == 1 else None


@lru_cache(maxsize=1)
def _named_extra_data() -> list[SettingKind]:
    """The values of extra training data that name the data set ("pre-trained on {1}"), in vocabulary order."""
    return [v for v in setting_kinds() if v.extra_data and "{1}" in v.label]


def _carried_extra_data(frame: pd.DataFrame, labels: list[list[str]], abstracts: Mapping[str, str]) -> None:
    """Adds to `labels` the extra training data another sentence of the abstract states, to each result on a
    benchmark whose own sentence states none of its kind (and that is not the extra data itself)."""
    patterns = [p for p, v in _label_kinds() if v.kind == "extra_data"]
    papers, datasets_ = frame["paper_id"].tolist(), frame["dataset"].tolist()
    open_rows = [
        i
        for i, dataset in enumerate(datasets_)
        if _text(dataset) and not any(p.match(found) for p in patterns for found in labels[i])
    ]
    wanted = {papers[i] for i in open_rows}
    stated = {paper: _abstract_extra_data(text) for paper, text in abstracts.items() if paper in wanted and text}
    for i in open_rows:
        label, dataset = stated.get(papers[i]), datasets_[i]
        if label is not None and not label.endswith(canonical_dataset(dataset) or dataset):
            labels[i].append(label)


def add_settings(claims: pd.DataFrame, abstracts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Claims with `task` (where the benchmark, the metric or a cue decides it) and `context` filled; values
    already there are kept. `abstracts` (paper id -> abstract) lets extra training data stated in another
    sentence of a paper's abstract reach its results."""
    if claims.empty:
        return claims
    frame = claims.reset_index(drop=True)
    orders, positions = _orders(frame), _positions(frame)
    columns = ["sentence", "value_text", "dataset", "metric", "title", "task", "context"]
    rows = [
        dict(zip(columns, values, strict=True)) for values in zip(*(frame[c].tolist() for c in columns), strict=True)
    ]
    tasks_ = [_text(r["task"]) or _task(r, at) for r, at in zip(rows, positions, strict=True)]
    found = [_split_and_settings(r, at, order) for r, at, order in zip(rows, positions, orders, strict=True)]
    splits, labels = [split for split, _ in found], [settings for _, settings in found]
    if abstracts:
        _carried_extra_data(frame, labels, abstracts)
    splits = _carried_splits(frame, positions, splits)
    unresolved = _unresolved_splits(frame, splits, labels)
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
    """A claim's `context` read back: its benchmark's split (none for the benchmark's default split: COCO
    val2017 is the board of COCO), the settings that make rows, extra data."""
    labels = [part.strip() for part in context.split(";")] if isinstance(context, str) else []
    entry = datasets().get(canonical_dataset(dataset) or "")
    split = labels[0] if labels and entry is not None and labels[0] in entry.boards else None
    kinds = [next((v for pattern, v in _label_kinds() if pattern.match(label)), None) for label in labels]
    incomparable = [
        (kind.kind, label)
        for label, kind in zip(labels, kinds, strict=True)
        if kind and kind.incomparable and not kind.default
    ]
    return Conditions(
        split=None if entry is not None and split == entry.default_split else split,
        settings=tuple(label for _, label in incomparable),
        context=tuple(labels),
        extra_data=any(kind is not None and kind.extra_data for kind in kinds),
        kinds=tuple(incomparable),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
