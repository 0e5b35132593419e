"""Extract step: papers table -> claims table.

For each abstract: sentences (claims/text.py) -> quantities (grammar) ->
readings (claims/reading.py) -> one row per claim with its provenance, then
the normalize-units step. The same paper always gives the same rows,
whatever else is in the run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pandas as pd

from claims import cues, names, reading
from claims.grammar import Quantity, quantities, word_quantities, word_triggers
from claims.guard import DEFAULT_BUDGET, Failure, alarm_handler, checkpoint, guarded, warn_failures
from claims.normalize import normalize_units
from claims.setting import add_settings
from claims.text import sentence_spans
from claims.vocab import metric_info, name_key, primary_metric

CLAIM_COLUMNS = [
    "paper_id",
    "title",
    "value_text",
    "value",
    "unit",
    "kind",
    "direction",
    "bound",
    "metric",
    "dataset",
    "model",
    "baseline",
    "task",
    "context",
    "sentence",
    "start",
    "end",
    "source",
]
_RAW_COLUMNS = [c for c in CLAIM_COLUMNS if c not in ("value", "unit")] + ["number", "unit_text"]


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# The gaps between a number and its name are read with `fullmatch` at their place in the abstract (no copy of
# the text between them); each says how many words it holds at most, so that only names that near are read.
_ON_NAME = re.compile(r"\s*\)?\s*(?:on|in|for|of|at)\s+(?:the\s+)?", re.IGNORECASE)
_ON_NAME_WORDS = 3
_SPLIT_WORDS = r"\s*(?:val(?:idation)?|test(?:-dev)?)?\s*(?:set|split)?\s*,?\s*"  # "COCO val set, with"
_NAME_WITH = re.compile(rf"{_SPLIT_WORDS}(?:with|at|of|:)\s*(?:an?\s+)?", re.I)
_NAME_WITH_WORDS = 5
_BASELINE_CUE = re.compile(
    r"\b(?:than|over|compared\s+(?:to|with)|outperform\w*|surpass\w*|vs\.?|versus|against|relative\s+to|beats?|"
    r"exceed\w*|match(?:es|ing)?|rivals?|rivall?ing|on\s+par\s+with|comparabl[ey]\s+(?:to|with))\s+"
    r"(?:(?:the|a|an|both|that\s+of|those\s+of|prior|previous|recent|strong|state-of-the-art|SOTA|art|"
    r"best|competitive|popular|original|vanilla|baseline|existing|comparable|variant\s+of|model|"
    r"\([^()]{1,40}\))\s+)*$",
    re.IGNORECASE,
)


_VERB_CUE = re.compile(r"(?:outperform|surpass|beat|exceed)", re.IGNORECASE)
_HEADS_GROUP = re.compile(rf"{_SPLIT_WORDS}with\b", re.I)
_RUN_SEPARATOR = re.compile(r"\s*(?:,|/)?\s*(?:and\s+|or\s+)?(?:the\s+)?")
_SUBJECT_VERB = re.compile(
    r"[\s,]*(?:\([^)]*\)\s*)?(?:\w+\s+){0,2}?(?:achiev|obtain|reach|attain|get|give|yield|set|score|boast|establish|"
    r"improv|outperform|surpass|run|deliver|record|show)\w*\b"
)


class _found_once:  # noqa: N801 (used as a decorator, like `property`)
    """A property of a sentence found when first asked for, then kept: `functools.cached_property` without
    the lock it takes on Python 3.11 (a sentence is read by one thread), taken for every sentence read."""

    def __init__(self, find: Callable[[Any], Any]) -> None:
        self.find, self.__doc__ = find, find.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, sentence: Any, owner: type | None = None) -> Any:
        value = sentence.__dict__[self.name] = self.find(sentence)
        return value


@dataclass(frozen=True)
class Sentence:
    """One sentence of an abstract and the names found in it, found once and shared by its phrases.

    Offsets are the abstract's: `text` is the whole abstract, `span` this sentence. What several phrases
    would look up in the whole sentence is found once, when first asked for (the cached properties).
    """

    text: str
    span: tuple[int, int]
    metrics: names.Spans[names.Mention]
    datasets: names.Spans[names.Mention]
    models: names.Spans[names.Mention]
    own_models: names.Spans[names.Mention]  # the models not introduced as something compared against
    carried: str | None
    system: str | None
    numbers: list[Quantity] = field(default_factory=list)  # its result numbers, in order
    scores: list[tuple[int, str, str | None]] = field(default_factory=list)  # (end, metric, dataset) of its scores
    quality_scores: list[tuple[str, str | None]] = field(default_factory=list)  # those not of a cost

    @_found_once
    def compared(self) -> names.Spans[names.Mention]:
        """The models introduced as something compared against (few phrases ask)."""
        return names.Spans.of([m for m in self.models if _is_baseline(self.text, m, self.span)])

    @_found_once
    def respectively(self) -> list[int]:
        """Where the sentence says "respectively"."""
        return [match.start() for match in _RESPECTIVELY.finditer(self.text, *self.span)]

    def respectively_from(self, position: int) -> int | None:
        """Where the sentence first says "respectively" at or after `position`, if it does."""
        index = bisect_left(self.respectively, position)
        return self.respectively[index] if index < len(self.respectively) else None

    @_found_once
    def number_index(self) -> dict[Quantity, int]:
        """Where each number is in `numbers`."""
        return {quantity: index for index, quantity in enumerate(self.numbers)}

    @_found_once
    def respective_datasets(self) -> list[names.Mention] | None:
        """ "an AP of 30.1 and an NMS-AP of 26.9 on A and B, respectively": as many benchmarks as the sentence
        has numbers, listed right after them (else right before them), when "respectively" follows them."""
        numbers = self.numbers
        if len(numbers) < 2 or not _RESPECTIVELY.search(self.text, numbers[-1].end, self.span[1]):
            return None
        runs = self.datasets.runs(self.text, _RUN_SEPARATOR)
        run = runs.after(numbers[-1].end, least=1) or runs.before(numbers[0].start, least=1)
        return run if run and len(run) == len(numbers) else None

    @_found_once
    def variants(self) -> names.Spans[names.Mention]:
        """Own models named as variants of the system ("ModelX-L" of "ModelX")."""
        key = name_key(self.system or "")
        return names.Spans(m for m in self.own_models if (own := name_key(m.name)).startswith(key) and own != key)

    @_found_once
    def subjects(self) -> names.Spans[names.Mention]:
        """Own models a verb of results follows ("ModelX achieves"), not after a preposition: each phrase reads
        only these for its subject. A verb found before a phrase is also found before the end of the sentence."""
        text = self.text
        return names.Spans(
            m
            for m in self.own_models
            if _SUBJECT_VERB.match(text, m.end, self.span[1])
            and not re.search(r"\b(?:on|in|and|of|with|by|to|from|than)\s+$", text[max(0, m.start - 6) : m.start])
        )


_AFTER_SEPARATOR = re.compile(r"(?:,|\band)\s*(?:the\s+|on\s+)?$")


def _heads_group(abstract: str, mention: names.Mention) -> bool:
    after_separator = _AFTER_SEPARATOR.search(abstract, max(0, mention.start - 12), mention.start)
    return bool(after_separator and _HEADS_GROUP.match(abstract, mention.end))


_REACH = 300  # characters: a name further from a number than this, in one sentence, is not its name


def _nearest(abstract: str, mentions: names.Spans[names.Mention], start: int, end: int) -> names.Mention | None:
    """Prefer a mention right after ("... on COCO"), else the last before, else a later one (within `_REACH`).

    A name that heads the next group ("..., and ADE20K val set with 50.9% PQ") owns what follows it.
    """
    after = next((m for m in mentions.starting(end, end + _REACH + 1) if not _heads_group(abstract, m)), None)
    before = mentions.last_ending(start - _REACH, start)
    if after and (not before or after.start - end < 60):
        return after
    return before


def _respectively(
    sentence: Sentence,
    phrase: reading.Phrase,
    mentions: names.Spans[names.Mention],
    separator: re.Pattern[str] = _RUN_SEPARATOR,
) -> list[names.Mention] | None:
    """Names listed in order with "respectively", one per member of the phrase.

    A list named after the numbers cycles through them; a list named before them
    takes them in blocks ("A and B reach x1, x2, x3 and y1, y2, y3 on K, T, C, respectively").
    """
    count = len(phrase.members)
    if count < 2:
        return None
    abstract = sentence.text
    runs = mentions.runs(abstract, separator)
    after = runs.after(phrase.end)
    paired = all(abstract[a.end : b.start].strip() == "/" for a, b in pairwise(phrase.members))
    # "2.1% and 1.3% on A and B": as many names listed right after the numbers pair with them in order
    listed_after = after and len(after) == count and _LIST_ON.fullmatch(abstract, phrase.end, after[0].start)
    if not (paired or listed_after or sentence.respectively_from(phrase.end) is not None):
        return None
    if after and count % len(after) == 0:
        return after * (count // len(after))
    before = runs.before(phrase.start)
    if before and count % len(before) == 0:
        block = count // len(before)
        return [m for m in before for _ in range(block)]
    return None


_LIST_ON = re.compile(r"\)?\s*(?:[\w@-]+\s+){0,3}?(?:on|for|in)\s+(?:the\s+)?")


def _respective_single(sentence: Sentence, phrase: reading.Phrase) -> list[names.Mention] | None:
    """ "an AP of 30.1 and an NMS-AP of 26.9 on A and B, respectively": numbers of their own phrases, as many
    as the benchmarks listed, take them in order."""
    listed = sentence.respective_datasets if len(phrase.members) == 1 else None
    index = sentence.number_index.get(phrase.first) if listed else None
    return [listed[index]] if listed and index is not None else None


def _datasets_for(sentence: Sentence, phrase: reading.Phrase) -> list[str | None]:
    """One dataset per member: listed respectively, named right after it, nearest in the sentence, or carried."""
    abstract, mentions = sentence.text, sentence.datasets
    if not mentions:
        return [sentence.carried] * len(phrase.members)
    ordered = _respectively(sentence, phrase, mentions) or _respective_single(sentence, phrase)
    if ordered:
        return [m.name for m in ordered]
    named = [_named_after(abstract, quantity.end, mentions) for quantity in phrase.members]
    if any(name is None for name in named):  # what the phrase's own name or its nearest one is: found once
        shared = _named_before(sentence, phrase) or _nearest(abstract, mentions, phrase.start, phrase.end)
        named = [name or shared for name in named]
    return [name.name if name else sentence.carried for name in named]


def _named_after(abstract: str, position: int, mentions: names.Spans[names.Mention]) -> names.Mention | None:
    """ "81.2% on COCO": the name right after a number, by a preposition."""
    near = mentions.words_after(abstract, position, _ON_NAME_WORDS)
    return next((m for m in near if _ON_NAME.fullmatch(abstract, position, m.start)), None)


def _named_before(sentence: Sentence, phrase: reading.Phrase) -> names.Mention | None:
    """ "COCO val set, with 50.9% PQ": the name a phrase follows by "with", "at", "of"."""
    abstract = sentence.text
    near = sentence.datasets.words_before(abstract, phrase.start, _NAME_WITH_WORDS, sentence.span[0])
    return next((m for m in near if _NAME_WITH.fullmatch(abstract, m.end, phrase.start)), None)


def _models_for(sentence: Sentence, phrase: reading.Phrase) -> list[str | None]:
    """Per member: the name in parentheses right after it ("85.0% (ViT-B) and 86.4% (ViT-L)"), else as the
    phrase reads (`_phrase_models`)."""
    named = [_parenthesized_after(sentence.text, quantity, sentence.models) for quantity in phrase.members]
    read = _phrase_models(sentence, phrase)
    return [name or model for name, model in zip(named, read, strict=True)]


_OPENING = re.compile(r"\s*\(\s*")
_CLOSING = re.compile(r"\s*\)")


def _parenthesized_after(abstract: str, quantity: Quantity, mentions: names.Spans[names.Mention]) -> str | None:
    opening = _OPENING.match(abstract, quantity.end)
    if opening is None:
        return None
    inside = mentions.starting(opening.end(), opening.end() + 1)
    named = [m for m in inside if _CLOSING.match(abstract, m.end)]
    return named[0].name if named else None


def _phrase_models(sentence: Sentence, phrase: reading.Phrase) -> list[str | None]:
    """Per member: "(ours vs. theirs)", the name a parenthesis follows, names listed respectively,
    a variant of the system, the system, or the sentence's subject."""
    abstract, span = sentence.text, sentence.span
    own = _own_model(sentence, phrase)
    if _is_versus_pair(abstract, phrase):
        return [own, _baseline_for(sentence, phrase) or own]
    if reading.is_arrow_pair(abstract, phrase):
        return [_baseline_for(sentence, phrase), own]  # the level before is not the system's
    if change := reading.changed_from(abstract, phrase):
        # "raises X's accuracy from A to B", "improves X by 1.5 AP (A to B)": A is X's, B the changed X's
        reach = max(span[0], change.start() - 60)  # "promotes X by 1.5 AP (A to B)": X is before the "by"
        changed = [m for m in sentence.models.starting(reach, phrase.start) if m.end <= phrase.start]
        before = changed[-1].name if changed else None
        return [before, own or before]
    if _COMPARED_LEVEL.search(abstract, max(span[0], phrase.start - 30), phrase.start):
        # "..., compared to 33.2% for X": the level of what the system is compared with, not the system's
        holder = _HELD_BY.match(abstract, phrase.end)
        named = sentence.models.starting(holder.end(), holder.end() + 1) if holder else []
        return [named[0].name if named else None] * len(phrase.members)
    if owner := _parenthetical_owner(abstract, phrase, span, sentence.models):
        return [owner] * len(phrase.members)
    if ordered := _respectively(sentence, phrase, sentence.own_models, _MODEL_RUN_SEPARATOR):
        return [m.name for m in ordered]
    return [own] * len(phrase.members)


