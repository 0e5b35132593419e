"""Names in abstracts: the paper's own system, models, baselines, datasets, metrics.

Each finder returns spans in the abstract so the reader can pick the one
nearest to a number. Known names come from the vocabularies; unknown ones
from the shapes names have in ML writing (CamelCase, digits, hyphens).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

from claims.extraction import scan
from claims.extraction.vocab import (
    NameMatch,
    canonical_dataset,
    canonical_metric,
    datasets,
    find_datasets,
    find_metrics,
    is_dataset_name,
    metric_info,
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Found = TypeVar("Found", bound=_Located)


class Spans(list[Found]):
    """What a finder found in a text (names, numbers), in order of start as the finders give it, looked up by
    position: a number finds its names by bisection, not by a scan of every name in its sentence, so that a
    sentence's work grows with its numbers plus its names, not with their product (issue 11). Not to be
    changed once made."""

    __slots__ = ("_starts", "_longest", "_runs")

    def __init__(self, found: Iterable[Found] = ()) -> None:
        super().__init__(found)
        self._starts = [item.start for item in self]
        self._longest = -1  # the length of the longest, found when first needed (`_reach`)
        self._runs: dict[re.Pattern[str], Runs[Found]] | None = None

    @classmethod
    def of(cls, found: list[Found]) -> Spans[Found]:
        """`found` as Spans; when nothing was found, one shared empty Spans rather than a new one each time."""
        return cls(found) if found else NOTHING

    def _reach(self) -> int:
        """How long the longest is: one that ends at a place starts at most this much before it."""
        if self._longest < 0:
            self._longest = max([item.end - item.start for item in self], default=0)
        return self._longest

    def index_from(self, position: int) -> int:
        """The index of the first that starts at or after `position`."""
        return bisect_left(self._starts, position)

    def starting(self, low: int, high: int) -> list[Found]:
        """Those that start in [low, high)."""
        return self[bisect_left(self._starts, low) : bisect_left(self._starts, high)]

    def ending(self, low: int, high: int) -> list[Found]:
        """Those that end in [low, high], in order."""
        return [item for item in self.starting(low - self._reach(), high) if low <= item.end <= high]

    def last_ending(self, low: int, high: int, accept: Callable[[Found], bool] | None = None) -> Found | None:
        """The last (in order) that ends in [low, high] and that `accept` takes: read back from `high`."""
        index, floor = bisect_left(self._starts, high), low - self._reach()
        while index > 0 and self._starts[index - 1] >= floor:
            index -= 1
            item = self[index]
            if low <= item.end <= high and (accept is None or accept(item)):
                return item
        return None

    def covering(self, position: int, since: int = 0) -> bool:
        """One of them that starts at or after `since` holds `position` (start <= position < end)."""
        starts = self._starts
        near = self[bisect_left(starts, max(since, position - self._reach() + 1)) : bisect_right(starts, position)]
        return any(item.end > position for item in near)

    def straddling(self, position: int) -> bool:
        """One of them starts before `position` and ends after it."""
        return any(item.end > position for item in self.starting(position - self._reach() + 1, position))

    def words_before(self, text: str, position: int, words: int, floor: int = 0) -> list[Found]:
        """Those that end at most `words` words (and any spaces) before `position`: the only ones a gap of
        that many words can join to it. When only a few start before it, those are all given (fewer to read
        than to find how far the words reach)."""
        before = bisect_left(self._starts, position)
        if before <= _FEW:
            return [item for item in self[:before] if item.end <= position]
        return self.ending(words_back(text, position, words, floor), position)

    def words_after(self, text: str, position: int, words: int) -> list[Found]:
        """Those that start at most `words` words (and any spaces) after `position` (or all after it, when
        only a few are)."""
        after = bisect_left(self._starts, position)
        if len(self) - after <= _FEW:
            return self[after:]
        return self[after : bisect_right(self._starts, _WORDS[words].match(text, position).end())]

    def runs(self, text: str, separator: re.Pattern[str]) -> Runs[Found]:
        """Their lists joined by `separator` (found once, for every number of the sentence)."""
        if not self:
            return Runs(text, self, separator)  # nothing to keep (and `NOTHING` is shared)
        if self._runs is None:
            self._runs = {}
        if separator not in self._runs:
            self._runs[separator] = Runs(text, self, separator)
        return self._runs[separator]


NOTHING: Spans = Spans()  # shared: never changed


class Runs(Generic[Found]):
    """Names joined only by list separators ("CIFAR-10, CIFAR-100 and SVHN"): a number finds the list
    after or before it by bisection."""

    def __init__(self, text: str, spans: Spans[Found], separator: re.Pattern[str]) -> None:
        self._text, self._spans, self._separator = text, spans, separator
        bounds: list[list[int]] = []  # [first index, end index] of each run
        for index, item in enumerate(spans):
            if bounds and _joins(separator, text, spans[index - 1].end, item.start):
                bounds[-1][1] = index + 1
            else:
                bounds.append([index, index + 1])
        self._first = [first for first, end in bounds for _ in range(first, end)]  # of the run of each item
        self._end = [end for first, end in bounds for _ in range(first, end)]
        self._lists = [(first, end) for first, end in bounds if end - first >= 2]
        self._list_firsts = [first for first, _ in self._lists]
        self._list_ends = [end for _, end in self._lists]

    def after(self, position: int, least: int = 2) -> list[Found] | None:
        """The first run of at least `least` (1 or 2) among the names that start at or after `position`."""
        items = self._spans
        first = items.index_from(position)
        if first == len(items):
            return None
        end = self._end[first]
        if end - first >= least:
            return items[first:end]
        following = bisect_left(self._list_firsts, end)
        return items[slice(*self._lists[following])] if following < len(self._lists) else None

    def before(self, position: int, least: int = 2) -> list[Found] | None:
        """The last run of at least `least` (1 or 2) among the names that end at or before `position`."""
        items = self._spans
        if items.straddling(position):  # a name across the number: the names before it are not the first ones
            ended = Spans(item for item in items if item.end <= position)
            return Runs(self._text, ended, self._separator).before(position, least)
        end = items.index_from(position)
        if end == 0:
            return None
        first = self._first[end - 1]
        if end - first >= least:
            return items[first:end]
        preceding = bisect_right(self._list_ends, first) - 1
        return items[slice(*self._lists[preceding])] if preceding >= 0 else None


def _joins(separator: re.Pattern[str], text: str, end: int, start: int) -> bool:
    """The text between two names is a list separator (none when they overlap)."""
    return bool(separator.fullmatch(text, end, start) if end <= start else separator.fullmatch(""))


_FEW = 4
# `count` words and the spaces around them, for the reach of a gap of a few words
_WORDS = [re.compile(rf"(?:\s*\S+){{0,{count}}}\s*") for count in range(6)]


def words_back(text: str, position: int, words: int, floor: int = 0) -> int:
    """Where `words` words and the spaces around them, read back from `position`, start at the earliest
    (not before `floor`): read on the reversed text, from a short stretch widened only if it is used up."""
    width = 64
    while True:
        low = max(floor, position - width)
        taken = _WORDS[words].match(text[low:position][::-1]).end()
        if taken < position - low or low == floor:
            return position - taken
        width *= 4


# A token shaped like a model name: capitals inside, digits, or hyphenated parts.
_NAME_TOKEN = r"[A-Za-z][\w.+]*(?:[-/][\w.+]+)*"
# not before "@": "HR@10", "R@1" name metrics
_MODEL_SHAPE = re.compile(rf"(?<![\w-])(?=[\w.+/-]*[A-Z][\w.+/-]*[A-Z0-9])(?:{_NAME_TOKEN})(?![\w@-])")
_MODEL_SHAPE_LED = scan.led(_MODEL_SHAPE, r"[\w-]")  # the same matches, scanned faster (claims/extraction/scan.py)
_TITLE_NAME = re.compile(r"^\s*([^:]{1,40}?)\s*:\s*\S")
_INTRODUCE = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work)|, and|and then)\s+(?:[a-z]+\s+){0,6}?"
    r"(?:propose|introduce|present|develop|design|build|train|call|name|term|dub)[sd]?\b"
)
_INTRODUCE_STARTS = ("We", "we", "This ", "this ", ", and", "and then")  # what each match begins with
_INTRODUCING = re.compile(
    r"(?<!\w)(?:[Bb]y|[Tt]hrough|[Vv]ia)\s+(?:introducing|proposing|presenting|developing|designing)\b"
)
_INTRODUCING_LED = scan.led(_INTRODUCING, r"\w")  # the same matches, scanned faster (claims/extraction/scan.py)
_GERUNDS = ("introducing", "proposing", "presenting", "developing", "designing")
_NAMING_WORDS = ("namely", "called", "named", "dubbed", "termed", "coined", "call ", "name ", "refer")


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    """A word a pattern needs is in the text: a substring test, far cheaper than the pattern's scan."""
    return any(word in text for word in words)


