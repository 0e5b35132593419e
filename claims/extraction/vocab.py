"""Metric and dataset vocabularies: data files in `schemas/`, compiled once.

The files are the source of truth (names, aliases, direction, unit); this
module only turns them into lookups and one Aho-Corasick automaton each, so
that finding every known name in a sentence is a single pass whatever the
size of the vocabulary.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

_EFFICIENCY_UNITS = {"count", "s", "1/s", "B", "J", "W", "x"}


@dataclass(frozen=True)
class Metric:
    """A metric of the vocabulary: which way is better and the unit of a bare score."""

    name: str
    aliases: tuple[str, ...]
    better: str  # "higher" | "lower"
    unit: str
    efficiency: bool = False  # a cost of the model (not of a benchmark) even when unitless
    share: bool = False  # a share of another system's quality ("maintaining 99% performance")
    generic: str | None = None  # "vague" | "broad": a word for what a benchmark measures (metrics.toml)

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
    default_split: str | None = None  # the split a result means when it names none (COCO: val2017): one board

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
            merged = entries.setdefault(name, {})
            merged["area"] = merged.get("area") or entry.get("area") or area
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
            name,
            tuple(entry.get("aliases", [])),
            entry["better"],
            entry["unit"],
            entry.get("efficiency", False),
            entry.get("share", False),
            entry.get("generic"),
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
            entry.get("default_split"),
        )
        for name, entry in _dataset_entries().items()
    }


def _scanned_dataset_names() -> list[str]:
    """Names the free scan looks for: every name and alias but those of plain-word benchmarks."""
    return [n for d in datasets().values() if not d.plain_word for n in (d.name, *d.aliases)]


# Lookups by a name, asked for again and again (a paper's system and metrics by every phrase): kept for the
# names last asked for, as many as the vocabularies hold, so that memory stays bounded whatever the corpus.
_NAMES_KEPT = 8192


@lru_cache(maxsize=_NAMES_KEPT)
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


@lru_cache(maxsize=_NAMES_KEPT)
def metric_info(name: str | None) -> Metric | None:
    """The vocabulary entry for a metric name or alias, if any."""
    return _metric_index().get(name_key(name)) if name else None


def canonical_metric(name: str) -> str:
    info = metric_info(name)
    return info.name if info else name


_SPLIT_SUFFIX = re.compile(r"\s+(val|validation|test|test-dev|train)(\s+set|\s+split)?$", re.I)


@lru_cache(maxsize=_NAMES_KEPT)
def canonical_dataset(name: str | None) -> str | None:
    """One name per benchmark: aliases ("MS COCO", "ImageNet-1k") map to the canonical name."""
    if not name:
        return name
    stripped = _SPLIT_SUFFIX.sub("", name.strip())
    return _dataset_index().get(name_key(stripped), stripped)


def dataset_area(dataset: str | None) -> str | None:
    """The area of ML a benchmark belongs to ("vision", "nlp"), from the vocabulary file that lists it."""
    entry = datasets().get(canonical_dataset(dataset) or "")
    return entry.area if entry else None


@lru_cache(maxsize=_NAMES_KEPT)
def primary_metric(dataset: str | None) -> str | None:
    """The metric a benchmark's leaderboard is ranked by, when the vocabulary knows it."""
    entry = datasets().get(canonical_dataset(dataset) or "")
    return entry.metric if entry else None


# --------------------------------------------------------------------------- scanning
# A vocabulary's names are found in one pass of an Aho-Corasick automaton over the case-folded text (C
# code, whose cost hardly grows with the number of names), each place then checked for the word
# boundaries and the case its name must have: at the first place a name fits, the longest that fits
# (tests/test_scans.py checks this against a plain search of every name).

# Characters a case-insensitive regex matches although their lower cases differ (CPython's re._casefix):
# each folds to its group's first, so that two characters fold alike exactly where (?i) matches them.
_CASE_GROUPS = (
    "i\u0131",
    "s\u017f",
    "\u00b5\u03bc",
    "\u0345\u03b9\u1fbe",
    "\u0390\u1fd3",
    "\u03b0\u1fe3",
    "\u03b2\u03d0",
    "\u03b5\u03f5",
    "\u03b8\u03d1",
    "\u03ba\u03f0",
    "\u03c0\u03d6",
    "\u03c1\u03f1",
    "\u03c2\u03c3",
    "\u03c6\u03d5",
    "\u0432\u1c80",
    "\u0434\u1c81",
    "\u043e\u1c82",
    "\u0441\u1c83",
    "\u0442\u1c84\u1c85",
    "\u044a\u1c86",
    "\u0463\u1c87",
    "\ua64b\u1c88",
    "\u1e61\u1e9b",
    "\ufb05\ufb06",
)
_CASE_TABLE = {ord(char): group[0] for group in _CASE_GROUPS for char in group[1:]}
_CASE_APART = re.compile("[" + "".join(map(chr, _CASE_TABLE)) + "]")