_COMPARED_LEVEL = re.compile(
    r"(?:\bcompared\s+(?:to|with)|\bversus|\bvs\.?|(?<!more )(?<!less )(?<!fewer )(?<!rather )\bthan|\bagainst)"
    r"\s+(?:only\s+|just\s+)?$"
)  # "than" of a comparison, not of a bound ("more than 3%")
_HELD_BY = re.compile(r"\s*(?:[A-Za-z@-]+\s+){0,2}?(?:for|of|by|from|with)\s+(?:the\s+)?")
_MODEL_RUN_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|/)\s*")
_OWNER_GAP = re.compile(r"\s*(?:[x×]?\s*\d+(?:\.\d+)?)?\s*")
_OWNER_GAP_WORDS = 2


def _is_versus_pair(abstract: str, phrase: reading.Phrase) -> bool:
    """ "(83.3% vs. 80.8%)": the first number is the system's, the second the compared model's."""
    members = phrase.members
    return len(members) == 2 and bool(
        re.fullmatch(r"\s*(?:vs\.?|versus)\s*", abstract[members[0].end : members[1].start])
    )


def _parenthetical_owner(abstract, phrase, span, mentions) -> str | None:
    """ "ResNet-50 (76.1%)", "ModelX 1.4 (2.1 ms, 70.3% top-1)": the name the parenthesis follows."""
    opening = abstract.rfind("(", max(span[0], phrase.start - 40), phrase.start)
    if opening < 0 or ")" in abstract[opening : phrase.start]:
        return None
    for mention in reversed(mentions.words_before(abstract, opening, _OWNER_GAP_WORDS, span[0])):
        if _OWNER_GAP.fullmatch(abstract, mention.end, opening):
            return (mention.name + abstract[mention.end : opening]).strip()  # keeps a variant: "... 1.4"
    return None