# "We introduce dense vision transformers, an architecture that ...": a name in lower case, set off before
# the kind of system it is
_LOWERCASE_INTRODUCED = re.compile(
    r"(?<!\w)[Ww]e\s+(?:introduce|propose|present)\s+(?P<name>[a-z][\w-]*(?:\s[a-z][\w-]*){1,3}),\s+(?:an?|the)\s+"
    r"(?:new\s+|novel\s+|simple\s+|general\s+)?(?:architecture|model|method|framework|network|approach|system)\b"
)
_LOWERCASE_INTRODUCED_LED = scan.led(_LOWERCASE_INTRODUCED, r"\w")
# "Glimmer, our sparse router, ...": a name set off before the description of the paper's own system
# (not after a preposition: "with a backbone of X, our detector")
_OWN_APPOSITION = re.compile(r",\s+(?:our|the proposed)\s+")
_NAME_BEFORE = re.compile(r"(?:^|(?<=\s))(?P<name>[A-Z][\w-]*[A-Z0-9][\w.+-]*|[a-z]+[A-Z][\w.+-]*)$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|on|in|to|by|with|than|from)\s+$")
_NAMING = re.compile(
    r"(?<!\w)(?:namely|called|named|dubbed|termed|coined|(?:call|name) (?:it|them|our \w+|this \w+|the \w+)|"
    r"refer(?:red)?\s+to\s+(?:it\s+|them\s+)?as)\s*,?\s+"
    r"(?:the\s+|as\s+)?(?P<quote>[\"“‘'])?"
    r"(?P<name>(?:[a-z][\w-]*\s+){1,2}(?=[A-Z])[A-Za-z][\w+-]*|[A-Za-z][\w+-]*)"  # "named conditional DETR"
)
_NAMING_LED = scan.led(_NAMING, r"\w")
_SHORT_FORM = re.compile(r"[^(),.;]{0,40}?\((?P<short>[A-Z][\w-]*)\)")  # the rest of a name, its short form
_DIRECT_NAME = re.compile(
    r"\s+(?:(?:a|an|the|our|novel|new|simple|efficient|general|unified)\s+){0,3}"
    r"(?:(?:backbone|network|architecture|model|framework|method|approach|module|detector)\s+)?"  # "a backbone X"
    r"(?P<name>[A-Z][\w-]*[A-Z0-9][\w.+-]*|[a-z]+[A-Z][\w.+-]*)"
)
# "we propose SWAT, a sparse window attention transformer": the apposition says the name is a system's,
# though a benchmark has the same name
_SYSTEM_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,6}?(?:model|network|method|framework|architecture|transformer|approach|"
    r"system|algorithm|detector|tracker|agent|pipeline|module|encoder|decoder|technique|strategy|scheme|recipe|"
    r"procedure|mechanism|optimizer|regularizer|layer|paradigm)s?\b"
)
# A name the apposition after it vouches for, whatever its shape: "Orca", "Mistral 7B", "phi-1"
_LOOSE_NAME = re.compile(
    r"\s+(?:(?:a|an|the|our|novel|new)\s+){0,2}(?P<name>[A-Z][\w.+-]*(?:\s+\d[\w.]*)?|[a-z]+-\d[\w.]*)(?=,)"
)
_NAME_SHAPED = re.compile(r"(?<![\w-])(?:[A-Z][\w-]*[A-Z0-9][\w.+-]*|[a-z]+[A-Z][\w.+-]*)")
# "(DiNAT)", "(STDC network)": an acronym in parentheses, maybe with the noun it names
_ACRONYM = re.compile(r"\((?P<name>[A-Za-z][\w-]*[A-Z][\w.+-]*)(?:\s+(?:network|model|architecture))?\s*\)")
_ACRONYM_SHAPE = re.compile(r"[A-Z][\w+-]*[A-Z0-9+][\w+-]*")
# The expansion before an acronym, read backwards from the parenthesis: the longest run of one to
# six words each followed by spaces. Reading the reversed text from its start finds what
# `(?:[\w-]+\s+){1,6}$` searched from every position finds, at one position.
_EXPANSION_REVERSED = re.compile(r"(?:\s+[\w-]+){1,6}")


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """ "Sparse Mixture Network (SMN)": up to six words, then the acronym in parentheses."""

    expansion: str
    name: str


