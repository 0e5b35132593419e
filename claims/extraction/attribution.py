"""Attribution: who a number is of, on what, against whom, under one table of preferences.

The extract step finds, per sentence, the mentions (`Sentence`: the sentence's metrics, benchmarks, models,
the paper's system, the benchmark carried from earlier sentences) and reads its numbers into phrases
(claims/extraction/reading.py). This module then gives each number of a phrase its dataset, model and baseline by
the constructions of `PREFERENCES`, tried in order for each field: the first construction that names a
member decides it. A construction either reads each member alone (`whole=False`: "81.2% on COCO") or the
phrase at once (`whole=True`: "(83.3% vs 80.8%)"); a whole one decides every member left, a None among its
names meaning "no name", and a per-member one decides "no name" with "" ("51.3 mIoU on 23 datasets").

Every row states the construction, what it prefers, and an invented sentence it reads
(tests/test_attribution.py runs each row's example through the whole extractor).

Outline:
- `Sentence`: the mentions of one sentence, with what several phrases would look up found once.
- constructions: respectively-lists, names after or before a number, counted benchmarks, the number's own
  list item, unknown owners, the nearest name, the carried benchmark; parenthesized and parenthetical owners,
  versus and arrow pairs, changed levels, compared levels, held levels, subjects and variants of the system
  (sized, framed by "For X", set against the paper's, other systems described); margins over a name, baseline
  cues and described baselines.
- `PREFERENCES`: the table; `attribute(sentence, phrase, field)`: one field of every member by the table.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from claims.extraction import cues, names, reading, scan, setting
from claims.extraction.grammar import Quantity
from claims.extraction.text import sentence_spans
from claims.extraction.vocab import fold, name_key, primary_metric

_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# The gaps between a number and its name are read with `fullmatch` at their place in the abstract (no copy of
# the text between them); each says how many words it holds at most, so that only names that near are read.
_ON_NAME = re.compile(r"\s*\)?\s*(?:on|in|for|of|at)\s+(?:the\s+)?", re.IGNORECASE)
_ON_NAME_WORDS = 3
_SPLIT_WORDS = r"\s*(?:val(?:idation)?|test(?:-dev)?)?\s*(?:set|split)?\s*,?\s*"  # "COCO val set, with"
_NAME_WITH = re.compile(rf"{_SPLIT_WORDS}(?:with|at|of|:)\s*(?:an?\s+)?", re.I)
_NAME_WITH_WORDS = 5
# The words a compared system follows: "than X", "outperforms X", "on par with X"
_COMPARISON = (
    r"\b(?:than|over|compared\s+(?:to|with)|improv(?:e|es|ed|ing)(?:\s+(?:up)?on|(?!\s+over\b))|outperform\w*|surpass\w*|vs\.?|"
    r"versus|against|relative\s+to|beat(?:s|ing)?|exceed\w*|match(?:es|ing)?|rivals?|rivall?ing|on\s+par\s+with|comparabl[ey]\s+(?:to|with)|"
    r"equivalent(?:ly)?\s+to|as\s+(?:accurate|good|well|fast)\s+as|above|below|ahead\s+of|"
    r"(?:falls?|fell|falling)\s+short\s+of|lag(?:s|ged|ging)?\s+behind|trail(?:s|ed|ing)?|behind|"
    r"%\s+of\s+the\s+(?:accuracy|performance|quality|scores?)\s+of)\s+"  # "92% of the accuracy of X"
)
# Every match of `_COMPARISON` holds one of these words, or "par" and "with" ("on par with"), in the case folding
# (?i) compares by: the searches that start with it are run only on text that holds one.
COMPARISON_WORDS = (
    "than", "over", "compar", "improv", "outperform", "surpass", "vs", "versus", "against", "relative", "beat",
    "exceed", "match", "rival", "equivalent", "accurate", "good", "well", "fast", "above", "below", "ahead", "accuracy",
    "performance", "quality", "score", "short", "behind", "trail",
)  # fmt: skip
_COMPARISON_WORD = scan.Words(COMPARISON_WORDS)
_PAR_WITH = re.compile(r"par\s+with")


def compares(text: str) -> bool:
    """Whether `text` holds what every match of `_COMPARISON` holds (a test far cheaper than the search)."""
    return _compares_folded(fold(text))


def _compares_folded(folded: str) -> bool:
    return _COMPARISON_WORD.found(folded) or _PAR_WITH.search(folded) is not None


# Every match of `_COMPARISON` starts with one of these (folded as (?i) compares): a pattern led by it is matched
# only where one starts, not at each character (a search tries every alternative at each)
COMPARISON_STARTS = (
    "than", "over", "compar", "improv", "outperform", "surpass", "vs", "versus", "against", "relative", "beat",
    "exceed", "match", "rival", "on", "equivalent", "as", "above", "below", "ahead", "%", "fall", "fell", "lag",
    "trail", "behind",
)  # fmt: skip
_COMPARISON_START = scan.Words(COMPARISON_STARTS)


_BASELINE_CUE = re.compile(
    rf"{_COMPARISON}"
    r"(?:(?:the|a|an|both|its|their|that\s+of|those\s+of|prior|previous|recent|strong|state-of-the-art|SOTA|art|"
    r"best|competitive|popular|original|vanilla|standard|conventional|traditional|plain|naive|classic(?:al)?|"
    r"baseline|existing|comparable|variant\s+of|model|\d+-\w+|"
    r"(?:accuracy|performance|quality|results?|scores?)\s+of|"  # "matches the accuracy of X"
    r"\([^()]{1,40}\))\s+)*"
    r"(?:(?:[a-z][\w-]*\s+){1,3}\(\s*"  # "outperforms the visual transformer (DeiT-B) by 2.3%"
    r"|(?:[\w-]+\s+){1,4}?(?:such\s+as|including|e\.g\.,?)\s+)?$",  # "outperforms SOTA methods such as X"
    re.IGNORECASE,
)


# a name listed right after a compared one: "than X and", "outperforms X,"
_LISTED_AFTER_CUE = re.compile(r"(?:than|over|surpass\w*|outperform\w*)\s+[\w+.-]+\s+(?:and|,)\s*$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|and|of|with|by|to|from|than)\s+$")
_VERSUS = re.compile(r"\s*(?:vs\.?|versus)\s*")
_VERB_CUE = re.compile(cues.OUTDOING, re.IGNORECASE)
# A described baseline: up to four lower-case words ending on a head ("other state-of-the-art methods"), the
# article dropped; "with" and two words more only where a comma closes the phrase ("Compared to methods with
# similar detectors, it ...").
_PLAIN_WORD = r"(?!(?:by|on|in|at|to|for|of|and|or|with|while|than|from|using|which|that)\b)[a-z][\w-]*"
_DESCRIBED_BASELINE = re.compile(
    rf"(?<![\w-]){_COMPARISON}(?:(?:the|a|an|all|both|its|their)\s+)?"
    r"(?:(?:accuracy|performance|quality|results?|scores?)\s+of\s+(?:the\s+)?)?"  # "match the performance of X"
    rf"(?P<name>(?:{_PLAIN_WORD}\s+){{0,4}}(?:{'|'.join(cues.BASELINE_HEADS)})"
    rf"(?:\s+with\s+(?:{_PLAIN_WORD}\s+){{0,2}}{_PLAIN_WORD}(?=\s*,))?)\b"
    r"(?!\s+(?-i:[A-Z]))",  # "previous state-of-the-art Swin Transformer": the words describe a name
    re.IGNORECASE,
)
_HEADS_GROUP = re.compile(rf"{_SPLIT_WORDS}with\b", re.I)
_RUN_SEPARATOR = re.compile(r"\s*(?:,|/)?\s*(?:and\s+|or\s+)?(?:the\s+)?")
_SUBJECT_VERB = re.compile(
    r"[\s,]*(?:\([^)]*\)\s*)?(?:\w+\s+){0,2}?(?:achiev|obtain|reach|attain|get|give|yield|set|score|boast|establish|"
    r"improv|outperform|surpass|run|deliver|record|show|falls?\s+short|lag|trail)\w*\b"
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

    def scores_before(self, position: int, count: int) -> list[tuple[int, str, str | None]]:
        """The last `count` scores the sentence read before `position`: what a list after them may mirror."""
        return [score for score in self.scores if score[0] <= position][-count:]

    @_found_once
    def compared(self) -> names.Spans[names.Mention]:
        """The models introduced as something compared against (few phrases ask)."""
        marked = baselines(self.text, self.models, self.span)
        return names.Spans.of([m for m, compared in zip(self.models, marked, strict=True) if compared])

    @_found_once
    def described_baselines(self) -> list[re.Match[str]]:
        """The baselines the sentence describes rather than names ("than existing methods")."""
        start, end = self.span
        folded = fold(self.text[start:end])
        if not _compares_folded(folded):
            return []  # most sentences
        return described_baselines(self.text, folded, start, end)

    @_found_once
    def frames(self) -> list[re.Match[str]]:
        """Where the sentence, or a clause after ":" or ";", opens "For X" (a variant X then owns its results)."""
        opening = _OPENING_FOR.match(self.text, *self.span)
        return ([opening] if opening else []) + list(_CLAUSE_FOR.finditer(self.text, *self.span))

    @_found_once
    def others_described(self) -> list[re.Match[str]]:
        """Where the sentence, or one of its clauses, opens on other systems described ("recent methods")."""
        opening = _OTHERS_AT_START.match(self.text, *self.span)
        if not _may_describe_others(self.text[self.span[0] : self.span[1]]):
            return [opening] if opening else []  # most sentences
        return ([opening] if opening else []) + list(_OTHERS_IN_CLAUSE.finditer(self.text, *self.span))

    @_found_once
    def last_data_noun(self) -> int:
        """Where the abstract last says a noun one of which every match of `_UNNAMED_DATA_AFTER` ends on (-1: none):
        no match starts after it (a test far cheaper than the match, found once for all the sentence's numbers)."""
        return max(self.text.rfind(noun) for noun in ("dataset", "benchmark", "corpus", "test"))

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
        if run and len(run) != len(numbers):  # "on COCO and LVIS (without images of COCO), ..., respectively"
            run = runs.after(numbers[-1].end) or runs.before(numbers[0].start)
        if not run or len(run) != len(numbers):
            run = self.benchmarks_before(numbers[0].start)
        return run if run and len(run) == len(numbers) else None

    def benchmarks_before(self, position: int) -> list[names.Mention] | None:
        """ "panoptic segmentation on COCO and semantic segmentation on ADE20K with A PQ and B mIoU, respectively":
        the distinct benchmarks the sentence names before `position`, in separate items, for "respectively" to
        pair in order; None when one is named twice."""
        named = [m for m in self.datasets.starting(self.span[0], position) if m.end <= position]
        return named if len({m.name for m in named}) == len(named) else None

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
            if _SUBJECT_VERB.match(text, _past_definition(text, m), self.span[1])
            and not _PREPOSITION_BEFORE.search(text[max(0, m.start - 6) : m.start])
        )