def _own_model(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """A variant of the paper's system named before the number, the system, or the sentence's subject."""
    floor = sentence.span[0]
    if sentence.system:
        variant = sentence.variants.last_ending(floor, phrase.start)
        return variant.name if variant else sentence.system
    abstract = sentence.text

    def says_its_result(mention: names.Mention) -> bool:
        return _SUBJECT_VERB.match(abstract, mention.end, phrase.start) is not None

    subject = sentence.subjects.last_ending(floor, phrase.start, says_its_result)
    return subject.name if subject else None


def _is_baseline(abstract: str, mention: names.Mention, span: tuple[int, int]) -> bool:
    """A name after "than", "over", "outperforms", or listed right after such a name."""
    before = abstract[max(span[0], mention.start - 60) : mention.start]
    return bool(
        _BASELINE_CUE.search(before)
        or re.search(r"(?:than|over|surpass\w*|outperform\w*)\s+[\w+.-]+\s+(?:and|,)\s*$", before)
    )


_BASELINE_REACH = 160  # characters between a phrase and the name it is compared with


def _baseline_for(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """What a change is measured against: the name after "than", "over", "outperforms"..."""
    abstract, span = sentence.text, sentence.span
    near = sentence.models.starting(phrase.start - _BASELINE_REACH + 1, phrase.start + _BASELINE_REACH)
    cued = {
        mention: cue
        for mention in near
        if (cue := _BASELINE_CUE.search(abstract, max(span[0], mention.start - 60), mention.start))
    }
    # "1.4x speedup over X": a comparison after the number is its own; "outperforms X" after it starts another
    after = [m for m, cue in cued.items() if m.start > phrase.end and not _VERB_CUE.match(cue.group())]
    before = [m for m in cued if m.start < phrase.start]
    if after and after[0].start - phrase.end < 80:
        return after[0].name
    return before[-1].name if before else (after[0].name if after else None)


def _baselines_for(sentence: Sentence, phrase: reading.Phrase) -> list[str | None]:
    """Per member: "surpassing A and B by 1.2% and 0.5% respectively", else the one baseline of the phrase."""
    if not sentence.models:
        return [None] * len(phrase.members)
    ordered = _respectively(sentence, phrase, sentence.compared, _MODEL_RUN_SEPARATOR)
    if ordered:
        return [m.name for m in ordered]
    return [_baseline_for(sentence, phrase)] * len(phrase.members)


def _efficiency_datasets(
    abstract: str, phrase: reading.Phrase, mentions: names.Spans[names.Mention], kind: str
) -> list[str | None]:
    """Parameters or latency belong to a model, not a benchmark: only a change measured in a sentence
    that names the benchmark takes it; nothing is carried from earlier sentences."""
    if kind == "score":
        return [None] * len(phrase.members)
    nearest = _nearest(abstract, mentions, phrase.start, phrase.end)
    return [nearest.name if nearest else None] * len(phrase.members)


def read_paper(paper_id: str, title: str, abstract: str, source: str | None) -> Iterator[dict]:
    """Raw claim rows (before unit normalization) of one abstract."""
    provenance = {"paper_id": paper_id, "title": title, "source": source}
    text = _reading_text(abstract)
    spans = sentence_spans(text)  # = sentences_of(abstract)
    worded = word_triggers(text)  # where a number in words may be: one pass over the abstract, most have none
    numbers = [_numbers_in(text, span, bool(worded) and _holds(worded, span)) for span in spans]
    if not any(kept for _, kept in numbers):
        return  # half of all abstracts: no number to read, so no names to look for
    benchmark = names.introduced_benchmark(title, text)
    system = names.system_name(title, text)
    system = None if benchmark and system and name_key(system) == name_key(benchmark) else system
    seen_datasets: set[str] = set()
    last_dataset = None  # carried on by a sentence that names none, when the only one named so far
    every_dataset = names.Spans(names.dataset_mentions(text, 0, len(text)))  # one pass, then split by sentence
    for span, (metrics, kept) in zip(spans, numbers, strict=True):
        checkpoint()
        named = every_dataset.starting(*span)
        # "trained from scratch on X, it reaches N": X is the benchmark unless the sentence names another,
        # or it is data for pre-training only ("pre-trained on X")
        datasets = [m for m in named if not names.is_training_set(text, m)] or [
            m for m in named if not names.is_pretraining_set(text, m)
        ]
        if named:  # "300W", "MOT17": a number inside a dataset's name is none of its results
            kept = [q for q in kept if not every_dataset.covering(q.start, since=span[0])]
        if kept:
            carried = ((last_dataset if len(seen_datasets) == 1 else None) or benchmark) if not datasets else None
            # a name-shaped word that is part of a dataset's name is no model ("on the Alpha-2 and Beta benchmarks")
            models = names.model_mentions(text, *span)
            models = [m for m in models if not every_dataset.covering(m.start, span[0])] if named else models
            models = [m for m in models if not benchmark or name_key(m.name) != name_key(benchmark)]
            own = [m for m in models if not _is_baseline(text, m, span)]
            found = (metrics, names.Spans.of(datasets), names.Spans.of(models), names.Spans.of(own))
            sentence = Sentence(text, span, *found, carried, system, kept)
            verbatim = abstract[span[0] : span[1]]
            for phrase in reading.phrases(text, kept):
                for row in _read_phrase(sentence, phrase):
                    yield {**provenance, **row, "value_text": abstract[row["start"] : row["end"]], "sentence": verbatim}
        for mention in datasets:
            seen_datasets.add(mention.name)
            last_dataset = mention.name


# A TeX command whose backslash escape a JSON writer read as a control character, which became a space:
# "\times" stored as " imes", "\rightarrow" as " ightarrow".
_BROKEN_TEX = re.compile(r"\s(?=(imes|ightarrow)(?![a-z]))")
_LOST_LETTER = {"imes": "t", "ightarrow": "r"}
_TEX_TIE = re.compile(r"(?<=[A-Za-z])~(?=[A-Za-z\d])")  # TeX's unbreakable space between two words


def sentences_of(abstract: str) -> list[tuple[int, int]]:
    """The sentences extraction reads an abstract in: split on its reading text (TeX "$" read as a space,
    so "0J.$0" is two sentences), as offsets of the abstract. Every claim's `sentence` is one of them."""
    return sentence_spans(_reading_text(abstract))


def _reading_text(abstract: str) -> str:
    """The abstract as read: TeX math delimiters left in page text ("31.0%$ energy") and ties between words
    read as spaces, and a TeX command's first letter restored where a JSON escape ate it ("13$ imes$" reads
    "13 times ").
    Same length, so every offset is the abstract's, and what is written out is taken from the abstract."""
    text = abstract.replace("$", " ")
    if "imes" in text or "ightarrow" in text:
        text = _BROKEN_TEX.sub(lambda match: _LOST_LETTER[match.group(1)], text)
    if "~" in text:
        text = _TEX_TIE.sub(" ", text)  # "Something-Something~v2", "MobileNet~cite{...}": a space
    return text


def _holds(places: list[int], span: tuple[int, int]) -> bool:
    """One of the places (in order) is in the span: found by bisection, not by a scan of all for each span."""
    index = bisect_left(places, span[0])
    return index < len(places) and places[index] < span[1]


def _numbers_in(
    abstract: str, span: tuple[int, int], worded: bool
) -> tuple[names.Spans[names.Mention], list[Quantity]]:
    """The metrics and the result numbers of one sentence (not settings, counts of data, digits of names);
    `worded`: it may hold numbers in words ("four times", "half the parameters", "1/10 of the cost")."""
    checkpoint()  # a paper's time budget holds sentence by sentence, whether it gives claims or not
    found = reading.split_changes(abstract, quantities(abstract, *span))
    if worded and (words := word_quantities(abstract, *span)):
        in_words = names.Spans(words)
        found = sorted([q for q in found if not in_words.covering(q.start)] + words, key=lambda q: q.start)
    metrics = names.Spans.of(names.metric_mentions(abstract, *span)) if found else names.NOTHING
    return metrics, [q for q in found if not reading.is_setting_or_name(abstract, q, metrics)]


def _read_phrase(sentence: Sentence, phrase: reading.Phrase) -> Iterator[dict]:
    """Claim rows of one coordinated phrase: shared kind and bound, per-member metric and names."""
    abstract, span = sentence.text, sentence.span
    member_kinds = reading.kinds_of(abstract, phrase, span)
    kind = member_kinds[0]
    member_datasets = _datasets_for(sentence, phrase)
    if respective := _respective_scores(sentence, phrase, kind) or _apposed_to_score(sentence, phrase, kind):
        member_metrics, member_datasets = respective
    else:
        metric = _phrase_metric(sentence, phrase, kind, member_datasets[0])
        if metric is None:
            return
        member_metrics = reading.listed_metrics(abstract, phrase, span) or reading.metrics_listed_before(
            abstract, phrase, span
        )
        if not member_metrics:
            own = reading.members_own_metrics(abstract, phrase, sentence.metrics) or [None] * len(phrase.members)
            member_metrics = [name or metric for name in own]
        member_datasets = _efficiency_aware(sentence, phrase, kind, member_metrics, member_datasets)
    member_models = _models_for(sentence, phrase)
    member_baselines = [None] * len(phrase.members) if kind == "score" else _baselines_for(sentence, phrase)
    changes = any(k != "score" for k in member_kinds)
    read = dict.fromkeys(member_metrics) if changes else {}  # each metric's direction once
    directions = {m: reading.direction_of(abstract, phrase, span, m) for m in read}
    for quantity, member_kind, metric, dataset, model, baseline in zip(
        phrase.members, member_kinds, member_metrics, member_datasets, member_models, member_baselines, strict=True
    ):
        if member_kind == "score":
            sentence.scores.append((quantity.end, metric, dataset))
            if not _is_cost(metric):
                sentence.quality_scores.append((metric, dataset))
        yield {
            "number": quantity.value,
            "unit_text": quantity.unit,
            "kind": member_kind,
            "direction": None if member_kind == "score" else directions[metric],
            "bound": reading.bound_of(abstract, phrase, quantity),
            "metric": metric,
            "dataset": dataset,
            "model": model,
            "baseline": baseline,
            "task": None,
            "context": None,
            "start": quantity.start,
            "end": quantity.end,
        }


def _phrase_metric(sentence: Sentence, phrase: reading.Phrase, kind: str, dataset: str | None) -> str | None:
    """The one metric of a phrase; None when it measures nothing a claim reports (or a model's size)."""
    metric = reading.metric_for(sentence.text, phrase, sentence.span, sentence.metrics, kind)
    if (
        metric == "performance"
        and kind == "score"
        and cues.RETAINED_BEFORE.search(sentence.text, max(sentence.span[0], phrase.start - 40), phrase.start)
    ):
        return "performance retained"  # "while maintaining 99% performance"
    if metric in (None, "performance") and phrase.family == "percent" and kind != "ratio":
        metric = primary_metric(dataset) or metric
    if metric is None and kind == "score" and _bare_score_on_benchmark(sentence, phrase):
        metric = primary_metric(dataset)  # "78.6 on COCO test-dev" is in COCO's primary metric
    if metric is None and kind == "delta" and phrase.family == "percent":
        metric = "performance"  # "outperforms X by 2%": a gain, on no metric the sentence names
    if metric is None or reading.describes_model_size(phrase, metric, kind):
        return None
    return metric


_ON_BENCHMARK = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")


def _bare_score_on_benchmark(sentence: Sentence, phrase: reading.Phrase) -> bool:
    """A decimal with no unit followed at once by "on <benchmark>"."""
    if phrase.family is not None or not all("." in q.text for q in phrase.members):
        return False
    on = _ON_BENCHMARK.match(sentence.text, phrase.end)
    return on is not None and bool(sentence.datasets.starting(on.end(), on.end() + 1))


def _efficiency_aware(
    sentence: Sentence, phrase: reading.Phrase, kind: str, metrics: list[str], datasets: list[str | None]
) -> list[str | None]:
    """Members measuring the model's own cost take a benchmark only as `_efficiency_datasets` allows."""
    costs = [(info := metric_info(metric)) is not None and info.is_efficiency for metric in metrics]
    if not any(costs):
        return datasets
    efficient = _efficiency_datasets(sentence.text, phrase, sentence.datasets, kind)
    return [own if cost else dataset for cost, dataset, own in zip(costs, datasets, efficient, strict=True)]


# after a score and the words naming it ("92.4% accuracy, ..."): a comma, maybe "which is", "i.e."
_APPOSITION = re.compile(r"(?:\s+[A-Za-z][\w@-]*){0,3},\s*(?:which\s+is\s+|i\.e\.,?\s*|or\s+)?")
# "40% lower than X", "a 12% improvement": a comparison that names no quantity of its own ("20% faster" does)
_BARE_COMPARISON = re.compile(
    r"\s*(?:absolute\s+|relative\s+)?(?:(?:lower|higher|better|worse)\s+(?:than|compared|over)\b|"
    r"(?:improvements?|reductions?|gains?|drops?)\b(?!\s+(?:in|of)\b))"
)


def _apposed_to_score(
    sentence: Sentence, phrase: reading.Phrase, kind: str
) -> tuple[list[str], list[str | None]] | None:
    """ "an error of 0.5 mm, 40% lower than X": a change set right after a score is a change of that score."""
    if kind == "score" or not sentence.scores:
        return None
    end, metric, dataset = sentence.scores[-1]
    comparison = _BARE_COMPARISON.match(sentence.text, phrase.end)
    if not _APPOSITION.fullmatch(sentence.text, end, phrase.start) or not comparison:
        return None
    if _is_cost(metric) and _QUALITY_COMPARISON.match(comparison.group()):
        # "83.2% top-1 with 4.1 GFLOPs, 1.5% higher than X": higher is said of the quality, not of the cost
        if not sentence.quality_scores:
            return None
        metric, dataset = sentence.quality_scores[-1]
    count = len(phrase.members)
    return [metric] * count, [dataset] * count


_QUALITY_COMPARISON = re.compile(r"\s*(?:absolute\s+|relative\s+)?(?:higher|better|improvements?|gains?)\b")


def _is_cost(metric: str | None) -> bool:
    return (info := metric_info(metric)) is not None and info.is_efficiency


def _respective_scores(
    sentence: Sentence, phrase: reading.Phrase, kind: str
) -> tuple[list[str], list[str | None]] | None:
    """ "reaches 81.0% top-1 on A and 45.0 AP on B, surpassing X by +1.5 and +2.5 respectively": changes
    listed respectively after as many scores, naming no metric or dataset of their own, take those scores'
    metrics and datasets in order."""
    count = len(phrase.members)
    if kind == "score" or count < 2 or len(sentence.scores) != count:
        return None
    closing = sentence.respectively_from(phrase.end)
    if closing is None:
        return None
    last_end, last_metric, _ = sentence.scores[-1]
    metrics = sentence.metrics
    if metrics.starting(phrase.end, closing) or sentence.datasets.starting(phrase.end, closing):
        return None
    if any(m.name != last_metric for m in metrics.starting(last_end, phrase.start)):
        return None
    _, metrics, datasets = zip(*sentence.scores, strict=True)
    return list(metrics), list(datasets)


def extract(
    papers: pd.DataFrame, failures: list[Failure] | None = None, budget: float = DEFAULT_BUDGET
) -> pd.DataFrame:
    """Claims of every paper in a papers DataFrame (see `claims.load`), units normalized.

    One row per claimed number with the columns of GUIDELINES.md plus
    provenance (`paper_id`, `sentence`, `start`, `end`, `source`), where
    `abstract[start:end] == value_text`. A paper whose extraction fails or
    takes over `budget` seconds gives no rows and a `claims.guard.Failure`,
    appended to `failures` when given, else reported as a warning.
    """
    rows: list[dict] = []
    failed: list[Failure] = [] if failures is None else failures
    with alarm_handler():  # once for all papers, each then only arms its timer
        # the columns as Python lists: iterating Arrow-backed rows one by one costs more than the conversion
        listed = {column: papers[column].tolist() for column in ("paper_id", "title", "abstract")}
        all_sources = papers["sources"].tolist() if "sources" in papers else [None] * len(papers)
        for paper_id, title, abstract, sources in zip(*listed.values(), all_sources, strict=True):
            source = sources[0] if isinstance(sources, list) and sources else None
            text = abstract if isinstance(abstract, str) else ""  # a missing abstract (None, NaN, pd.NA) has none
            rows.extend(guarded(read_paper, paper_id, title, text, source, budget, failed))
    if failures is None:
        warn_failures(failed)
    raw = pd.DataFrame(rows, columns=_RAW_COLUMNS)
    claims = add_settings(normalize_units(raw), dict(zip(listed["paper_id"], listed["abstract"], strict=True)))
    return claims[CLAIM_COLUMNS].astype({"start": "int64", "end": "int64", "value": "float64"})