@lru_cache(maxsize=16)  # an abstract's are read by several finders of its system's name
def acronym_definitions(text: str) -> tuple[AcronymDefinition, ...]:
    """Acronyms defined in a text, anchored on the parenthesis (no backtracking over every word)."""
    found = []
    for match in _ACRONYM.finditer(text):
        expansion = _EXPANSION_REVERSED.match(text[max(0, match.start() - 120) : match.start()][::-1])
        if expansion:
            found.append(AcronymDefinition(text[match.start() - expansion.end() : match.start()], match.group("name")))
    return tuple(found)


_COMMON_CAPS = {
    "AI",
    "ML",
    "NLP",
    "CV",
    "GPU",
    "GPUs",
    "CPU",
    "LLM",
    "LLMs",
    "SOTA",
    "CNN",
    "CNNs",
    "RNN",
    "API",
    "3D",
    "2D",
    "RGB",
    "AP",
    "FID",
    "IoU",
    "mIoU",
    "FLOPs",
    "MACs",
    "MLP",
    "MLPs",
    "SSL",
    "VQA",
    "ASR",
    "TTS",
    "NAS",
    "MHSA",
    "FFN",
    "LoRA",
    # families, techniques and tasks of the field, never one system's name
    "GNN",
    "GNNs",
    "DNN",
    "DNNs",
    "RNNs",
    "E2E",
    "LM",
    "LMs",
    "PLM",
    "PLMs",
    "VLM",
    "VLMs",
    "MLLM",
    "MLLMs",
    "LVLM",
    "LVLMs",
    "RL",
    "DRL",
    "MARL",
    "NMT",
    "NLU",
    "NLG",
    "SLU",
    "OCR",
    "KG",
    "KGs",
    "BPE",
    "AED",
    "CTC",
    "HMM",
}
# Architecture families: a sentence may credit them a result, a paper's own system they are not.
_TASK_WORD = re.compile(
    r"\b(?:recognition|detection|segmentation|classification|generation|estimation|prediction|retrieval|"
    r"tracking|translation|captioning|answering|synthesis|localization|understanding)\s*$",
    re.IGNORECASE,
)
_GENERIC_ARCHITECTURES = {"ViT", "ViTs", "DiT", "DiTs", "Transformer", "Transformers"}


def _generic(token: str) -> bool:
    return token in _COMMON_CAPS or token in _GENERIC_ARCHITECTURES


_NAME_PART_BREAK = re.compile(r"[-\s]")
_TITLE_CASE_WORD = re.compile(r"[A-Z][a-z]+")
_NAME_SHAPE = re.compile(r"[A-Z].*[A-Z0-9]|\d|^[a-z]+[A-Z]")  # CamelCase, acronyms, digits


def _looks_like_name(token: str, dataset_too: bool = False) -> bool:
    """CamelCase, acronyms, digits: not a capitalized word or hyphenated Title-Case words (nor a benchmark's
    name, unless the sentence says it is a system: `dataset_too`)."""
    if _generic(token) or (dataset_at(token) and not dataset_too):
        return False
    parts = [p for p in _NAME_PART_BREAK.split(token) if p]
    titlecase = all(_TITLE_CASE_WORD.fullmatch(p) for p in parts)
    return not titlecase and bool(_NAME_SHAPE.search(token))


def _acronym_after(phrase: str, abstract: str) -> str | None:
    """'Once for Both (OFB)': the acronym an abstract defines for a phrase."""
    words = phrase.lower().split()
    for definition in acronym_definitions(abstract):
        if definition.expansion.lower().split()[-len(words) :] == words and _ACRONYM_SHAPE.fullmatch(definition.name):
            return definition.name
    return None


_LOWER_WORD = re.compile(r"[a-z0-9]+")


def _title_acronyms(title: str, abstract: str, anywhere: bool = False) -> list[str]:
    """Acronyms the abstract defines for the words the title starts with: "Sparse Mixture Networks (SMN)";
    `anywhere`: for three or more words the title has anywhere ("Video Classification With
    Channel-Separated Convolutional Networks" and "... networks (CSN)").

    The acronyms defined for the longest stretch of title words win: "Dilated Neighborhood Attention
    Transformer (DiNAT)" over "Dilated Neighborhood Attention (DiNA)" in a paper of that title.
    """
    title_words = [w.rstrip("s") for w in _LOWER_WORD.findall(title.lower())]
    found: dict[str, int] = {}
    for definition in acronym_definitions(abstract):
        words = [w.rstrip("s") for w in _LOWER_WORD.findall(definition.expansion.lower())]
        if not _may_name_system(definition):
            continue
        if anywhere:
            covered = 3 if len(words) >= 3 and _contains(title_words, words[-3:]) else 0
        else:
            sizes = range(min(len(words), 6), 1, -1)
            covered = next((size for size in sizes if title_words[:size] == words[-size:]), 0)
        if covered:
            found[definition.name] = max(covered, found.get(definition.name, 0))
    longest = max(found.values(), default=0)
    return [singular(name, abstract) for name, covered in found.items() if covered == longest]


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _first_acronym(clause: str) -> str | None:
    names = [d.name for d in acronym_definitions(clause) if d.name not in _COMMON_CAPS and not dataset_at(d.name)]
    return names[0] if names else None  # not "test sets for the Stanford Question Answering Dataset (SQuAD)"