def _past_definition(text: str, mention: names.Mention) -> int:
    """Where a name ends, or the parenthesis it is defined in ("Vision Transformer (ViT) attains")."""
    defined = text[mention.start - 1 : mention.start] == "(" and text[mention.end : mention.end + 1] == ")"
    return mention.end + 1 if defined else mention.end


_AFTER_SEPARATOR = re.compile(r"(?:,|\band)\s*(?:the\s+|on\s+)?$")


def _heads_group(abstract: str, mention: names.Mention) -> bool:
    after_separator = _AFTER_SEPARATOR.search(abstract, max(0, mention.start - 12), mention.start)
    return bool(after_separator and _HEADS_GROUP.match(abstract, mention.end))


_REACH = 300  # characters: a name further from a number than this, in one sentence, is not its name
# a name opening the next clause ("82.1% ..., and on ZINC it reduces ...", "..., while its perplexity on PG-19")
_OPENS_CLAUSE = re.compile(
    r",\s*(?:and|while|whereas|but)\s+(?:(?!on\b|for\b)[\w-]+\s+){0,3}?(?:on|for)\s+(?:the\s+)?$"
)


def _nearest(abstract: str, mentions: names.Spans[names.Mention], start: int, end: int) -> names.Mention | None:
    """Prefer a mention right after ("... on COCO"), else the last before, else a later one (within `_REACH`).

    A name that heads the next group ("..., and ADE20K val set with 50.9% PQ"), or opens the next clause
    ("..., and on ZINC it ..."), owns what follows it.
    """
    after = next(
        (
            m
            for m in mentions.starting(end, end + _REACH + 1)
            if not _heads_group(abstract, m) and not _OPENS_CLAUSE.search(abstract, end, m.start)
        ),
        None,
    )
    before = mentions.last_ending(start - _REACH, start)
    if after and (not before or after.start - end < 60):
        return after
    return before