def fold(text: str) -> str:
    """`text` as case-insensitive regexes compare it, one character for one (offsets are kept): lower case,
    "\\u0130" (whose lower case is two characters) as "i", and each character of `_CASE_GROUPS` as its group's
    first."""
    folded = text.lower()
    if folded.isascii():
        return folded
    if len(folded) != len(text):
        folded = text.replace("\u0130", "i").lower()
    return folded.translate(_CASE_TABLE) if _CASE_APART.search(folded) else folded


class NameMatch:
    """A name found in a text: the part of `re.Match` its callers use."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self._text[self._start : self._end]

    def __repr__(self) -> str:
        return f"<NameMatch {self.span()} {self.group()!r}>"


def _longest_first(name: str) -> tuple[int, str]:
    """The order names found at one place are tried in: the longest first ("top-5 error" before "top-5",
    "SQuAD v2.0" before "SQuAD"), whatever the case of shorter aliases."""
    return -len(name), name


_MARK = "\x00"  # what `Scanner.marked` reads every character a name may follow as


@dataclass(frozen=True)
class Scanner:
    """A vocabulary's automaton, folded name -> (its length, its names as (rank, name, as written only)), run
    over the folded text: every place a name may be is checked for its case (acronyms, "AP", only as written:
    one pass with these checks costs less than a second automaton over the text itself), its boundaries and
    its rank. `before`: the characters that may not come before a name (`free` are the ASCII ones that may,
    looked up without a regex); `after`: a regex matched at its end."""

    automaton: ahocorasick.Automaton
    before: re.Pattern[str]
    free: frozenset[str]
    after: re.Pattern[str]
    marked: ahocorasick.Automaton | None = None  # the ASCII names marked by `marking`, each led by `_MARK`
    marking: dict[int, str] = field(default_factory=dict)  # every ASCII character a name may follow -> `_MARK`

    @classmethod
    def build(cls, ranked: dict[str, tuple[tuple, bool]], before: str, after: str) -> Scanner:
        """`ranked`: name -> (rank: the lowest is tried first, whether it matches only as written)."""
        keys: dict[str, list[tuple[tuple, str, bool]]] = {}
        for name, (rank, exact) in ranked.items():
            keys.setdefault(fold(name), []).append((rank, name, exact))
        automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            automaton.add_word(key, (len(key), tuple(sorted(entries))))
        automaton.make_automaton()
        blocked = re.compile(before)
        free = frozenset(chr(code) for code in range(128) if not blocked.match(chr(code)))
        marking = {ord(char): _MARK for char in free}
        marked = ahocorasick.Automaton()
        if all((char in free) == (char.lower() in free) for char in map(chr, range(128))) and _MARK in free:
            groups: dict[str, list[tuple[str, tuple]]] = {}
            for key, entries in keys.items():
                if key.isascii():
                    value = (len(key), tuple(sorted(entries)))
                    groups.setdefault(_MARK + key.translate(marking), []).append((key, value))
            for marked_key, group in groups.items():
                marked.add_word(marked_key, (len(marked_key) - 1, tuple(group)))
            marked.make_automaton()
        usable = marked if marked.kind == ahocorasick.AHOCORASICK else None
        return cls(automaton, blocked, free, re.compile(after), usable, marking)

    def knows(self, name: str) -> bool:
        """Whether `name` is one of the names (its case aside)."""
        return bool(self.automaton.exists(fold(name)))

    def finditer(self, text: str, start: int, end: int) -> Iterator[NameMatch]:
        """In text[start:end] (the character before `start` is looked at, none after `end`): at the first place
        a name fits, the first by rank that fits; on from its end."""
        places: dict[int, list[tuple]] = {}
        if self.automaton.kind != ahocorasick.AHOCORASICK:  # no names
            return
        free, before = self.free, self.before
        piece = text[start:end]
        if self.marked is not None and piece.isascii():
            self._places_marked(text, start, piece.lower(), places)
        else:
            for last, value in self.automaton.iter(fold(piece)):
                at = start + last + 1 - value[0]
                if at == 0 or (char := text[at - 1]) in free or (char > "\x7f" and not before.match(char)):
                    places.setdefault(at, []).append(value)
        position = start
        for at in sorted(places) if len(places) > 1 else places:
            if at >= position and (stop := self._first_fit(text, at, end, places[at])) is not None:
                yield NameMatch(text, at, stop)
                position = stop

    def _places_marked(self, text: str, start: int, folded: str, places: dict[int, list[tuple]]) -> None:
        """The places of names in an ASCII piece of text (`folded`, from `start`) where the character before may
        come before a name, found by the automaton of marked names over the piece marked alike: every character
        that may come before a name is `_MARK` (so is the one before the piece, where it may), and a marked name
        starts with `_MARK`. Names that mark alike ("top-1", "top-5") are told apart on the folded piece."""
        char = text[start - 1] if start else ""
        lead = _MARK if not char or char in self.free or (char > "\x7f" and not self.before.match(char)) else "_"
        for last, (length, group) in self.marked.iter(lead + folded.translate(self.marking)):  # type: ignore[union-attr]
            at = last - length  # in `folded` (the mark before a name is one character, the lead shifts by one)
            for key, value in group:
                if folded.startswith(key, at):
                    places.setdefault(start + at, []).append(value)

    def _first_fit(self, text: str, at: int, end: int, found: list[tuple]) -> int | None:
        """Where the first name (by rank) of those `found` at `at` ends, if one is as written where it must
        be and has a boundary after it."""
        best: tuple[tuple, int] | None = None
        for length, entries in found:
            stop = at + length
            if self.after.match(text, stop, end):
                continue
            for rank, name, exact in entries:  # by rank: the first written right is the key's best
                if not exact or text.startswith(name, at):
                    if best is None or rank < best[0]:
                        best = (rank, stop)
                    break
        return None if best is None else best[1]


# What goes on a dataset name past a place it could end: a word character, or a hyphen and a word that is no split
# ("RefCOCO-val" and "COCO-test" name RefCOCO and COCO; "COCO-Stuff" is another name)
DATASET_NAME_GOES_ON = r"\w|-(?!(?:val|validation|test|dev|testA|testB|train)\b)\w"


def dataset_scanner(names: list[str], plain: list[str] = ()) -> Scanner:
    r"""Dataset names in any case, as whole words: not after [\w-], not before \w or -\w but for a glued split
    ("RefCOCO-val"); `plain` names (English words) only as written."""
    ranked = {name: ((0, *_longest_first(name)), _only_as_written(name)) for name in names}
    # an English-word name is tried after every other name found at the same place ("Atari Breakout" loses
    # to "Atari" where it is not named as a benchmark)
    ranked.update({name: ((1, *_longest_first(name)), True) for name in plain if name not in ranked})
    return Scanner.build(ranked, r"[\w-]", DATASET_NAME_GOES_ON)


@lru_cache(maxsize=1)
def _dataset_scanner() -> Scanner:
    return dataset_scanner(_scanned_dataset_names(), sorted(_plain_names()))


@lru_cache(maxsize=1)
def _plain_names() -> frozenset[str]:
    """The names of benchmarks that are English words (see `find_datasets`)."""
    return frozenset(n for d in datasets().values() if d.plain_word for n in (d.name, *d.aliases))


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
    return frozenset(n.lower() for n in _scanned_dataset_names() if not _only_as_written(n))


def _written_right(name: str) -> bool:
    """Long names match in any case ("Imagenet"); acronyms only as written ("VOC", not "voc";
    "ALFRED", not "Alfred")."""
    return name in _short_names() or (len(name) >= 6 and name.lower() in _any_case_folds())


def find_datasets(text: str, start: int = 0, end: int | None = None) -> list[NameMatch]:
    """Known dataset names in text[start:end]; a short name found in another case is dropped (and what it
    covers is not searched again). A benchmark whose name is an English word is found only as written, with
    its capital, where the sentence names a benchmark ("errors on Traffic and Weather")."""
    end = len(text) if end is None else end
    plain = _plain_names()
    return [
        m
        for m in _dataset_scanner().finditer(text, start, end)
        if (_named_as_benchmark(text, m) if m.group() in plain else _written_right(m.group()))
    ]


_NAMING_BEFORE = re.compile(r"(?:\b(?:on|in|across|and|or|from|of|for)|,)\s+(?:the\s+)?$")
_TITLE_CASE_AFTER = re.compile(r"\s+[A-Z][a-z]")


def _named_as_benchmark(text: str, match: NameMatch) -> bool:
    """ "on Traffic", "ETTh1, Weather and Exchange": after a preposition or in a list, and not the first word
    of a longer name in Title Case ("via Weather Messenger")."""
    return bool(_NAMING_BEFORE.search(text, max(0, match.start() - 12), match.start())) and not (
        _TITLE_CASE_AFTER.match(text, match.end())
    )


@lru_cache(maxsize=_NAMES_KEPT)
def is_dataset_name(name: str) -> bool:
    """The whole of `name` is a scanned dataset name, in a case it is found in."""
    return name not in _plain_names() and _dataset_scanner().knows(name) and _written_right(name)


def _is_case_sensitive(alias: str) -> bool:
    """Acronyms match as written ("AP", "IS"); words and phrases in any case."""
    return " " not in alias and (sum(c.isupper() for c in alias) >= 2 or len(alias) <= 3)


def _metric_aliases() -> list[str]:
    return [a for m in metrics().values() for a in (m.name, *m.aliases)]


def metric_scanner(aliases: list[str]) -> Scanner:
    r"""Metric aliases as whole words: not after [A-Za-z_@-], not before [\w@]; acronyms only as written."""
    exact = {alias: _is_case_sensitive(alias) for alias in aliases}
    ranked = {alias: (_longest_first(alias), exact[alias]) for alias in aliases}
    return Scanner.build(ranked, r"[A-Za-z_@-]", r"[\w@]")


@lru_cache(maxsize=1)
def _metric_scanner() -> Scanner:
    return metric_scanner(_metric_aliases())


def find_metrics(text: str, start: int = 0, end: int | None = None) -> list[NameMatch]:
    """Known metric names in text[start:end]."""
    end = len(text) if end is None else end
    return list(_metric_scanner().finditer(text, start, end))


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