# "chest X-rays (CXRs)", "knowledge graphs (KGs)": the data a system reads, not a system
_DATA_WORD = re.compile(r"\b(?:x-rays?|images?|scans?|videos?|data|records?|signals?|documents?|graphs?)\s*$", re.I)


def _may_name_system(definition: AcronymDefinition) -> bool:
    """An acronym of a task ("Facial Expression Recognition (FER)"), of data ("chest X-rays (CXRs)") or of the
    field's words names no system."""
    expansion = definition.expansion
    return not (definition.name in _COMMON_CAPS or _TASK_WORD.search(expansion) or _DATA_WORD.search(expansion))


_CLAUSE_END = re.compile(r"[.;:]\s|,\s+(?:which|that|where)\b|$")


def _clause_after(abstract: str, position: int) -> str:
    return abstract[position : _CLAUSE_END.search(abstract, position).start()]


_APPOSITION_BEFORE = re.compile(r"(?:[,:]|\bthe)\s*$")
_APPOSITION_AFTER = re.compile(r"\s*(?:[,(:]|which\b|that\b|$)")


def _is_apposition(clause: str, token: re.Match[str]) -> bool:
    """ "we propose a new network, FooNet, which ...": the name set off beside its description,
    not a word of the description ("a method for fusing radar and RGB data"). Only what ends where the spaces
    before it start is read (a comma, a colon, "the"), not the clause from its start."""
    spaces = token.start()
    while spaces > 0 and clause[spaces - 1].isspace():
        spaces -= 1
    return bool(
        _APPOSITION_BEFORE.search(clause, max(0, spaces - 3), token.start())
        and _APPOSITION_AFTER.match(clause, token.end())
    )


# "our proposed model, DeepLabv3+, extends ...", "the resulting network (X)", "our models (BigGANs)", "our TTS
# system, X,": the name set off right after the words for the paper's own system (sizes, ranks, acronyms of a
# task before them; "our base method, MAE," is what the paper builds on)
_SYSTEM_NOUN_NAME = re.compile(
    r"(?<!\w)(?:[Oo]ur|[Tt]he\s+(?:resulting|proposed|new))\s+"
    r"(?:(?:\d[\w.]*|[A-Z][A-Z0-9]+(?:-\w+)?|largest|best|final|proposed|new|full|resulting|smallest|biggest|"
    r"flagship|strongest)\s+){0,2}"
    r"(?:model|method|approach|network|architecture|framework|system|detector|algorithm|agent)s?\s*[,(]\s*"
    r"(?P<name>[A-Z][\w-]*[A-Z0-9][\w.+-]*|[a-z]+[A-Z][\w.+-]*)\s*[,)]"
)


# "We propose a new simple network architecture, the Transformer, ...": a new system, then its name (which
# may be a plain capitalized word here: the construction says it is a name)
_NEW_SYSTEM_NAMED = re.compile(
    r"(?<!\w)(?:[Ww]e|[Tt]his (?:paper|work))\s+(?:propose|introduce|present)[sd]?\s+an?\s+(?:new|novel)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:architecture|model|method|network|framework|approach|system)\s*,\s*(?:the\s+|called\s+|named\s+)?"
    r"(?P<name>[A-Z][\w.+-]*)\s*[,(]"
)


_SYSTEM_NOUN_NAME_LED = scan.led(
    _SYSTEM_NOUN_NAME, r"\w"
)  # the same matches, scanned faster (claims/extraction/scan.py)
_NEW_SYSTEM_NAMED_LED = scan.led(_NEW_SYSTEM_NAMED, r"\w")


def _own_apposition(abstract: str) -> str | None:
    named = next(scan.finditer(_SYSTEM_NOUN_NAME, _SYSTEM_NOUN_NAME_LED, abstract), None)
    # "our model, Polyglot-Instruct,": the construction says it is a name, though its words are Title-Case
    if named and named.group("name") not in _COMMON_CAPS and not dataset_at(named.group("name")):
        return singular(named.group("name"), abstract)
    new_system = _has_any(abstract, ("new", "novel")) and _has_any(abstract, ("propose", "introduce", "present"))
    named = new_system and next(scan.finditer(_NEW_SYSTEM_NAMED, _NEW_SYSTEM_NAMED_LED, abstract), None)
    if named and named.group("name") not in _COMMON_CAPS:
        return singular(named.group("name"), abstract)
    for cue in _OWN_APPOSITION.finditer(abstract):
        before = abstract[max(0, cue.start() - 60) : cue.start()].rstrip()
        name = _NAME_BEFORE.search(before)
        if name and not _PREPOSITION_BEFORE.search(before, 0, name.start()) and _looks_like_name(name.group("name")):
            return name.group("name")
    return None