def _verb_then_numbers(abstract: str, start: int, end: int) -> bool:
    """A verb of results and a few words, no number nor clause break, between `start` and `end`."""
    verb = _SUBJECT_VERB.match(abstract, start, end)
    return verb is not None and end - verb.end() < 40 and not re.search(r"[\d,;]", abstract[verb.end() : end])


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
    paired = _slash_paired(abstract, phrase)
    # "2.1% and 1.3% on A and B": as many names listed right after the numbers pair with them in order
    listed_after = after and len(after) == count and _LIST_ON.fullmatch(abstract, phrase.end, after[0].start)
    before = runs.before(phrase.start)
    # "A-S and A-L achieve 48.2 and 53.7 mIoU": as many subjects as numbers, their verb between them
    subjects = before and len(before) == count and _verb_then_numbers(abstract, before[-1].end, phrase.start)
    if not (paired or listed_after or subjects or sentence.respectively_from(phrase.end) is not None):
        return None
    if after and count % len(after) == 0 and not subjects:
        return after * (count // len(after))
    if (
        mentions is sentence.datasets
        and (before is None or len(before) != count)
        and sentence.respectively_from(phrase.end) is not None
    ):
        named = sentence.benchmarks_before(phrase.start)  # "1st place on A and 2nd place on B with x and y, resp."
        if named and len(named) == count:
            return named
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


def _named_after(abstract: str, position: int, mentions: names.Spans[names.Mention]) -> names.Mention | None:
    """ "81.2% on COCO": the name right after a number, by a preposition."""
    near = mentions.words_after(abstract, position, _ON_NAME_WORDS)
    return next((m for m in near if _ON_NAME.fullmatch(abstract, position, m.start)), None)


_ITEM_REACH = 160  # characters: how far a list item of one number and its names may reach
_ITEM_TOKEN = re.compile(r"[(),;]|\b(?:and|while|whereas)\b")  # a list item's breaks, and parentheses
_DEPTH = {"(": 1, ")": -1}


def _item_edge(text: str, position: int, limit: int, step: int) -> int:
    """Where the list item holding `position` ends, read towards `limit` (step -1: back to its start, +1: on
    to its end): at a comma, semicolon or "and" outside parentheses. A number in parentheses belongs to
    the item the parenthesis stands in ("COCO (58.2 PQ) and ADE20K (48.5 PQ)")."""
    if step > 0:
        tokens = _ITEM_TOKEN.finditer(text, position, limit)  # read only up to the edge
    else:
        tokens = list(_ITEM_TOKEN.finditer(text, limit + 1, position))[::-1]
    depth = 0
    for token in tokens:
        mark = token.group()
        if mark in _DEPTH:
            depth = max(0, depth + step * _DEPTH[mark])
        elif depth == 0:
            return token.start() if step > 0 else token.end()
    return limit


def _named_in_item(sentence: Sentence, quantity: Quantity) -> names.Mention | None:
    """ "pushing the GLUE score to 80.5%, MultiNLI accuracy to 86.7%", "on COCO (58.2 PQ) and ADE20K
    (48.5 PQ)": the benchmark the number's own list item names, after the number, else before it."""
    text, ceiling = sentence.text, sentence.span[1]
    end = _item_edge(text, quantity.end, min(ceiling, quantity.end + _ITEM_REACH), 1)
    after = sentence.datasets.starting(quantity.end, end)
    if after and after[0].end <= end:
        return after[0]
    start = _item_start(sentence, quantity.start)
    opening = sentence.text.rfind("(", max(sentence.span[0], quantity.start - _ITEM_REACH), quantity.start)
    if opening >= 0 and ")" not in sentence.text[opening : quantity.start]:
        start = min(start, opening)  # "(CORD, from 94.95 to 96.01)": the parenthesis is the item
    return sentence.datasets.last_ending(start, quantity.start)


def _item_start(sentence: Sentence, position: int) -> int:
    """Where the list item holding `position` starts, within its sentence and `_ITEM_REACH`."""
    return _item_edge(sentence.text, position, max(sentence.span[0], position - _ITEM_REACH) - 1, -1)


def _named_before(sentence: Sentence, phrase: reading.Phrase) -> names.Mention | None:
    """ "COCO val set, with 50.9% PQ": the name a phrase follows by "with", "at", "of"."""
    abstract = sentence.text
    near = sentence.datasets.words_before(abstract, phrase.start, _NAME_WITH_WORDS, sentence.span[0])
    return next((m for m in near if _NAME_WITH.fullmatch(abstract, m.end, phrase.start)), None)


_OPENING = re.compile(r"\s*\(\s*")
_CLOSING = re.compile(r"\s*\)")


def _parenthesized_after(abstract: str, quantity: Quantity, mentions: names.Spans[names.Mention]) -> str | None:
    opening = _OPENING.match(abstract, quantity.end)
    if opening is None:
        return None
    inside = mentions.starting(opening.end(), opening.end() + 1)
    named = [m for m in inside if _CLOSING.match(abstract, m.end)]
    return named[0].name if named else None


_COMPARED_LEVEL = re.compile(
    r"(?:(?:\bcompared\s+(?:to|with)|\bcomparable\s+to|\bversus|\bvs\.?|"
    r"(?<!more )(?<!less )(?<!fewer )(?<!rather )\bthan|\bagainst|"
    r"\b(?:up|down)\s+from)"  # "49.0%, up from 33.4% for the previous best"
    r"|\b(?:over|than|from|compared\s+(?:to|with)|versus|vs\.?)\s+(?:the\s+)?(?:previous|prior|former)\s+"
    r"(?:best|state[- ]of[- ]the[- ]art|SOTA|record)"
    # "improving over the previous best IS of 52.52 and FID of 18.6": levels of what the system is compared with
    r"(?:\s+[\w@-]+){0,3}?\s+(?:of|at)(?:[^;]{0,40}?\band\s+[\w@-]+(?:\s+[\w@-]+)?\s+of)?)"
    r"\s+(?:only\s+|just\s+)?$"
)  # "than" of a comparison, not of a bound ("more than 3%")
_COMPARED_LEVEL_WORDS = ("compared", "comparable", "versus", "vs", "than", "against", "from", "over")  # fmt: skip
# one of `_COMPARED_LEVEL_WORDS` is in every match
_COMPARED_LEVEL_WORD = scan.Words(_COMPARED_LEVEL_WORDS)


def _may_compare_level(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds one of `_COMPARED_LEVEL_WORDS` (its search costs 40 us, this test 1)."""
    return _COMPARED_LEVEL_WORD.found(text, start, end)


# "72.1 for X", "57.5 AP50 in 198 ms by X": the words from a level to its holder
_HELD_BY = re.compile(
    r"\s*(?:[A-Za-z@-][\w@-]*\s+){0,2}?(?:in\s+[\d.]+\s*[A-Za-z]+\s+)?(?:for|of|by|from|with)\s+(?:the\s+)?"
)
_HOLDER_CUE = re.compile(r"\b(?:for|of)\s")
_HELD_FOR = re.compile(r"\s*(?:[A-Za-z@-]+\s+){0,2}?for\s+(?:the\s+)?")  # "72.1 (normalized score) for X"
_HELD_OF = re.compile(r"\s*(?:[A-Za-z@-]+\s+){0,2}?of\s+(?:the\s+)?")  # after "the": "the 3.98 of X"
_THE_BEFORE = re.compile(r"\bthe\s+$")
_SLASHED_SUFFIXES = re.compile(r"(?P<stem>.+?[-_ ])(?P<suffixes>[A-Za-z0-9]+(?:/[A-Za-z0-9]+)+)")  # "X-T/S/B"
_MODEL_RUN_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|/)\s*")
# A name by construction, whatever its shape: a capital, then up to two more words that start with one or a digit
_CAPITALIZED_NAME = r"[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,2}"
_COMPARED_NAME = re.compile(rf"{_COMPARISON}(?:the\s+)?(?P<name>{_CAPITALIZED_NAME})\s*$")
# "ModelX 1.4 (", "MoCo v2 (", "DeiT training ("
_OWNER_GAP = re.compile(r"\s*(?:[x×]?\s*\d+(?:\.\d+)?|[vV]\d+(?:\.\d+)?|training|baseline|model|counterpart)?\s*")
_OWNER_GAP_WORDS = 2


def _is_versus_pair(abstract: str, phrase: reading.Phrase) -> bool:
    """ "(83.3% vs. 80.8%)": the first number is the system's, the second the compared model's."""
    members = phrase.members
    return len(members) == 2 and bool(_VERSUS.fullmatch(abstract, members[0].end, members[1].start))


# "results on WikiHop (81.9) and TriviaQA (77.3)": names led by "on", each with its level, are benchmarks
_BENCHMARK_LIST = re.compile(
    r"\b(?:on|across)\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z0-9][\w.-]*){0,2}\s*\([^()]{1,20}\)\s*,?\s*(?:and\s+)?)*$"
)
_BENCHMARK_ROOM = 120  # characters: "on" and two or three names with their levels


def in_benchmark_list(text: str, start: int, span: tuple[int, int]) -> bool:
    """Whether a name at `start` is one of the benchmarks "on" leads, however the vocabularies know it."""
    return bool(_BENCHMARK_LIST.search(text, max(span[0], start - _BENCHMARK_ROOM), start))


def _parenthetical_owner(abstract, phrase, span, mentions) -> str | None:
    """ "ResNet-50 (76.1%)", "ModelX 1.4 (2.1 ms, 70.3% top-1)": the name the parenthesis follows."""
    opening = abstract.rfind("(", max(span[0], phrase.start - 40), phrase.start)
    if opening < 0 or ")" in abstract[opening : phrase.start]:
        return None
    for mention in reversed(mentions.words_before(abstract, opening, _OWNER_GAP_WORDS, span[0])):
        if _OWNER_GAP.fullmatch(abstract, mention.end, opening) and not in_benchmark_list(
            abstract, mention.start, span
        ):
            gap = abstract[mention.end : opening].strip()
            return mention.name if gap.isalpha() and gap.islower() else f"{mention.name} {gap}".strip()  # "... 1.4"
    compared = _COMPARED_NAME.search(abstract, max(span[0], opening - 60), opening)
    return compared.group("name") if compared else None  # "surpassing Longformer (92.1%)": a name by construction


def _own_model(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """A system set against the paper's or compared against elsewhere as the subject of the result, a variant
    of the paper's system (named before the number, by its size, or by "it" after a sentence naming it), the
    system, or the sentence's subject."""
    floor, abstract = sentence.span[0], sentence.text
    nearest = sentence.models.last_ending(floor, phrase.start)
    if nearest and _contrasted_subject(nearest, phrase, abstract, floor):
        return nearest.name  # "..., while DeiT-S only reaches 75.3%"
    if nearest and sentence.system and _set_against_ours(sentence, nearest, phrase):
        return nearest.name  # "ResNet-50 reaches 76.1%, while our method reaches 80.2%"
    if _described_others_subject(sentence, phrase):
        return None  # "recent methods realize very fast scene parsing, even running at more than 100 FPS"
    if framed := _framed_by(sentence, phrase):
        return framed  # "For YOLO-Nano with only 0.91M parameters, we get 25.3% AP"
    if sentence.system:
        if nearest and _others_result(nearest, phrase, abstract):
            return nearest.name  # "... faster than BERT-base" elsewhere, here "BERT-base taking 1.7 seconds"
        variant = sentence.variants.last_ending(floor, phrase.start) or _variant_it_means(sentence, phrase)
        sized = _sized(sentence, phrase)
        if sized and (variant is None or sized[0] > variant.end):
            return sized[1]  # "NetX-L reaches ..., and our base model outperforms ...": the nearer names it
        return variant.name if variant else sentence.system

    def says_its_result(mention: names.Mention) -> bool:
        return _SUBJECT_VERB.match(abstract, _past_definition(abstract, mention), phrase.start) is not None

    subject = sentence.subjects.last_ending(floor, phrase.start, says_its_result)
    return subject.name if subject else None


# Other systems, described, as the subject a sentence or one of its clauses opens on: "recent methods ..."
_OTHERS_DESCRIBED = (
    r"(?:(?:the\s+|most\s+|many\s+)?(?:recent|existing|previous|prior|current|other|conventional|traditional|"
    r"mainstream)\s+(?:[\w-]+\s+){0,2}?(?:methods|approaches|works?|models|systems|networks|detectors|trackers|"
    r"architectures)\b"
    # "..., the baseline obtains 84.1", "A strong teacher scores 90.2": a compared system the result is of
    r"|(?:the|a|an|our)\s+(?:[\w-]+\s+){0,2}?(?:baseline|teacher)s?\s+(?:model\s+)?(?:only\s+)?"
    r"(?:obtain|achiev|reach|scor|get|yield|attain|report)\w*\b)"
)
# Every match of `_OTHERS_DESCRIBED` holds one word of each (folded as (?i) compares)
_OTHERS_WORDS = (
    "recent", "existing", "previous", "prior", "current", "other", "conventional", "traditional", "mainstream",
)  # fmt: skip
_COMPARED_SUBJECTS = ("baseline", "teacher")  # or one of these, as every match of its second part holds
_OTHERS_NOUNS = ("method", "approach", "work", "model", "system", "network", "detector", "tracker", "architecture")
_OTHERS_WORD, _OTHERS_NOUN = scan.Words(_OTHERS_WORDS), scan.Words(_OTHERS_NOUNS)
_COMPARED_SUBJECT = scan.Words(_COMPARED_SUBJECTS)


def _may_describe_others(text: str) -> bool:
    """Whether `text` holds a word of each, as every match of `_OTHERS_DESCRIBED` does (a test far cheaper than
    the search)."""
    folded = fold(text)
    return (_OTHERS_WORD.found(folded) and _OTHERS_NOUN.found(folded)) or _COMPARED_SUBJECT.found(folded)


_OTHERS_AT_START = re.compile(rf"\s*{_OTHERS_DESCRIBED}", re.IGNORECASE)
_OTHERS_IN_CLAUSE = re.compile(rf"(?:(?<=[,;:]\s)|\b(?:while|whereas|but|where)\s+){_OTHERS_DESCRIBED}", re.IGNORECASE)
_OURS = re.compile(r"\b(?:we|our|ours)\b", re.IGNORECASE)


def _described_others_subject(sentence: Sentence, phrase: reading.Phrase) -> bool:
    """The clause of the number is about other systems, described ("recent methods realize ..."), and names
    neither the paper's system nor "we" between that subject and the number."""
    before = [match for match in sentence.others_described if match.end() <= phrase.start]
    if not before:
        return False
    subject, text, system = before[-1], sentence.text, sentence.system
    between = text[subject.end() : phrase.start]
    return (
        not _OURS.search(between)
        and not (system and system in between)
        and not sentence.models.starting(subject.end(), phrase.start)
    )


# "For X, we get ...": a sentence or a clause after ":" or ";" framed as X's
_OPENING_FOR = re.compile(r"\s*For\s+(?:the\s+|our\s+)?")
_CLAUSE_FOR = re.compile(r"[:;]\s*[Ff]or\s+(?:the\s+|our\s+)?")


def _framed_by(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """A sentence (or clause after a colon) that opens "For X-L" frames its results as that variant's, up to the
    next "For"."""
    frames = [frame for frame in sentence.frames if frame.end() <= phrase.start]
    if not frames:
        return None
    named = sentence.models.starting(frames[-1].end(), frames[-1].end() + 1)
    # only a variant of the system: "For the BERT-base model, we reduce ..." is the system applied to BERT-base
    system = name_key(sentence.system or "\0")
    return named[0].name if named and name_key(named[0].name).startswith(system) else None


# in every match of `_IT_SUBJECT`, found at once (its lookbehinds are tried at every character)
_IT_WORD = re.compile(r"[Ii]t\s")
_IT_SUBJECT = re.compile(r"(?:(?<![^.!?]\s)(?<=\s)|^|,\s+)[Ii]t\s+(?:also\s+|further\s+|still\s+)?[a-z]+")


def _variant_it_means(sentence: Sentence, phrase: reading.Phrase) -> names.Mention | None:
    """ "NetX-L reaches 86.1%. It also achieves 54.2 AP": "it" is the variant the sentence before named."""
    floor, text = sentence.span[0], sentence.text
    if not _IT_WORD.search(text, floor, phrase.start) or not _IT_SUBJECT.search(text, floor, phrase.start):
        return None
    starts = [start for start, _ in sentence_spans(text) if start < floor]
    before = (starts[-1], floor) if starts else (0, floor)  # the sentence just before
    key = name_key(sentence.system or "")
    named = [
        m for m in names.model_mentions(text, *before) if name_key(m.name).startswith(key) and name_key(m.name) != key
    ]
    return named[-1] if named else None


def task_metric(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """ "table detection (94.23 → 96.55)": the headline metric of the task the phrase's own list item names."""
    words = sentence.text[_item_start(sentence, phrase.start) : phrase.start]
    named = [task for _, task in setting.cued_tasks(words)]
    return setting.tasks()[named[-1]].metric if named else None


def alternative_metric(sentence: Sentence, metric: str | None, dataset: str | None) -> str | None:
    """ "bpc/perplexity to 0.99 on enwik8 and 18.3 on WikiText-103": of metrics named as alternatives ("A/B"),
    each number takes the one its benchmark reports."""
    primary = primary_metric(dataset) if metric and dataset else None
    if not primary or primary == metric:
        return metric
    for first, second in pairwise(sentence.metrics):
        if {first.name, second.name} == {metric, primary} and sentence.text[first.end : second.start].strip() == "/":
            return primary
    return metric


_SIZES = {"tiny": "T", "small": "S", "base": "B", "large": "L", "huge": "H", "giant": "G"}
_SIZE = "(?i:" + "|".join(_SIZES) + ")"  # a size word in any case ("Large", "large")
# "a small ByT5", "our large X"; not "base", which also means basic ("our base MSN model" is MSN)
_NOT_BASE = "|".join(size for size in _SIZES if size != "base")
_SIZE_BEFORE = re.compile(rf"\b(?:[Aa]|[Oo]ur|[Tt]he)\s+(?P<size>{_NOT_BASE})\s+$")
_SIZED = re.compile(rf"\b(?P<size>{_SIZE})[- ]sized?\s+(?:version\s+of\s+)?", re.I)
# "our large model", "our distilled base model", "the Large variant"
_SIZED_OWN = re.compile(
    rf"\b(?:[Oo]ur(?:\s+[a-z]+(?:-[a-z]+)?(?=\s+{_SIZE}\s))?|[Tt]he(?!\s+base\b))\s+(?P<size>{_SIZE})\s+"
    r"(?:model|version|variant)\b"
)


_SIZE_NOUNS = ("model", "version", "variant")
_SIZE_WORD, _SIZE_NOUN = scan.Words(size[1:] for size in _SIZES), scan.Words(_SIZE_NOUNS)  # "Large", "large"


def _may_size(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a size (its first letter in either case) and a noun, as every match of
    `_SIZED_OWN` does."""
    return _SIZE_WORD.found(text, start, end) and _SIZE_NOUN.found(text, start, end)


_STOP = re.compile(r"\.\s")  # a stop, not the point of a decimal ("85.5% ... and 80.1%")


def _sized(sentence: Sentence, phrase: reading.Phrase) -> tuple[int, str] | None:
    """ "our base-size BEiT achieves 83.2%", "our large model reaches": where the sentence names the system's
    variant of that size, and its name as variants are named ("BEiT-B")."""
    system, text = sentence.system or "", sentence.text
    named = text.rfind(system, sentence.span[0], phrase.start) if system else -1
    size = _SIZE_BEFORE.search(text, max(sentence.span[0], named - 12), named) if named > 0 else None
    if size and not _STOP.search(text, named + len(system), phrase.start):
        return named + len(system), _size_name(system, text, size.group("size"))  # "a small ByT5 beats"
    if text.find("size", sentence.span[0], phrase.start) >= 0:
        for size in _SIZED.finditer(text, sentence.span[0], phrase.start):
            if text.startswith(system, size.end()) and not _STOP.search(text, size.end() + len(system), phrase.start):
                return size.end() + len(system), _size_name(system, text, size.group("size"))
    if not system or not _may_size(text, sentence.span[0], phrase.start):
        return None  # most phrases
    sized = list(_SIZED_OWN.finditer(text, sentence.span[0], phrase.start))
    return (sized[-1].end(), _size_name(system, text, sized[-1].group("size"))) if sized else None


def _size_name(system: str, text: str, size: str) -> str:
    """A size variant named as the abstract names its variants: "X-Base" beside "X-Large", else "X-B"."""
    worded = re.search(rf"{re.escape(system)}[- ](?:Tiny|Small|Base|Large|Huge|Giant)\b", text, re.I)
    return f"{system}-{size.capitalize() if worded else _SIZES[size.lower()]}"


# A verb of a result right after its subject: "X achieves a top-1 accuracy of", "X taking"
_OTHERS_RESULT = re.compile(
    r"\s+(?:also\s+|only\s+)?(?:achiev|obtain|reach|attain|get|yield|scor|tak|requir|need|solv)\w*\s+"
    r"(?:(?:an?|only|just|about|around)\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?"
)


def _others_result(mention: names.Mention, phrase: reading.Phrase, abstract: str) -> bool:
    """A model compared against somewhere in the abstract ("4.3x faster than BERT-base") is the subject of
    this result ("BERT-base taking 1.7 seconds")."""
    return bool(_OTHERS_RESULT.fullmatch(abstract, mention.end, phrase.start)) and (
        name_key(mention.name) in _compared_in(abstract)
    )


# What sets another system's result against the paper's: "while X reaches", "in comparison, X obtains",
# "the strongest baseline, X, scores", "methods such as X achieve"
_CONTRAST_BEFORE = re.compile(
    r"(?:(?:\bwhile|\bwhereas|\b(?:in|by)\s+(?:comparison|contrast),?|\bsuch\s+as|\be\.g\.,?)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}?(?:model|method|baseline|system|approach)s?,\s+)?|\bbaselines?,?\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_CONTRASTED_RESULT = re.compile(rf",?{_OTHERS_RESULT.pattern}")


def _contrasted_subject(mention: names.Mention, phrase: reading.Phrase, abstract: str, floor: int) -> bool:
    """Another system set against the paper's is the subject of this result."""
    return bool(_CONTRASTED_RESULT.fullmatch(abstract, mention.end, phrase.start)) and bool(
        _CONTRAST_BEFORE.search(abstract, max(floor, mention.start - 60), mention.start)
    )


_OURS_AFTER = re.compile(r"[^;]*?,?\s+(?:while|whereas)\s+(?:our\b|the\s+proposed\b|we\b|(?P<name>[\w.+-]+))")


def _set_against_ours(sentence: Sentence, mention: names.Mention, phrase: reading.Phrase) -> bool:
    """Another system, subject of this result, in a clause the paper's own result is then set against."""
    if name_key(mention.name) == name_key(sentence.system or "") or mention in sentence.variants:
        return False
    if not _OTHERS_RESULT.fullmatch(sentence.text, mention.end, phrase.start):
        return False
    ours = _OURS_AFTER.match(sentence.text, phrase.end, sentence.span[1])
    return bool(ours) and (ours.group("name") is None or name_key(ours.group("name")) == name_key(sentence.system))


@lru_cache(maxsize=16)
def _compared_in(abstract: str) -> frozenset[str]:
    whole = (0, len(abstract))
    mentions = names.model_mentions(abstract, *whole)
    compared = baselines(abstract, mentions, whole)
    return frozenset(name_key(m.name) for m, is_compared in zip(mentions, compared, strict=True) if is_compared)


def baseline_cue(text: str, folded: str, start: int, end: int) -> re.Match[str] | None:
    """`_BASELINE_CUE.search(text, start, end)`, `folded` being fold(text[start:end]): matched only where
    `_COMPARISON` may start, in order (so the first found is the search's)."""
    for at in _COMPARISON_START.starts(folded):
        if cue := _BASELINE_CUE.match(text, start + at, end):
            return cue
    return None


def described_baselines(text: str, folded: str, start: int, end: int) -> list[re.Match[str]]:
    """`_DESCRIBED_BASELINE.finditer(text, start, end)`, `folded` being fold(text[start:end]): matched only where
    `_COMPARISON` may start."""
    places = (start + at for at in _COMPARISON_START.starts(folded))
    return list(scan.finditer_at(_DESCRIBED_BASELINE, places, text, end))


def _cue_before(abstract: str, mention: names.Mention, span: tuple[int, int]) -> re.Match[str] | None:
    """`_BASELINE_CUE` in the 60 characters before a name, searched only where a comparison word is."""
    start = max(span[0], mention.start - 60)
    folded = fold(abstract[start : mention.start])
    return baseline_cue(abstract, folded, start, mention.start) if _compares_folded(folded) else None


def baselines(abstract: str, mentions: list[names.Mention], span: tuple[int, int]) -> list[bool]:
    """Which of a sentence's names are compared against: each that `is_baseline`, and each listed right after
    one ("outperforms methods such as A, B, C and D")."""
    found: list[bool] = []
    for index, mention in enumerate(mentions):
        listed = index > 0 and found[-1] and _LISTED_GAP.fullmatch(abstract, mentions[index - 1].end, mention.start)
        listed = listed and not _SUBJECT_VERB.match(abstract, mention.end)  # "..., and X-tiny reaches": a clause
        found.append(bool(listed) or is_baseline(abstract, mention, span))
    return found


def is_baseline(abstract: str, mention: names.Mention, span: tuple[int, int]) -> bool:
    """A name after "than", "over", "outperforms", or listed right after such a name."""
    before = abstract[max(span[0], mention.start - 60) : mention.start]
    folded = fold(before)
    if not _compares_folded(folded):  # most names; `_LISTED_AFTER_CUE`'s words are comparison words too
        return False
    # the list's pattern only where `before` ends as it must (a test far cheaper than its search)
    return bool(
        baseline_cue(before, folded, 0, len(before))
        or (before.rstrip().endswith(("and", ",")) and _LISTED_AFTER_CUE.search(before))
    )


_CLAUSE_GAP = re.compile(r",|;|\band\b|\bwhile\b|\bwhereas\b")  # "... over previous approaches, and on par with X"
_BY_MARGIN = re.compile(r"\s+by\s+(?:about\s+|nearly\s+|up\s+to\s+|over\s+|more\s+than\s+)?")
_BASELINE_REACH = 160  # characters between a phrase and the name it is compared with


def _baseline_for(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """What a change is measured against: the name after "than", "over", "outperforms"..."""
    abstract, span = sentence.text, sentence.span
    near = sentence.models.starting(phrase.start - _BASELINE_REACH + 1, phrase.start + _BASELINE_REACH)
    cued = {mention: cue for mention in near if (cue := _cue_before(abstract, mention, span))}
    # "1.4x speedup over X": a comparison after the number is its own; "outperforms X" after it starts another
    after = [m for m, cue in cued.items() if m.start > phrase.end and not _VERB_CUE.match(cue.group())]
    before = [m for m in cued if m.start < phrase.start and ";" not in abstract[m.end : phrase.start]]
    described = next((m for m in sentence.described_baselines if 0 <= m.start() - phrase.end < 40), None)
    if described and (not after or _CLAUSE_GAP.search(sentence.text, described.end(), after[0].start)):
        return None  # "a 50% improvement over previous approaches, and on par with X": over those described
    if after and after[0].start - phrase.end < 80:
        return after[0].name
    return before[-1].name if before else (after[0].name if after else None)


# "Compared to RoutNet-L, a model trained on half the data ... achieves improvements on MNLI by +1.2%"
_FRONTED_COMPARISON = re.compile(
    r"\s*(?:[Cc]ompared\s+(?:to|with)|[Ii]n\s+comparison\s+(?:to|with)|[Rr]elative\s+to|[Aa]gainst)\s+(?:the\s+)?"
)


def _fronted_baseline(sentence: Sentence) -> str | None:
    """The name a comparison opening the sentence sets every change of the sentence against."""
    fronted = _FRONTED_COMPARISON.match(sentence.text, sentence.span[0])
    named = sentence.models.starting(fronted.end(), fronted.end() + 1) if fronted else []
    if not named or not sentence.text.startswith(",", named[0].end):
        return None
    return named[0].name


def efficiency_datasets(
    abstract: str, phrase: reading.Phrase, mentions: names.Spans[names.Mention], kind: str
) -> list[str | None]:
    """Parameters or latency belong to a model, not a benchmark: only a change measured in a sentence
    that names the benchmark takes it (not one a list of other numbers "respectively" took); nothing is
    carried from earlier sentences."""
    if kind == "score":
        return [None] * len(phrase.members)
    nearest = _nearest(abstract, mentions, phrase.start, phrase.end)
    if nearest and nearest.end <= phrase.start and "respectively" in abstract[nearest.end : phrase.start]:
        nearest = None  # "gains 1.2 and 3.5 mAP on A and B respectively while reducing parameters by 60%"
    return [nearest.name if nearest else None] * len(phrase.members)


# ---- the constructions, as rules of the table: each gives one name per member of the phrase, or None when
# it does not apply; a member's None in a per-member rule leaves it to the next rule.
Names = list[str | None]


def _listed_respectively(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not sentence.datasets:
        return None  # most sentences: no benchmark named, the carried one decides
    ordered = _respectively(sentence, phrase, sentence.datasets) or _respective_single(sentence, phrase)
    return [m.name for m in ordered] if ordered else None


def _right_after(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not sentence.datasets:
        return None
    named = (_named_after(sentence.text, quantity.end, sentence.datasets) for quantity in phrase.members)
    return [m.name if m else None for m in named]


def _in_own_item(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not sentence.datasets:
        return None
    named = (_named_in_item(sentence, quantity) for quantity in phrase.members)
    return [m.name if m else None for m in named]


def _before_with(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not sentence.datasets:
        return None
    named = _named_before(sentence, phrase)
    return [named.name] * len(phrase.members) if named else None


def _earlier_in_phrase(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    """ "13.2% in XNLI accuracy for Swahili and 9.8% for Urdu": a later member whose own item names no benchmark
    is on the one named after an earlier member."""
    if len(phrase.members) == 1 or not sentence.datasets:
        return None  # most phrases
    first, text = phrase.members[0].end, sentence.text
    named = [
        None
        if _OWN_ITEM_NAMES.match(text, member.end, _item_edge(text, member.end, sentence.span[1], 1))
        else sentence.datasets.last_ending(first, member.start)
        for member in phrase.members
    ]
    return [None] + [m.name if m else None for m in named[1:]]


# "+10.2 on CUB-2011": an item that names its own benchmark, one the vocabulary may not know ("for Urdu" names a
# subset of the benchmark before)
_OWN_ITEM_NAMES = re.compile(r"\s*(?:[\w-]+\s+){0,3}?on\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z]")


def _nearest_in_sentence(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not sentence.datasets:
        return None
    named = _nearest(sentence.text, sentence.datasets, phrase.start, phrase.end)
    return [named.name] * len(phrase.members) if named else None


_APPOSED_MARGIN = re.compile(r",\s+(?:an?|the)\s+$")


def _apposed_margin(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    """ "an MAE of 0.069 on ZINC, a 12% reduction relative to X, and ...": the margin's benchmark is the score's
    it stands beside, not one a later number names."""
    if not _APPOSED_MARGIN.search(sentence.text, max(sentence.span[0], phrase.start - 8), phrase.start):
        return None
    last = sentence.scores_before(phrase.start, 1)
    if not last or last[0][2] is None or not _no_number_between(sentence, last[0][0], phrase.start):
        return None
    return [last[0][2]] * len(phrase.members)


def _no_number_between(sentence: Sentence, start: int, end: int) -> bool:
    return not any(start < q.start < end for q in sentence.numbers)


def _carried_on(sentence: Sentence, phrase: reading.Phrase) -> Names:
    return [sentence.carried] * len(phrase.members)


def _parenthesized(sentence: Sentence, phrase: reading.Phrase) -> Names:
    return [_parenthesized_after(sentence.text, quantity, sentence.models) for quantity in phrase.members]


def _versus_pair(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not _is_versus_pair(sentence.text, phrase):
        return None
    own = _own_model(sentence, phrase)
    held = _holder(sentence, phrase.members[-1])  # "0.93 versus 0.89 for XGBoost"
    other = held or _baseline_for(sentence, phrase) or _described_for(sentence, phrase) or _fronted_baseline(sentence)
    names_ = [own, other or own]
    reversed_ = _levels_of_reduction(sentence, phrase) or _levels_of_signed_change(sentence, phrase)
    return names_[::-1] if reversed_ else names_


def _levels_of_signed_change(sentence: Sentence, phrase: reading.Phrase) -> bool:
    """ "improvements on MNLI by +1.2% (88.1% vs. 89.3%)": the levels a signed change went between, in the order
    its sign says (the second is the system's), read from the numbers themselves."""
    first, second = phrase.members
    change = next((q for q in reversed(sentence.numbers) if q.end <= phrase.start), None)
    if change is None or not _OPENED_RIGHT_AFTER.fullmatch(sentence.text, change.end, phrase.start):
        return False
    sign = change.text.lstrip()[:1]
    moved = second.value - first.value
    return sign in ("+", "-") and abs(abs(moved) - abs(change.value)) < 0.051 and (moved > 0) == (sign == "+")


_OPENED_RIGHT_AFTER = re.compile(r"\s*\(\s*")


_REDUCED_BEFORE = re.compile(r"\b(?:reduc|decreas|lower|cut|shrink|compress|sav)\w*\b[^,;()]*\(\s*$", re.I)


def _levels_of_reduction(sentence: Sentence, phrase: reading.Phrase) -> bool:
    """ "reduces the model size by 60% (313 Mb vs. 121 Mb)": the levels a reduction went between, the larger
    first, so the second is the system's."""
    first, second = phrase.members
    return first.value > second.value and bool(
        _REDUCED_BEFORE.search(sentence.text, max(sentence.span[0], phrase.start - 80), phrase.start)
    )


def _arrow_pair(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not reading.is_arrow_pair(sentence.text, phrase):
        return None
    return [_baseline_for(sentence, phrase), _own_model(sentence, phrase)]  # the level before is not the system's


def _changed_levels(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    change = reading.changed_from(sentence.text, phrase)
    if not change:
        return None
    # "raises X's accuracy from A to B", "improves X by 1.5 AP (A to B)": A is X's, B the changed X's;
    # "X reduces the error from A to B": the subject made the change, A is what it started from;
    # "promotes X by 1.5 AP (A to B)": X is before the "by"
    by_first = change.group().lower().startswith("by")
    reach = max(sentence.span[0], change.start() - 60) if by_first else change.start()
    changed = [m for m in sentence.models.starting(reach, phrase.start) if m.end <= phrase.start]
    before = changed[-1].name if changed else None
    return [before, _own_model(sentence, phrase) or before]


def _compared_level(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    abstract = sentence.text
    before = max(sentence.span[0], phrase.start - 100)
    if not _may_compare_level(abstract, before, phrase.start) or not _COMPARED_LEVEL.search(
        abstract, before, phrase.start
    ):
        return None
    # "..., compared to 33.2% for X": the level of what the system is compared with, not the system's;
    # "compared with 72.1 for X and 75.3 for Y": each item's own holder
    return [_held_by(sentence, quantity.end) or _held_by(sentence, phrase.end) for quantity in phrase.members]


def _held_by(sentence: Sentence, end: int) -> str | None:
    """The model a level right before `end` is held by ("... for X", "... of X", "... by X"), or the holder
    described after "for" ("comparable to 4.52 for professionally recorded speech")."""
    lead = _HELD_BY.match(sentence.text, end)
    named = _model_at(sentence, lead)
    if named or lead is None or not lead.group().rstrip().endswith(("for", "for the")):
        return named
    described = _DESCRIBED_HOLDER.match(sentence.text, lead.end())
    return described.group("name") if described else None


# "for professionally recorded speech", "for human annotators"; not prior work ("for the previous best": no model)
_DESCRIBED_HOLDER = re.compile(
    r"(?!(?:previous|prior|former|existing|current|earlier|best|state|sota)\b)"
    r"(?P<name>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)(?=\s*(?:[,.;)]|$|\s+(?:while|and|but|on|in|with)\b))"
)


def _model_at(sentence: Sentence, lead: re.Match[str] | None) -> str | None:
    """The model named right where `lead` (the words that lead to a holder) ends."""
    named = sentence.models.starting(lead.end(), lead.end() + 1) if lead else []
    return named[0].name if named else None


def _held_level(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if not _HOLDER_CUE.search(sentence.text, phrase.end, phrase.end + 40):
        return None  # most phrases: no "for"/"of" after them
    held = [_holder(sentence, quantity) for quantity in phrase.members]
    if not any(held) or reading.kinds_of(sentence.text, phrase, sentence.span)[0] != "score":
        return None  # none named, or "gains of 1.2% for X": the change made to X, not X's level
    plain = all(_MODEL_RUN_SEPARATOR.fullmatch(sentence.text, a.end, b.start) for a, b in pairwise(phrase.members))
    if held[-1] and not any(held[:-1]) and plain:
        held = [held[-1]] * len(held)  # "48.1% and 49.5% for X", not "1.2 on A, versus 2.8 for X"
    return held


def _holder(sentence: Sentence, quantity: Quantity) -> str | None:
    """ "72.1 for X", "the 3.98 of X": the model whose level a score is."""
    text = sentence.text
    held = _HELD_FOR.match(text, quantity.end)
    if held is None and _THE_BEFORE.search(text, max(0, quantity.start - 5), quantity.start):
        held = _HELD_OF.match(text, quantity.end)
    return _model_at(sentence, held)


_MATCHED_BEFORE = re.compile(r"\b(?:comparable|similar|equal)\s+(?:[\w-]+\s+){0,2}?(?:to|with)\s+(?:the\s+)?$", re.I)


def _parenthetical(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    owner = (
        _parenthetical_owner(sentence.text, phrase, sentence.span, sentence.models)
        or _described_owner(sentence, phrase)
        or _qualified_compared(sentence, phrase)
    )
    matched = sentence.models.last_ending(sentence.span[0], phrase.start) if owner else None
    if matched and matched.name == owner and _MATCHED_BEFORE.search(sentence.text, sentence.span[0], matched.start):
        return None  # "X with comparable size to ResNet50 (21.5M parameters)": the size is X's, matched by ResNet50
    if owner and name_key(owner) in {name_key(m.name) for m in sentence.compared} and _a_change(sentence, phrase):
        return None  # "compared with DDIMs (20x speedup)", "outperforms X (+9.5% NDCG)": the change is over X
    return [owner] * len(phrase.members) if owner else None


# "outperforming ViT-L with supervised pre-training on ImageNet-22K (85.2%)": the words that qualify a compared name
_QUALIFIER = re.compile(r"\s+(?:with|using|trained|pre-?trained|fine-?tuned)\b[^,;()]{0,60}?\s*")


def _qualified_compared(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """A level in parentheses after a compared name and the words that qualify it is that name's."""
    opening = sentence.text.rfind("(", max(sentence.span[0], phrase.start - 3), phrase.start)
    if opening < 0 or not sentence.compared:
        return None
    compared = sentence.compared.last_ending(sentence.span[0], opening)
    return compared.name if compared and _QUALIFIER.fullmatch(sentence.text, compared.end, opening) else None


_HELD_BY_DESCRIBED = re.compile(r"\s*\(|\s+of\s+(?:about\s+|only\s+|just\s+)?")


def _described_owner(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """ "surpassing the human baseline (89.8)", "compared to the previous state of the art of 15.8": a level in
    parentheses, or after "of", right after a baseline described is that baseline's."""
    text, start = sentence.text, phrase.start
    tail = text[max(sentence.span[0], start - 16) : start]
    if ("(" not in tail and " of " not in tail) or not sentence.described_baselines or _a_change(sentence, phrase):
        return None  # most phrases; "outperforms previous methods (+2.1%)": a change over them, not their level
    described = next(
        (m for m in sentence.described_baselines if _HELD_BY_DESCRIBED.fullmatch(text, m.end(), start)), None
    )
    return re.sub(r"\s+", " ", described.group("name")) if described else None


def compared_in_parentheses(sentence: Sentence, phrase: reading.Phrase) -> bool:
    """ "an average score of 81.4, outperforming mT5 (79.3)": a number alone in parentheses right after a name
    compared against is that system's level."""
    opened = _opened_before(sentence, phrase)
    if opened is None or not _CLOSING.match(sentence.text, phrase.end):
        return False
    return bool(sentence.compared.ending(opened.start() - 1, opened.start()))


_OPENED_BEFORE = re.compile(r"\(\s*$")


def _opened_before(sentence: Sentence, phrase: reading.Phrase) -> re.Match[str] | None:
    """The parenthesis a phrase opens, if it opens one."""
    return _OPENED_BEFORE.search(sentence.text, max(sentence.span[0], phrase.start - 3), phrase.start)


def _a_change(sentence: Sentence, phrase: reading.Phrase) -> bool:
    return phrase.family == "factor" or "score" not in reading.kinds_of(sentence.text, phrase, sentence.span)


def _slash_paired(text: str, phrase: reading.Phrase) -> bool:
    """ "80.1/82.3/83.5": members joined by slashes alone."""
    return all(text[a.end : b.start].strip() == "/" for a, b in pairwise(phrase.members))


def _slashed_variants(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    count = len(phrase.members)
    text = sentence.text
    if count < 2 or not _slash_paired(text, phrase):
        return None  # not "80.1/82.3/83.5"
    named = sentence.models.last_ending(sentence.span[0], phrase.start)
    slashed = _SLASHED_SUFFIXES.fullmatch(named.name) if named else None
    suffixes = slashed.group("suffixes").split("/") if slashed else []
    return [slashed.group("stem") + suffix for suffix in suffixes] if len(suffixes) == count else None


def _mirrored_list(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    """ "68.9% on HumanEval and 61.2% on MBPP, surpassing X (48.8% and 55.0%)", "..., improving over the base
    model by 14.1 and 6.3 points": a list naming no benchmark after the sentence's as many scores before it, on
    as many benchmarks, mirrors them in order."""
    count = len(phrase.members)
    if count < 2:
        return _mirrored_respectively(sentence, phrase)
    earlier = sentence.scores_before(phrase.start, count)
    datasets = [dataset for _, _, dataset in earlier]
    if len(earlier) != count or None in datasets or len(set(datasets)) != count:
        return None
    last_end = earlier[-1][0]
    own_name = _named_after(sentence.text, last_end, sentence.datasets)  # "91.2% on GSM8K"
    later = [m for m in sentence.datasets.starting(last_end, sentence.span[1]) if m is not own_name]
    if later:
        return None  # a benchmark named after those scores: the list's own, or another clause's
    return datasets


def _mirrored_respectively(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    """ "52.7 PQ on COCO and 57.8 mIoU on ADE20K, surpassing X by 1.1 PQ and 0.7 mIoU, respectively": changes
    of their own phrases, as many as the scores before them on as many benchmarks, mirror those in order."""
    resp = next((r for r in sentence.respectively if r >= phrase.end), None)
    last = sentence.scores_before(phrase.start, 1) if resp is not None else None
    if not last or reading.kinds_of(sentence.text, phrase, sentence.span)[0] == "score":
        return None  # most phrases
    block = [q for q in sentence.numbers if last[0][0] < q.start < resp]
    earlier = sentence.scores_before(phrase.start, len(block))
    datasets = [dataset for _, _, dataset in earlier]
    if len(block) < 2 or len(earlier) != len(block) or None in datasets or len(set(datasets)) != len(block):
        return None
    if sentence.datasets.starting(block[0].start, resp) or phrase.first not in block:
        return None  # a benchmark named among the changes: theirs
    return [datasets[block.index(phrase.first)]]


_OVER_COUNTED = re.compile(
    r"\s*(?:[\w@-]+\s+){0,3}?(?:on|over|across)\s+(?:all\s+|the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:datasets|benchmarks|tasks|languages|language\s+pairs|directions|domains)\b"
)


def _over_counted_benchmarks(sentence: Sentence, phrase: reading.Phrase) -> Names:
    """ "51.3 mIoU on 23 datasets": each such member decided with no benchmark ("" marks it decided)."""
    return ["" if _OVER_COUNTED.match(sentence.text, q.end) else None for q in phrase.members]


_UNNAMED_DATA_AFTER = re.compile(
    r"\s*(?:(?!on\b|in\b)[\w@-]+\s+){0,6}?(?:on|in)\s+an?\s+(?:(?!on\b|in\b)[\w-]+\s+){0,4}?"
    r"(?:dataset|benchmark|corpus|test\s+set)\b"
)


def _unnamed_benchmark(sentence: Sentence, phrase: reading.Phrase) -> Names:
    """ "85.1% ... on a synthetic instruction-following dataset": a benchmark described, not named ("" decides)."""
    text, last_noun = sentence.text, sentence.last_data_noun
    return ["" if last_noun >= q.end and _UNNAMED_DATA_AFTER.match(text, q.end) else None for q in phrase.members]


_UNKNOWN_OWNER = re.compile(r"(?<![\w-])[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,2}\s*\(\s*$")


def _unknown_owner(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    """ "Flowers (98.8%)": the number's owner is a name, though no benchmark or model the vocabularies know."""
    abstract, start = sentence.text, phrase.start
    owner = _UNKNOWN_OWNER.search(abstract, max(sentence.span[0], start - 40), start)
    if owner is None or not _CLOSING.match(abstract, phrase.end):
        return None
    models = [
        m
        for m in sentence.models.starting(owner.start(), start)
        if not in_benchmark_list(abstract, m.start, sentence.span)
    ]
    known = [
        *sentence.datasets.starting(owner.start(), start),
        *models,
        *sentence.metrics.starting(owner.start(), start),
    ]
    return None if known else [None] * len(phrase.members)


def _models_respectively(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    ordered = _respectively(sentence, phrase, sentence.own_models, _MODEL_RUN_SEPARATOR)
    return [m.name for m in ordered] if ordered else None


def _own(sentence: Sentence, phrase: reading.Phrase) -> Names:
    return [_own_model(sentence, phrase)] * len(phrase.members)


def _no_model_named(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    if sentence.models or sentence.described_baselines or _NEW_RECORD.search(sentence.text, *sentence.span):
        return None
    if named := _one_word_name_compared(sentence, phrase):
        return [named] * len(phrase.members)  # "2x faster than Longformer": a name by construction
    return _margins_over(sentence, phrase) or [None] * len(phrase.members)  # "surpassing Swin by 1.2"


def _compared_respectively(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    ordered = _respectively(sentence, phrase, sentence.compared, _MODEL_RUN_SEPARATOR)
    return [m.name for m in ordered] if ordered else None


def _cued_baseline(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    named = _one_word_name_compared(sentence, phrase) or _baseline_for(sentence, phrase)
    if named is None and not _described_for(sentence, phrase):
        named = _fronted_baseline(sentence)
    return [named] * len(phrase.members) if named else None


# "3.1 times faster and 40% less memory than Graphormer": a capitalized word a comparison cue puts right after
# the change names a system, though it has too few capitals to be shaped like a name
_ONE_WORD_COMPARED = re.compile(
    rf"[^,;.()]{{0,40}}?{_COMPARISON}(?:the\s+)?(?P<name>[A-Z][a-z]+[a-z0-9]*(?:\+\+)?)(?![-\w+])"
)
_NOT_SYSTEMS = frozenset(
    "English French German Chinese Spanish Japanese Korean Arabic Russian Hindi "  # noqa: SIM905
    "Table Figure Section Appendix SOTA".split()
)


def _one_word_name_compared(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    if not compares(sentence.text[phrase.end : phrase.end + 80]):
        return None  # most changes
    match = _ONE_WORD_COMPARED.match(sentence.text, phrase.end, sentence.span[1])
    if match is None or match.group("name") in _NOT_SYSTEMS or names.dataset_at(match.group("name")):
        return None
    return match.group("name")


def _margins_over(sentence: Sentence, phrase: reading.Phrase) -> Names | None:
    named: Names = []
    for index, member in enumerate(phrase.members):
        listed = index and _LIST_GAP.fullmatch(sentence.text, phrase.members[index - 1].end, member.start)
        named.append(named[-1] if listed else _margin_over(sentence, member.start))  # "by +1.2, +2.0 and +1.4"
    return named if all(named) else None


# "surpassing the previous state-of-the-art Swin Transformer backbone by 1.2": capitalized words a comparison
# verb puts right before a margin name a system, though they have too few capitals to be shaped like a name
_NAMED_BEFORE_MARGIN = re.compile(
    rf"\b(?:{cues.OUTDOING}\w*|over|than)\s+(?:the\s+)?"
    r"(?:(?:previous|prior|strong(?:est)?|original|vanilla|standard|popular|recent|current)\s+)*"
    r"(?:(?:state-of-the-art|best)\s+)?"
    rf"(?P<name>{_CAPITALIZED_NAME})(?:\s+(?:backbone|model|baseline|network))?"
    rf"{_BY_MARGIN.pattern}$"
)
_MARGIN_ROOM = 100  # characters: a comparison verb, its modifiers and three words of a name


def _margin_over(sentence: Sentence, start: int) -> str | None:
    """The name right before "by <number>", itself no last item of a list ("A and B by 1.2% and 0.5%")."""
    by = sentence.models.last_ending(sentence.span[0], start)
    if by is None or not _BY_MARGIN.fullmatch(sentence.text, by.end, start):
        return _named_before_margin(sentence, start)
    listed = sentence.models.last_ending(sentence.span[0], by.start)
    if listed and _LIST_GAP.fullmatch(sentence.text, listed.end, by.start):
        return None
    return None if name_key(by.name).startswith(name_key(sentence.system or "\0")) else by.name


_LIST_GAP = re.compile(r"\s*,?\s*(?:and\s+|or\s+)?")


def _named_before_margin(sentence: Sentence, start: int) -> str | None:
    if "by" not in sentence.text[start - 12 : start]:
        return None  # most numbers
    low = max(sentence.span[0], start - _MARGIN_ROOM)
    match = _NAMED_BEFORE_MARGIN.search(sentence.text[low:start])
    if match is None:
        return None
    name, at = match.group("name"), low + match.start("name")
    known = sentence.datasets.starting(at, at + 1) or sentence.metrics.starting(at, at + 1)
    if known or name.split()[0] in _NOT_SYSTEMS or names.dataset_at(name):
        return None
    return None if name_key(name).startswith(name_key(sentence.system or "\0")) else name


_LISTED_GAP = re.compile(r"\s*(?:\([^()]{1,30}\))?\s*,?\s*(?:and\s+|or\s+)?")  # "mT5 (79.3) and XLM-R"


def _described_baseline(sentence: Sentence, phrase: reading.Phrase) -> Names:
    return [_described_for(sentence, phrase)] * len(phrase.members)


def _described_for(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """A baseline described, not named: the one right after the number ("2x faster than existing methods"),
    else the last one before it ("Compared with previous best results, X gains 1.2 mAP"), else the previous
    state of the art, where the sentence claims a new one before the number."""
    found = sentence.described_baselines
    after = [m for m in found if m.start() >= phrase.end and m.start() - phrase.end < 80]
    before = [m for m in found if m.end() <= phrase.start]
    chosen = after[0] if after else (before[-1] if before else None)
    if chosen:
        apposed = sentence.models.starting(chosen.end(), chosen.end() + 4)
        if (
            apposed
            and _APPOSED.fullmatch(sentence.text, chosen.end(), apposed[0].start)
            and _APPOSITION_END.match(sentence.text, apposed[0].end)
        ):
            return apposed[0].name  # "a 4.3-point gain over the strongest baseline, TAPAS": the name it gives
        name = re.sub(r"\s+", " ", chosen.group("name"))
        named = _NAMED_COUNTERPART.fullmatch(name)  # "its Swin counterpart", "the BERT baseline": Swin, BERT
        return named.group("name") if named else name
    if _NEW_RECORD.search(sentence.text, sentence.span[0], phrase.start):
        return "previous state of the art"  # "new state-of-the-art results, ... (7.7 point absolute improvement)"
    return None


_APPOSED = re.compile(r"\s*[,(]\s*")
_APPOSITION_END = re.compile(r"\s*(?:[,.;)]|$)")  # "..., TAPAS." ends there; "..., X improves" starts a clause
_NAMED_COUNTERPART = re.compile(
    r"(?P<name>[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*)*)\s+(?:counterparts?|baselines?|models?|variants?)"
)
_NEW_RECORD = re.compile(r"\bnew\s+(?:state[- ]of[- ]the[- ]art|SOTA|records?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Preference:
    """One row of the table: a construction, what it prefers, and an invented sentence it reads."""

    field: str  # "dataset", "model" or "baseline"
    construction: str
    prefers: str
    example: str
    expected: dict[str, str | None]  # value_text -> the field's value in the example
    rule: Callable[[Sentence, reading.Phrase], Names | None]
    whole: bool  # decides every member left (a None is "no name"), else members one by one


PREFERENCES: tuple[Preference, ...] = (
    Preference(
        "dataset",
        "respectively",
        "names listed with 'respectively' (or as many after the numbers), in order",
        "Glimmer reaches 81.2% and 47.5% on ImageNet and COCO, respectively.",
        {"81.2%": "ImageNet", "47.5%": "COCO"},
        _listed_respectively,
        True,
    ),
    Preference(
        "dataset",
        "number then name",
        "the name a number is 'on', 'in' or 'for', right after it",
        "Compared on ADE20K, Glimmer reaches 47.5 on COCO.",
        {"47.5": "COCO"},
        _right_after,
        False,
    ),
    Preference(
        "dataset",
        "own list item",
        "the name in the number's own list item, after it, else before it",
        "Glimmer pushes the ImageNet accuracy to 84.1%, the COCO box AP to 51.7 and the ADE20K mIoU to 49.3.",
        {"84.1%": "ImageNet", "51.7": "COCO", "49.3": "ADE20K"},
        _in_own_item,
        False,
    ),
    Preference(
        "dataset",
        "mirrored list",
        "a list naming no benchmark mirrors the sentence's as many scores before it, on as many, in order",
        "Glimmer reaches 68.9% on HumanEval and 61.2% on MBPP, surpassing RoutNet (48.8% and 55.0%).",
        {"48.8%": "HumanEval", "55.0%": "MBPP"},
        _mirrored_list,
        True,
    ),
    Preference(
        "dataset",
        "counted benchmarks",
        "a number 'on 23 datasets' (or tasks, benchmarks) is an aggregate over them: no one benchmark",
        "Glimmer reaches 51.3 mIoU on 23 datasets on average and 46.5 AP on LVIS.",
        {"51.3": None, "46.5": "LVIS"},
        _over_counted_benchmarks,
        False,
    ),
    Preference(
        "dataset",
        "unnamed benchmark",
        "a number 'on a' described dataset is on a benchmark no name is given: none (not a later name)",
        "Glimmer reaches 85.1% accuracy on a synthetic instruction dataset and 92.5% accuracy on ScienceQA.",
        {"85.1%": None, "92.5%": "ScienceQA"},
        _unnamed_benchmark,
        False,
    ),
    Preference(
        "dataset",
        "unknown owner",
        "a number in parentheses right after a capitalized name no vocabulary knows: none (not a neighbour's)",
        "Glimmer reaches top accuracy on CIFAR-100 (91.7%), Sprouts (98.8%) and three other datasets.",
        {"91.7%": "CIFAR-100", "98.8%": None},
        _unknown_owner,
        True,
    ),
    Preference(
        "dataset",
        "name with number",
        "a name the phrase follows by 'with', 'at', 'of' or ':'",
        "Among the tested sets, Glimmer leads ADE20K and COCO val set, with 52.4 AP.",
        {"52.4": "COCO"},
        _before_with,
        True,
    ),
    Preference(
        "dataset",
        "apposed margin",
        "a change set beside the score before it (', a 12% reduction ...') is on that score's benchmark",
        "Glimmer reaches an MAE of 0.069 on ZINC, a 12% reduction over RoutNet, and 81.4% AUC on MolHIV.",
        {"12%": "ZINC"},
        _apposed_margin,
        True,
    ),
    Preference(
        "dataset",
        "earlier in the phrase",
        "a later number of a list whose own item names none is on the benchmark an earlier number of it is on",
        "Glimmer improves 13.2% in XNLI accuracy for Swahili and 9.8% for Urdu.",
        {"13.2%": "XNLI", "9.8%": "XNLI"},
        _earlier_in_phrase,
        False,
    ),
    Preference(
        "dataset",
        "nearest",
        "a name soon after the phrase, else the last before it, in the sentence",
        "On COCO, which is hard, Glimmer still reaches 47.5 AP.",
        {"47.5": "COCO"},
        _nearest_in_sentence,
        True,
    ),
    Preference(
        "dataset",
        "carried",
        "the only benchmark named so far, or the one whose splits the sentence names, when it names none",
        "We evaluate Glimmer on COCO. It reaches 47.5 AP.",
        {"47.5": "COCO"},
        _carried_on,
        True,
    ),
    Preference(
        "model",
        "parenthesized name",
        "a name in parentheses right after the number",
        "Glimmer reaches 85.0% (Glim-B) and 86.4% (Glim-L) on ImageNet.",
        {"85.0%": "Glim-B", "86.4%": "Glim-L"},
        _parenthesized,
        False,
    ),
    Preference(
        "model",
        "versus pair",
        "'A vs. B': the first is the system's, the second the compared model's",
        "Glimmer beats RoutNet on ImageNet (83.3% vs. 80.8%).",
        {"83.3%": "Glimmer", "80.8%": "RoutNet"},
        _versus_pair,
        True,
    ),
    Preference(
        "model",
        "arrow pair",
        "'A -> B': the level before is the compared model's, after it the system's",
        "Glimmer improves over RoutNet on COCO (40.1 → 43.5 AP).",
        {"40.1": "RoutNet", "43.5": "Glimmer"},
        _arrow_pair,
        True,
    ),
    Preference(
        "model",
        "changed levels",
        "'raises X from A to B': A is X's, B the system's (else the changed X's)",
        "Our recipe raises ResNet-101's top-1 accuracy from 77.1% to 80.4% on ImageNet.",
        {"77.1%": "ResNet-101", "80.4%": "Glimmer"},
        _changed_levels,
        True,
    ),
    Preference(
        "model",
        "compared level",
        "'compared to A for X': A is the compared model's, or the holder described after 'for' (none when unnamed)",
        "Glimmer reaches 47.5 AP on COCO, compared to 44.0 AP obtained by RoutNet.",
        {"44.0": "RoutNet", "47.5": "Glimmer"},
        _compared_level,
        True,
    ),
    Preference(
        "model",
        "parenthetical owner",
        "'X (76.1%)': the name a parenthesis follows",
        "Glimmer outperforms RoutNet (76.1%) on ImageNet.",
        {"76.1%": "RoutNet"},
        _parenthetical,
        True,
    ),
    Preference(
        "model",
        "slashed variants",
        "'X-S/B 80.1/82.3': the variants named by the slashed suffixes, in order",
        "Glimmer-S/B reach 80.1/82.3% top-1 accuracy on ImageNet.",
        {"80.1": "Glimmer-S", "82.3%": "Glimmer-B"},
        _slashed_variants,
        True,
    ),
    Preference(
        "model",
        "respectively",
        "own models listed with 'respectively', in order",
        "Glim-S and Glim-L reach 80.1% and 84.2% on ImageNet, respectively.",
        {"80.1%": "Glim-S", "84.2%": "Glim-L"},
        _models_respectively,
        True,
    ),
    Preference(
        "model",
        "held level",
        "a score 'for X', or 'the' score 'of X': X's level",
        "Glimmer reaches 47.5 AP on COCO, well above the 45.1 AP of PathNet.",
        {"47.5": "Glimmer", "45.1": "PathNet"},
        _held_level,
        False,
    ),
    Preference(
        "model",
        "own",
        "a system set against the paper's ('while X only reaches') or compared against elsewhere as the subject "
        "of the result, a variant of the system (named here, by its size, or by 'it' after it), the system, or "
        "the subject",
        "Our Glimmer-L reaches 84.2% top-1 on ImageNet.",
        {"84.2%": "Glimmer-L"},
        _own,
        True,
    ),
    Preference(
        "baseline",
        "none named",
        "no model named in the sentence: no baseline, unless a capitalized word a comparison puts right after the "
        "change names one ('2x faster than Longformer')",
        "Glimmer improves top-1 accuracy by 1.2% on ImageNet.",
        {"1.2%": None},
        _no_model_named,
        True,
    ),
    Preference(
        "baseline",
        "margin over",
        "a margin 'by' a number is over the other system named right before it",
        "Glimmer outperforms RoutNet by 1.2% and PathNet by 0.5% on ImageNet, respectively.",
        {"1.2%": "RoutNet", "0.5%": "PathNet"},
        _margins_over,
        True,
    ),
    Preference(
        "baseline",
        "respectively",
        "compared models listed with 'respectively', in order",
        "Glimmer outperforms RoutNet and PathNet by 1.2% and 0.5% on ImageNet, respectively.",
        {"1.2%": "RoutNet", "0.5%": "PathNet"},
        _compared_respectively,
        True,
    ),
    Preference(
        "baseline",
        "cued",
        "the name after 'than', 'over', 'outperforms' nearest the change, unless a baseline described right after "
        "the change ends its clause before that name",
        "Glimmer is 1.4x faster than RoutNet on ImageNet.",
        {"1.4x": "RoutNet"},
        _cued_baseline,
        True,
    ),
    Preference(
        "baseline",
        "described",
        "no name cued: the described baseline after the number, else the last before it, without its article",
        "Compared with the previous best results, Glimmer gains 1.2 mAP on DOTA.",
        {"1.2": "previous best results"},
        _described_baseline,
        True,
    ),
)
_BY_FIELD = {name: [p for p in PREFERENCES if p.field == name] for name in ("dataset", "model", "baseline")}


def attribute(sentence: Sentence, phrase: reading.Phrase, field_name: str) -> Names:
    """One field of every member of a phrase: each member by the first row of the table that names it (a
    per-member row decides "no name" with "")."""
    if len(phrase.members) == 1:  # most phrases: the first row that names the number, or a whole row, decides
        for preference in _BY_FIELD[field_name]:
            named = preference.rule(sentence, phrase)
            if named is not None and (named[0] is not None or preference.whole):
                return [named[0] or None]
        return [None]
    decided: Names = [None] * len(phrase.members)
    undecided = list(range(len(decided)))
    for preference in _BY_FIELD[field_name]:
        named = preference.rule(sentence, phrase)
        if named is None:
            continue
        for index in undecided:
            decided[index] = named[index]
        if preference.whole:
            break
        undecided = [index for index in undecided if decided[index] is None]
        if not undecided:
            break
    return [name or None for name in decided]