def _introduced(abstract: str) -> str | None:
    """What "dubbed X (ACR)", "we propose X", "by introducing X", "X, our ..." or "we introduce x, an
    architecture ..." names."""
    if apposed := _own_apposition(abstract):
        return singular(apposed.rstrip(".-"), abstract)
    described = _has_any(abstract, ("introduce", "propose", "present")) and next(
        scan.finditer(_LOWERCASE_INTRODUCED, _LOWERCASE_INTRODUCED_LED, abstract), None
    )
    if described:
        words = described.group("name").split()
        return " ".join([*words[:-1], singular(words[-1], abstract)])
    # A clause read to its end without a name has none after a later start either: each is read once
    # however many namings or introductions it holds ("we propose ... and we propose ...").
    read = (0, -1)  # the stretch of the clause last read
    naming = _has_any(abstract, _NAMING_WORDS)
    for match in scan.finditer(_NAMING, _NAMING_LED, abstract) if naming else ():
        if not read[0] <= match.start() <= read[1]:
            clause = _clause_after(abstract, match.start())
            if acronym := _first_acronym(clause):
                return acronym
            read = (match.start(), match.start() + len(clause))
        name = match.group("name").rstrip(".-")
        if _generic(name.split()[-1]):
            continue  # "namely, character and BPE": units of the field, not a system
        if _looks_like_name(name) or (match.group("quote") and name[0].isupper()):  # 'refer to as "Bort"'
            short = _SHORT_FORM.match(abstract, match.end("name"))
            if short and _uses(short.group("short"), abstract) > 1:
                return short.group("short")  # "named Glimmer-guIDEd Router (Glider)": the form the paper uses
            return singular(name, abstract)
    introductions = list(scan.finditer_from(_INTRODUCE, _INTRODUCE_STARTS, abstract))
    if _has_any(abstract, _GERUNDS):
        introductions += scan.finditer(_INTRODUCING, _INTRODUCING_LED, abstract)
    read = (0, -1)
    for match in sorted(introductions, key=lambda m: m.start()):
        direct = _DIRECT_NAME.match(abstract, match.end())
        system = bool(direct) and bool(_SYSTEM_APPOSITION.match(abstract, direct.end()))
        if direct and _looks_like_name(direct.group("name").rstrip(".-"), dataset_too=system):
            return singular(direct.group("name").rstrip(".-"), abstract)
        loose = _LOOSE_NAME.match(abstract, match.end())
        if loose and _SYSTEM_APPOSITION.match(abstract, loose.end()) and not _generic(loose.group("name")):
            return loose.group("name")  # "we build Orca, an open-source vision model", "Mistral 7B, a ... model"
        if read[0] <= match.end() <= read[1]:
            continue
        clause = _clause_after(abstract, match.end())
        if named := _first_acronym(clause) or _apposed_name(clause, abstract):
            return named
        read = (match.end(), match.end() + len(clause))
    return None


def _apposed_name(clause: str, abstract: str) -> str | None:
    for token in _NAME_SHAPED.finditer(clause):
        if _is_apposition(clause, token) and _looks_like_name(token.group().rstrip(".-")):
            return singular(token.group().rstrip(".-"), abstract)
    return None


_TITLE_INTRODUCING = re.compile(
    r"\b(?:Introducing|Meet)\s+(?:the\s+|a\s+|an\s+)?(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})(?=\s+[a-z]|[:,.]|$)"
)


def _introduced_by_title(title: str) -> str | None:
    """ "...: Introducing the Star-light Transformer for ...": the name a title introduces."""
    match = _TITLE_INTRODUCING.search(title)
    return match.group("name") if match else None


_BENCHMARK_NOUNS = (
    "benchmark", "dataset", "data set", "corpus", "test suite", "suite", "challenge set", "test set", "evaluation set",
    "evaluation framework", "testbed", "test bed",
)  # fmt: skip
_BENCHMARK_NOUN = "(?:" + "|".join(_BENCHMARK_NOUNS) + ")"
_INTRODUCED_BENCHMARK = re.compile(
    rf"(?<!\w)(?:[Ww]e\s+(?:\w+\s+)?|[Tt]his (?:paper|work)\s+|by\s+)"
    rf"(?:introduc|present|propos|releas|construct|build|buil|creat|curat|collect)\w*\s+(?:the\s+)?"
    rf"(?P<name>[A-Z][\w+-]*(?:[ -][A-Z0-9][\w+-]*){{0,2}})"
    rf"(?:,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,6}}?{_BENCHMARK_NOUN}|\s+{_BENCHMARK_NOUN})\b"
)
_INTRODUCED_BENCHMARK_LED = scan.led(_INTRODUCED_BENCHMARK, r"\w")
# "X: A Multilingual Benchmark for ...": the head of the title's noun phrase after the name is a benchmark
_BENCHMARK_TITLE = re.compile(
    rf"^\s*(?P<name>[^:]{{1,40}}?)\s*(?::|--|—)\s*(?:(?!for\b|with\b|on\b|of\b|via\b|using\b|leveraging\b|and\b)"
    rf"[\w-]+\s+){{0,5}}?{_BENCHMARK_NOUN}\b",
    re.I,
)


def introduced_benchmark(title: str, abstract: str) -> str | None:
    """The benchmark a paper introduces ("X: A Benchmark for ...", "we introduce X, a new dataset"): the
    results it reports are measured on it, and it is no system."""
    if not (_has_any(title.lower(), _BENCHMARK_NOUNS) or _has_any(abstract, _BENCHMARK_NOUNS)):
        return None  # most abstracts: no word a benchmark is introduced with
    titled = _BENCHMARK_TITLE.match(title)
    name = titled.group("name").strip(" `'\"") if titled else ""
    if name and len(name.split()) <= 3 and not _TASK_WORD.search(name):  # not "Deception Detection: X Dataset"
        return name
    if introduced := next(scan.finditer(_INTRODUCED_BENCHMARK, _INTRODUCED_BENCHMARK_LED, abstract), None):
        return introduced.group("name")
    return None


def system_name(title: str, abstract: str) -> str | None:
    """The paper's own system: "AV-DiT: ..." in the title, an acronym of title words, or what "we propose" names."""
    if match := _TITLE_NAME.match(title):
        candidate = match.group(1).strip()
        words = candidate.split()
        phrase = any(_TITLE_FUNCTION_WORD.fullmatch(word) for word in words[1:])  # "Trimming the Fat", "X is Y"
        if len(words) <= 3 and (
            len(words) == 1 or (_looks_like_name(candidate) and not phrase) or candidate.lower() in abstract.lower()
        ):
            return _acronym_after(candidate, abstract) or candidate
        if len(words) <= 5 and (acronym := _acronym_after(candidate, abstract)):
            return acronym
        if len(words) <= 5 and _TITLE_CASE_WORDS.fullmatch(candidate) and candidate.lower() in abstract.lower():
            return candidate  # "No Language Left Behind: ...", used as a name in the abstract
    candidates = [*_title_acronyms(title, abstract), _introduced(abstract), _introduced_by_title(title)]
    candidates = (
        [c for c in candidates if c]
        or _title_acronyms(title, abstract, anywhere=True)
        or _title_as_name(title, abstract)
        or _defined_subject(abstract)
        or _result_subjects(abstract)
    )
    if not candidates:
        return None
    # the system is what the abstract keeps talking about (each name counted once, however often it is defined)
    return max(dict.fromkeys(candidates), key=lambda c: _uses(c, abstract))


_TITLE_FUNCTION_WORD = re.compile(r"the|a|an|is|are|to")
_TITLE_CASE_WORDS = re.compile(r"[A-Z][\w+-]*(?:\s+[A-Z][\w+-]*){1,4}")
# "GPT-2 is a large transformer-based language model": a name that a sentence opens by defining as a system
_DEFINED_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+)(?P<name>[A-Z][\w-]*[A-Z0-9][\w.+-]*|[a-z]+[A-Z][\w.+-]*)\s+is\s+an?\s+(?:[\w-]+\s+){0,5}?"
    r"(?:model|network|method|framework|architecture|system|approach|transformer|encoder|decoder|detector)\b"
)
_STOPS = (".", "!", "?")


def _defined_subject(abstract: str) -> list[str]:
    # the search, tried only at the text's start and at each stop (claims/extraction/scan.py)
    found = _DEFINED_SUBJECT.match(abstract) or next(scan.finditer_from(_DEFINED_SUBJECT, _STOPS, abstract), None)
    return [found.group("name")] if found and _looks_like_name(found.group("name")) else []


_TITLE_NAME_WORDS = re.compile(r"[A-Z][\w+-]*(?:\s+[A-Z][\w+-]*){1,3}")
_NAME_TITLE_END = re.compile(r"\s+(?:for|with|via|by|of|in|on|towards?|through|using)\s+\S")


def _title_as_name(title: str, abstract: str) -> list[str]:
    """ "Video Swin Transformer", "Conditional DETR for Fast Training Convergence", "Consistency Models": a
    title, or its words before "for"/"with"/..., that is a name of two to four capitalized words the abstract
    uses (as written there)."""
    head = _NAME_TITLE_END.split(title.strip(), maxsplit=1)[0].strip()
    if not _TITLE_NAME_WORDS.fullmatch(head) or dataset_at(head) or _TASK_WORD.search(head):
        return []  # "Speech Recognition with Deep Recurrent Neural Networks" names a task, not a system
    found = abstract.lower().find(head.lower())
    return [abstract[found : found + len(head)]] if found >= 0 else []


# "QD-Track outperforms ...", "our MixFormer-L achieves ...": a name-shaped subject of a verb of results,
# found from the verb (rare) back to its subject
_RESULT_VERBS = frozenset(
    "achieves obtains outperforms reaches sets surpasses attains establishes improves yields runs beats exceeds".split()  # noqa: SIM905
)
# a lower-case word ending in "s", tried where a verb of results is written (scan.py); the word then looked up
_RESULT_VERB = re.compile(r"[aoresiyb][a-z]{2,10}s\b")
_RESULT_VERB_WORDS = tuple(sorted(_RESULT_VERBS))
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.;,]\s+(?:[Oo]ur\s+)?|(?<![\w-])[Oo]ur\s+)(?P<name>[A-Z][\w-]*[A-Z0-9][\w.+-]*|[a-z]+[A-Z][\w.+-]*)"
    r"\s+(?:\([^)]{1,30}\)\s+)?(?:also\s+|further\s+|consistently\s+|significantly\s+)?$"
)


def _result_subjects(abstract: str) -> list[str]:
    """Systems an abstract credits with results, for a paper whose title and wording name none."""
    found = []
    # Tried only where a verb of results is written: a match that starts elsewhere and covers one is a longer
    # word, which has a letter before the verb (skipped below either way).
    for verb in scan.finditer_from(_RESULT_VERB, _RESULT_VERB_WORDS, abstract):
        if verb.group() not in _RESULT_VERBS or (verb.start() and abstract[verb.start() - 1].isalpha()):
            continue  # not a verb of results, or inside a word ("preaches")
        subject = _SUBJECT_BEFORE.search(abstract, max(0, verb.start() - 90), verb.start())
        if subject is None:
            continue
        name = subject.group("name").rstrip(".-")
        if _looks_like_name(name) and not metric_info(name):
            found.append(singular(name, abstract))
    return found


_WORD_CHAR = re.compile(r"[\w-]")
_LONGER_NAME = re.compile(r"[A-Z0-9]")


def _uses(name: str, text: str) -> int:
    r"""How often `name` starts a word of `text` and is not the start of a longer name:
    len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![A-Z0-9])", text)), without compiling a pattern per name."""
    count, position = 0, text.find(name)
    while position >= 0:
        starts_word = position == 0 or not _WORD_CHAR.match(text, position - 1)
        # "DiNA" in "DiNAT" is another name; "ViTs" and "ViT-L" are uses of "ViT"
        count += starts_word and not _LONGER_NAME.match(text, position + len(name))
        position = text.find(name, position + (len(name) if starts_word else 1))
    return count


_MEASURE_DEFINED = re.compile(
    r"\b[a-z][\w-]*\s+(?:rate|score|accuracy|error|precision|recall|distance|ratio|index|measure|metric)s?\s*\($"
)


def model_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Tokens shaped like model names in text[start:end]."""
    found = []
    for m in scan.finditer(_MODEL_SHAPE, _MODEL_SHAPE_LED, text, start, end):
        name = m.group().rstrip(".")
        if name in _COMMON_CAPS or dataset_at(name) or metric_info(name) or _partial_dataset(name):
            continue
        if "/" in name and all(metric_info(part) for part in name.split("/")):
            continue  # "EM/F1", "PSNR/SSIM": metrics named together, not a system
        if _DESCRIBING_SUFFIX.search(name):
            continue  # "GAN-based", "CNN-like": a word describing systems, not a system's name
        if text[m.start() - 1 : m.start()] == "(" and _MEASURE_DEFINED.search(text, max(0, m.start() - 50), m.start()):
            continue  # "the expression recognition rate (ExpRate)": a measure's short name
        found.append(Mention(m.start(), m.start() + len(name), singular(name, text)))
    return found


# "Bufflehead-base", "Longformer-large": a size word after the system's name makes a variant, though the
# token has too few capitals to be shaped like a name
_SIZE_SUFFIX = re.compile(r"-(?:tiny|mini|small|medium|base|large|huge|giant|xl|xxl)(?![\w-])", re.IGNORECASE)


def sized_system_mentions(text: str, start: int, end: int, system: str | None) -> list[Mention]:
    """The system's size variants in text[start:end] that `model_mentions` cannot see: its name, if not shaped
    like one, and a lower-case size word."""
    if not system or _MODEL_SHAPE.fullmatch(system):
        return []
    found, position = [], text.find(f"{system}-", start, end)
    while position >= 0:
        size = _SIZE_SUFFIX.match(text, position + len(system), end)
        if size and (position == 0 or not _WORD_CHAR.match(text, position - 1)):
            found.append(Mention(position, size.end(), text[position : size.end()]))
        position = text.find(f"{system}-", position + 1, end)
    return found


_DESCRIBING_SUFFIX = re.compile(r"-(?:based|like|style|driven|free|only|aware|guided|powered)$", re.IGNORECASE)
_PLURAL_OF_CAPITALS = re.compile(r"[a-z][A-Z]{2,}s$|[A-Z]{3,}s$")


def singular(name: str, text: str) -> str:
    """ "ConvNeXts" -> "ConvNeXt" when the text also uses the singular: a word of the text (looked up in its
    words, found once for all its names) or a variant's head, else for a stem with other characters, found as a
    whole."""
    if not name.endswith("s"):
        return name
    stem = name[:-1]
    if _PLURAL_OF_CAPITALS.search(name):
        return stem  # "BigGANs", "DETRs": an "s" after a capital or digit only makes a plural
    if _WORD.fullmatch(stem):  # "DDRNet" alone, or as the head of a variant ("DDRNet-23-slim")
        used = stem in _words(text) or f"{stem}-" in text
    else:
        used = re.search(rf"(?<![\w-]){re.escape(stem)}(?![\w-])", text) is not None
    return stem if used else name


_WORD = re.compile(r"[\w-]+")


@lru_cache(maxsize=4)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text))


def _partial_dataset(name: str) -> bool:
    """The first word of a longer dataset name ("NYU" of "NYU Depth V2")."""
    return name in _dataset_first_words()


@lru_cache(maxsize=1)
def _dataset_first_words() -> frozenset[str]:
    return frozenset(alias.split(" ")[0] for d in datasets().values() for alias in (d.name, *d.aliases) if " " in alias)


def dataset_at(name: str) -> bool:
    return is_dataset_name(name)


_OPEN_NAME = r"[A-Z][\w-]*(?:[ -](?:[A-Z0-9][\w-]*|v\d)){0,2}"
_OPEN_LEAD = (
    r"(?<!\w)(?:on|in|across|of|from|using|with|for)\s+(?:the\s+)?"
    r"(?:challenging\s+|large-scale\s+|popular\s+|public\s+|standard\s+|widely used\s+)?"
)
_HEAD_WORDS = ("dataset", "benchmark", "test set", "validation set", "corpus", "corpora", "challenge")
_HEAD_WORD = re.compile("|".join(_HEAD_WORDS))
_LEAD_ROOM = 200  # characters: more than a lead ("on the large-scale") and three words of a name take
_OPEN_DATASET = re.compile(
    rf"{_OPEN_LEAD}(?P<name>{_OPEN_NAME})\s+(?:dataset|benchmark|test set|validation set|corpus|challenge)\b"
)
# "on the Alpha and Beta-2 benchmarks": names the vocabulary may lack, listed before a plural.
_OPEN_DATASET_LIST = re.compile(
    rf"{_OPEN_LEAD}(?P<names>{_OPEN_NAME}(?:\s*,\s*{_OPEN_NAME})*,?\s+and\s+{_OPEN_NAME})\s+"
    r"(?:datasets|benchmarks|test sets|corpora|challenges)\b"
)
_OPEN_DATASET_LED = scan.led(_OPEN_DATASET, r"\w")  # the same matches, scanned faster (claims/extraction/scan.py)
_OPEN_DATASET_LIST_LED = scan.led(_OPEN_DATASET_LIST, r"\w")
_OPEN_NAME_RE = re.compile(rf"(?<![\w-]){_OPEN_NAME}(?!\w)")
# "on five benchmarks, including Alpha, Beta-2 and Gamma", "datasets such as Alpha and Beta", "benchmarks (Alpha, Beta)"
_INCLUDING = re.compile(
    rf"(?<!\w)(?:benchmarks|datasets|test sets|corpora)\s*(?:,\s*)?(?:including|such as|like|\(|:)\s*(?:the\s+)?"
    rf"(?P<names>{_OPEN_NAME}(?:\s*,\s*{_OPEN_NAME})*,?\s+(?:and|or)\s+{_OPEN_NAME})"
)
# "on three benchmarks, namely, 5.1% on Alpha, 2.7% on Beta-X and 3.9% on Gamma"
_NAMELY = re.compile(
    r"(?<!\w)(?:benchmarks|datasets)\s*,?\s*(?:namely|i\.e\.|:)\s*,?\s*(?P<list>(?:[^.;]|\.\d){1,200})"
)
_INCLUDING_LED = scan.led(_INCLUDING, r"\w")
_NAMELY_LED = scan.led(_NAMELY, r"\w")
_ON_OPEN_NAME = re.compile(rf"\bon\s+(?:the\s+)?(?P<name>{_OPEN_NAME})(?![\w-])")
_SIBLING = re.compile(r"(?:/|,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?P<suffix>[Vv]?\d+(?:\.\d+)?)(?![\w-])")


_TRAINED_ON = re.compile(
    r"\b(?:pre-?train\w*|train\w*|learn\w*)\s+(?:(?!fine)\w+\s+){0,3}?(?:on|with|using|from)\s+(?:the\s+)?(?:large-scale\s+)?$"
    # "10 minutes of labeled data from Libri-light": data learned from
    r"|\b(?:labell?ed|unlabell?ed|transcribed|untranscribed|training)\s+(?:speech\s+|audio\s+|text\s+)?data\s+"
    r"(?:from|of|in)\s+(?:the\s+)?$",
    re.I,
)


_PRETRAINED_ON = re.compile(
    r"\b(?:pre-?train\w*|distill\w*)\s+(?:(?!fine)\w+\s+){0,3}?(?:on|with|using|from)\s+(?:the\s+)?(?:large-scale\s+)?$",
    re.I,
)


def is_pretraining_set(text: str, mention: Mention) -> bool:
    """ "pre-trained on ImageNet-21K": data only learned from, never the benchmark of a score."""
    return bool(_PRETRAINED_ON.search(text, max(0, mention.start - 50), mention.start))


def is_training_set(text: str, mention: Mention) -> bool:
    """ "pretrained on ImageNet-21K": data a model learned from, not the benchmark of its score."""
    return bool(_TRAINED_ON.search(text, max(0, mention.start - 50), mention.start))


def dataset_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Known datasets (canonical names) and "on <Name> dataset" phrases in text[start:end]."""
    found = []
    for m in find_datasets(text, start, end):
        found.append(Mention(m.start(), m.end(), canonical_dataset(m.group())))
        found.extend(_siblings(text, m))
    found.extend(_bare_versions(text, start, end, found))
    found.extend(_defined_abbreviations(text, start, end, found))
    if opened := list(_open_dataset_spans(text, start, end)):
        known = Spans(sorted(found, key=lambda m: m.start))
        found.extend(Mention(*span, text[span[0] : span[1]]) for span in opened if not known.covering(span[0]))
    return sorted(found, key=lambda mention: mention.start)


def _open_dataset_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Names the vocabulary lacks, said to be datasets: "on X dataset", "on the X and Y benchmarks",
    "on three benchmarks, namely, 5.1% on X and 3.9% on Y"."""
    heads = list(scan.finditer_from(_HEAD_WORD, _HEAD_WORDS, text, start, end))  # found by `str.find`: 5x faster
    if not heads:
        return  # a third of abstracts name none: skip the scans
    # "on the X and Y benchmarks" ends at a head word: scan only the stretch before each (the longest lead and
    # names are shorter than _LEAD_ROOM), stretches that overlap merged
    for low, high in _stretches([(max(start, h.start() - _LEAD_ROOM), min(end, h.end() + 3)) for h in heads]):
        for m in scan.finditer(_OPEN_DATASET, _OPEN_DATASET_LED, text, low, high):
            yield m.start("name"), m.end("name")
        for listed in scan.finditer(_OPEN_DATASET_LIST, _OPEN_DATASET_LIST_LED, text, low, high):
            for name in _OPEN_NAME_RE.finditer(text, listed.start("names"), listed.end("names")):
                yield name.start(), name.end()
    # "benchmarks, including X", "benchmarks, namely, ..." start at one
    plural = _has_any(text, ("benchmarks", "datasets", "test sets", "corpora"))
    for listed in scan.finditer(_INCLUDING, _INCLUDING_LED, text, heads[0].start(), end) if plural else ():
        for name in _OPEN_NAME_RE.finditer(text, listed.start("names"), listed.end("names")):
            yield name.start(), name.end()
    for namely in scan.finditer(_NAMELY, _NAMELY_LED, text, heads[0].start(), end) if plural else ():
        for item in _ON_OPEN_NAME.finditer(text, namely.start("list"), namely.end("list")):
            yield item.start("name"), item.end("name")


def _stretches(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, those that overlap merged into one."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


_DEFINED = re.compile(r"\s*\((?P<short>[A-Z][A-Za-z0-9-]{0,7})\)")


def _defined_abbreviations(text: str, start: int, end: int, found: list[Mention]) -> list[Mention]:
    """ "on the Clotho (CL) dataset ... 33.8% on CL": an abbreviation given to a benchmark names it after."""
    shorts = {}
    for mention in found:
        if (defined := _DEFINED.match(text, mention.end)) and defined.group("short") not in shorts:
            shorts[defined.group("short")] = (defined.end(), mention.name)
    if not shorts:
        return []
    # all abbreviations in one pass (each use is a whole word, so no two can overlap), each from where defined
    uses = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, shorts))})(?![\w-])")
    first = max(start, min(defined_at for defined_at, _ in shorts.values()))
    later = []
    for use in uses.finditer(text, first, end):
        defined_at, name = shorts[use.group()]
        if use.start() >= defined_at:
            later.append(Mention(use.start(), use.end(), name))
    return later


# "on" then the word boundary before it, looked behind: the regex engine then jumps from one "on" to the
# next instead of testing a boundary at every character (10x faster, the same matches as r"\bon\s+...").
_BARE_VERSION = re.compile(r"on(?<!\w..)\s+(?P<version>[Vv]\d+)\b")
_STEM = re.compile(r"[A-Z][\w-]+")


def _bare_versions(text: str, start: int, end: int, found: list[Mention]) -> list[Mention]:
    """ "Something-Something (68.7% on V1 and 77.0% on V2)": a version named after its benchmark's stem."""
    versions = []
    named = None  # the names found, by position: looked up for each version
    for match in _BARE_VERSION.finditer(text, start, end):
        named = named if named is not None else Spans(sorted(found, key=lambda m: m.start))
        if named.covering(match.start("version")):
            continue
        for stem in reversed(list(_STEM.finditer(text, max(start, match.start() - 100), match.start()))):
            name = canonical_dataset(f"{stem.group()} {match.group('version')}")
            if name in datasets():
                versions.append(Mention(match.start("version"), match.end("version"), name))
                break
    return versions


_VERSION_SUFFIX = re.compile(r"[Vv]?\d+(?:\.\d+)?$")


def _siblings(text: str, match: NameMatch) -> list[Mention]:
    """ "Kinetics-400/600", "Something-Something V1 and V2", "DOTA-v1.0, v1.5": the benchmarks a bare
    version after a benchmark's name names, when the vocabulary knows them."""
    siblings = []
    stem = _VERSION_SUFFIX.sub("", match.group())
    position = match.end()
    while (sibling := _SIBLING.match(text, position)) and stem != match.group():
        name = canonical_dataset(stem + sibling.group("suffix"))
        if name not in datasets():
            break
        siblings.append(Mention(sibling.start("suffix"), sibling.end(), name))
        position = sibling.end()
    return siblings


def metric_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Known metrics (canonical names) in text[start:end]."""
    return [Mention(m.start(), m.end(), canonical_metric(m.group())) for m in find_metrics(text, start, end)]
