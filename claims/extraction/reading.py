"""Read quantities in their sentence as claims: is it a result, and of what.

The decisions are in the order a careful reader makes them: is this number a
result at all (not a setting, a count of data, a digit of a name); which
numbers form one coordinated phrase ("by 1.7% and 0.6%", "16.54%, 21.61%");
is the phrase a level, a change or a factor, which way it went, what it
measures. Precision over recall: a number with no metric a reader could name
is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from claims.extraction import cues, scan
from claims.extraction.grammar import FRACTION_WORDS, Quantity, fraction_key, quantity_at
from claims.extraction.names import Mention, Spans
from claims.extraction.vocab import fold, is_dataset_name, metric_info

_SETTING_AFTER = re.compile(
    r"^(?:\s*[-–]?\s*)(?:(?:different|distinct|diverse|unique)\s+)?(?:bits?\b(?!\s+per\b)|layers?|shot|frames?|way|stages?|steps?|epochs?|views?|tokens?|heads?|"
    r"dimensional|dim|d\b|D\b|k\b|(?:nd|st|th|rd)\b|images?|videos?|hours? of|samples?|classes|categories|"
    r"languages?|datasets?|benchmarks?|tasks?|authors?|subjects?|participants?|people|persons?|"
    r"clips?|pairs?|sentences?|words?|utterances?|speakers?|scenes?|objects?|molecules?|patients?|"
    r"times?\s*\d|[x×]\s*\d|\\times\s*\d|resolution|pixels?|px|channels?|blocks?|experts?|GPUs?|TPUs?|nodes?|"
    r"modalities|domains?|models?|parameters? model|B model|B-parameter|queries|points|instances|"
    r"hours? (?:of|long)|minutes? (?:of|long)|seconds? (?:of|long)|-second|-minute|-hour|"
    r"(?:web\s*)?pages|documents|articles|tweets|posts|passages|paragraphs|dialogues|conversations|"
    r"(?:translation\s+)?directions|language\s+pairs|(?:training\s+)?context\s+(?:window|length)|operations|episodes|trajectories|demonstrations|interactions|"
    r"users|items|questions|prompts|environments|runs|seeds)",
    re.IGNORECASE,
)
_SETTING_BEFORE = re.compile(
    r"(?:\b(?:resolution|size|length|dimension|depth|width|budget|horizon|window)\s+(?:of\s+)?|"
    r"\b(?:trained|pre-?trained|fine-?tuned|scal\w*|train\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:on|with|for|to|up to)\s+(?:only\s+)?|"
    r"\bfirst\s+|\btop\s+|\bbatch size of\s+)$",
    re.IGNORECASE,
)
# "increasing the depth from 1 to 10 improves perplexity ...": the levels of a change that causes the result
_PAIR_FROM_BEFORE = re.compile(r"\bfrom\s+(?:[+~]?\d[\d,.]*\s+to\s+)?$", re.IGNORECASE)
_CAUSING_PAIR_AFTER = re.compile(
    r"^(?:\s+to\s+[+~]?\d[\d,.]*)?\s+(?:(?:also|further|consistently|significantly|substantially|still)\s+)?"
    r"(?:improves|improved|reduces|reduced|increases|increased|decreases|decreased|yields|yielded|leads|led|"
    r"results|resulted|boosts|boosted|brings|brought|gives|gave|lowers|lowered|raises|raised)\b",
    re.IGNORECASE,
)
_DIMENSION_AFTER = re.compile(r"^\s*(?:[x×*^]|\\times|times|by)\s*\d|^\^")
_DIMENSION_BEFORE = re.compile(r"(?<![A-Za-z\d.@-])\d+\s*(?:[x×*^]|\\times|times|by)\s*$|[A-Za-z]-(?:\d+/)+$")
_MEDIA_AFTER = re.compile(
    r"^\s*(?:-long|long|of\s+(?:[\w-]+\s+){0,3}?(?:videos?|audio|speech|footage|clips?|music))\b", re.I
)
_MEDIA_BEFORE = re.compile(
    r"\b(?:videos?|clips?|audio|music|speech)\s+(?:of\s+)?(?:up to\s+|over\s+)?(?:\d+\s*[a-z]+\s+and\s+)?$", re.I
)
_DECADE = re.compile(r"^(?:\d0|\d\d\d0)s$")
_SAMPLING_RATIO = re.compile(
    r"\b(?:masking|mask|drop(?:out)?|sparsity|pruning|keep|sampling|token)\s+(?:ratio|rate)s?\s*(?:\(?i\.e\.,?|of|:|=)?\s*$",
    re.I,
)
_HARDWARE_AFTER = re.compile(r"^\s*(?:NVIDIA\s+)?(?:[A-Z]+\d+|GPUs?\b|memory GPUs?)")
_OPERATING_POINT = re.compile(r"(?:^|[,.;]\s*|\b[Ww]hen\s+|^\s*)\b[Aa]t\s+(?:an?\s+)?(?:the same\s+)?$")
_AT_NAMED_POINT = re.compile(r"\b[Aa]t\s+(?:an?|the)\s+(?:[\w-]+\s+){1,3}?(?:of|=)\s*$")
_AT_RESULT_WORDS = re.compile(r"cost|expense|price|speed|throughput|latency|accuracy|drop|loss", re.I)
_POINT_FAMILIES = ("percent", "level", None)  # conditions are levels; a rate, time or size "at" is a result


def _at_named_point(before: str) -> bool:
    """ "at an SNR of", "at a false positive rate of": a condition; "at the cost of" names a result."""
    point = _AT_NAMED_POINT.search(before)
    return point is not None and not _AT_RESULT_WORDS.search(point.group())


_ENUMERATOR = re.compile(r"(?:\(|(?:^|[:;,.]|\band|\bor)\s+)\s*$")  # "(1) ...", ": 1) ..., 2) ..."
# A citation key or a web address: "cite{Smith:2015:ILS:2846547}", "https://host/v2.1"
_REFERENCE_BEFORE = re.compile(r"(?:\bcite[pt]?\s*\{[^}\s]*|\b(?:https?://|www\.)\S*)$")


def _is_reference_before(before: str) -> bool:
    """_REFERENCE_BEFORE.search(before), searched only where "cite", "://" or "www." is, one of which every
    match holds (most numbers have none before them)."""
    return ("cite" in before or "://" in before or "www." in before) and _REFERENCE_BEFORE.search(before) is not None


_NAME_AFTER = re.compile(r"^-[A-Za-z]")
_OUT_OF = re.compile(r"\s+out\s+of\s+\d")
_CLOSING_AFTER = re.compile(r"\s*\)")  # "0.76(0.04)", "(1) ..."
_LETTER_AFTER = re.compile(r"[A-Za-z]")
# "trained on only 10% of the labels": how much data a model learned from, not a result
_DATA_SHARE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?(?:[\w-]+\s+)??(?:training\s+|labell?ed\s+|annotated\s+)?(?:labels|data|annotations|samples|"
    r"examples|images|training set|training data|queries|demonstrations)|(?:random\s+|training\s+)?subset)\b",
    re.I,
)
# "with 40% corrupted labels", "under 80% symmetric label noise": how spoiled the training data is
_DATA_CONDITION_AFTER = re.compile(
    r"^\s*(?:(?:noisy|corrupted|flipped|mislabell?ed|wrong|incorrect|random|missing)\s+"
    r"(?:training\s+)?(?:labels|data|samples|examples|annotations|values)|(?:[\w-]+\s+)?(?:label\s+)?noise)\b",
    re.I,
)
# "10 hours of labeled data", "10min, 1h and 10h fine-tuning subsets": how much speech a model learned from
_DATA_TIME_AFTER = re.compile(
    r"^(?:\s*,?\s*(?:and\s+)?\d[\d,.]*\s*(?:min|minutes?|h|hours?|hrs?)\b)*\s*(?:(?:of\s+)?"
    r"(?:(?:labell?ed|unlabell?ed|transcribed|untranscribed|annotated|training|fine-?tuning|pre-?training)\s+)+"
    r"(?:data|subsets?|splits?|sets?|speech|audio|examples)\b"
    r"|(?:labell?ed\s+)?fine-?tuning\b(?!\s+(?:time|cost|steps?|stage)))",  # "for 1h and 10h fine-tuning"
    re.I,
)
# "Using all 960 hours, it reaches ...": hours a model is given are of speech to learn from, not a time it took
_DATA_HOURS_BEFORE = re.compile(r"\b(?:using|with|on)\s+(?:all\s+|only\s+|just\s+|the\s+(?:full\s+)?)?$", re.I)
_HOURS_OF_COMPUTE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:GPU|TPU|CPU|A100|V100|H100|compute|training|pre-?training)\b", re.IGNORECASE
)
_HOURS = frozenset({"h", "hours", "hour", "hrs", "hr"})
# "a large-scale dataset (160GB)", "160GB of text corpora": the size of data, not of the model
_DATA_SIZE_AFTER = re.compile(r"^\s*(?:of\s+)?(?:[\w-]+\s+)?(?:text|data|corpus|corpora|tokens)\b", re.I)
_DATA_SIZE_BEFORE = re.compile(r"\b(?:dataset|data|corpus|corpora)\s*\(\s*(?:over\s+|about\s+|~\s*)?$", re.I)
# "Librispeech (960h)": an amount in parentheses after a name that is no metric is the size of what it names
_SIZE_IN_PARENTHESES = re.compile(r"[A-Za-z][\w-]*\s*\(\s*$")
# "4x super-resolution", "x8 upsampling": the scale a model is asked for, not a result
_SCALE_SETTING_AFTER = re.compile(
    r"^\s*(?:super[- ]?resolution|SR\b|upscal\w*|up-?sampl\w*|down-?sampl\w*|magnification|zoom|"
    r"(?:training\s+|learning\s+|learning[- ]rate\s+)?schedules?\b)",  # "with 1x training schedule"
    re.I,
)
_SPREAD_BEFORE = re.compile(r"(?:±\s*|\+/-\s*|\\pm\s*|\bpm\s*)$")
_GLUED_SPREAD = re.compile(r"(?<![A-Za-z\d.])\d+(?:\.\d+)?\\?%?\($")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_VERSION = re.compile(r"^\d{1,2}\.\d$")
# a name with a digit between letters ("wav2vec", "data2vec") or CamelCase, right before a version number
_VERSIONED_NAME = re.compile(r"(?:^|[\s(])(?:[A-Za-z]+\d+[A-Za-z]+|[A-Z][a-z]+[A-Z]\w*)\s$")
# Between two numbers of one list: separators, maybe after the first one's own "on <Name>".
_LIST_SEPARATOR = re.compile(
    r"^(?:\s+(?:on|for|in)\s+(?:the\s+)?[A-Za-z\d][^,;()]{0,30}?(?=,|\s+and\b))?"
    r"(?:\s*(?:,|;)?\s*(?:and|or|&)?\s*|\s*/\s*|\s*,?\s*(?:vs\.?|versus)\s*)$"
)
_TIME_METRICS = (
    ("search", "search time"),
    ("train", "training time"),
    ("fine-tun", "training time"),
    ("latency", "latency"),
    ("generat", "generation time"),
    ("sampl", "generation time"),
    ("synthes", "generation time"),
    ("inference", "inference time"),
    ("predict", "inference time"),
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Coordinated quantities read as one: they share metric, kind and bound."""

    members: tuple[Quantity, ...]
    # the last family and unit its members are written in, where the first starts and the last ends: read for
    # every member, so found once
    family: str | None = field(init=False, compare=False)
    unit: str | None = field(init=False, compare=False)
    start: int = field(init=False, compare=False)
    end: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        family = unit = None
        for quantity in reversed(self.members):
            family, unit = family or quantity.family or None, unit or quantity.unit or None
            if family and unit:
                break
        object.__setattr__(self, "family", family)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "start", self.members[0].start)
        object.__setattr__(self, "end", self.members[-1].end)

    @property
    def first(self) -> Quantity:
        return self.members[0]


def _before(text: str, start: int, width: int = 60, floor: int = 0) -> str:
    return text[max(floor, start - width) : start]


def _after(text: str, end: int, width: int = 60) -> str:
    return text[end : end + width]


def starts_metric(metrics: Spans[Mention], position: int) -> bool:
    return bool(metrics.starting(position, position + 1))


# "boosts almost 10 points", "by 2.1 points", "3 points higher": points that measure a change
_POINTS_CHANGED = re.compile(
    r"(?:\bby|\b(?:gain|boost|improv|increas|rais|add|lift|outperform|surpass|lead|drop|los|reduc|decreas|lower|"
    r"exceed|beat|trail|lag)\w*)\s+(?:(?:almost|nearly|about|over|up to|roughly|around|more than|at least|"
    r"an average of|on average|only|just|merely)\s+)?$",
    re.IGNORECASE,
)


def _is_change_in_points(text: str, quantity: Quantity) -> bool:
    before = _SLASHED_BEFORE.sub("", _before(text, quantity.start, 60))  # "by 2.1/1.8 points": the list's start
    return bool(_POINTS_CHANGED.search(before[-40:]) or cues.DELTA_AFTER.match(_after(text, quantity.end)))


_SLASHED_BEFORE = re.compile(
    r"(?:[+]?\d[\d.]*\s*(?:/|,|,?\s+and)\s*)+$"
)  # "by 2.1/1.8 points", "by 0.8 and 1.9 points"


_OVER_DIGIT = re.compile(r"/\d")
_VIDEO_AFTER = re.compile(  # the rate describes the videos, no word of a task or a clause between
    r"^\s*,?\s*(?:(?!(?:for|on|in|of|with|to|while|when|and|performing|processing)\b)[\w-]+\s*,?\s*){0,2}?"
    r"(?:videos?|clips?)\b",
    re.IGNORECASE,
)
_VIDEO_AT_BEFORE = re.compile(r"\b(?:videos?|clips?)\s+(?:\w+\s+){0,2}?at\s+$", re.IGNORECASE)
_IOU_AFTER = re.compile(r"\s*(?:IoU|IOU|iou)\b")
_SIGNAL_FREQUENCIES = frozenset({"kHz", "MHz", "GHz", "khz", "KHz"})


def is_setting_or_name(text: str, quantity: Quantity, metrics: Callable[[], Spans[Mention]]) -> bool:
    """Numbers that set up an experiment, count data, or belong to a name. `metrics`: the sentence's metrics, asked
    for only where a rule reads them (a sentence whose numbers all set up an experiment is not scanned for them)."""
    after = _after(text, quantity.end, 40)  # "40,000 different translation directions"
    before = _before(text, quantity.start, 60)  # each narrower window before is its end (the same text)
    if quantity.family == "points":
        return not _is_change_in_points(text, quantity)  # "1,024 points" of a point cloud
    bare = quantity.unit is None
    if bare and _YEAR.match(quantity.text.lstrip("+~<>")):
        return True
    if bare and _VERSION.match(quantity.text) and _VERSIONED_NAME.search(before[-30:]):
        return True  # "wav2vec 2.0 performance": the version of a name
    if _is_reference_before(before):
        return True  # digits of a citation key or an address
    if quantity.family != "factor" and text[quantity.end - 1].isalpha() and _NAME_AFTER.match(after):
        return True  # "2s-AGCN": a unit glued to the number and a name glued to that
    if _SPREAD_BEFORE.search(before[-12:]):
        return True  # "85.2 ± 0.3": the spread of the number before
    if _GLUED_SPREAD.search(before[-12:]) and _CLOSING_AFTER.match(after):
        return True  # "0.76(0.04)"
    if bare and _LETTER_AFTER.match(after) and not starts_metric(metrics(), quantity.end):
        return True  # glued letters: "3D", "2nd"
    if quantity.family == "percent" and (_DATA_SHARE_AFTER.match(after) or _DATA_CONDITION_AFTER.match(after)):
        return True
    if quantity.family == "factor" and _SCALE_SETTING_AFTER.match(after):
        return True
    if _DIMENSION_AFTER.match(after) or _DIMENSION_BEFORE.search(before[-12:]):
        return True  # resolutions, patch sizes and grids: 384times384, 16 x 16, 224^2, Kinetics-400/600
    if bare and quantity.value <= 1 and _IOU_AFTER.match(text, quantity.end):
        return True  # "the old .5 IOU mAP metric", "at 0.7 IoU": a threshold of the metric
    if bare and quantity.text.lstrip("~≈<>+ ") == "1" and _OVER_DIGIT.match(text, quantity.end):
        return True  # "~1/6 image-text data": a fraction of no cost the grammar reads, not a score of 1
    if quantity.family == "rate" and (_VIDEO_AFTER.match(after) or _VIDEO_AT_BEFORE.search(before[-30:])):
        return True  # "generating 5-second, 24fps, 2K videos", "60-second videos at 24 fps": what is generated
    if quantity.unit in _SIGNAL_FREQUENCIES:
        return True  # "24 kHz audio", "a 3.2 GHz CPU": a sampling rate or a clock sets up the experiment
    if quantity.unit == "s" and _DECADE.match(quantity.text):
        return True  # "the Roaring 20s", "the 2020s"
    if quantity.family == "percent" and _SAMPLING_RATIO.search(before[-40:]):
        return True  # "a masking ratio of 90%" sets up the experiment
    if quantity.family == "time" and (_MEDIA_AFTER.match(after) or _MEDIA_BEFORE.search(before[-30:])):
        return True  # the length of generated media, not how long it took
    if quantity.family == "percent" and _OPERATING_POINT.search(before[-12:]):
        return True  # "at 80% top-1 accuracy, X is 5 times faster": a condition, not a result
    if quantity.family in _POINT_FAMILIES and _at_named_point(before[-40:]):
        return True  # "at an SNR of 0 dB", "at a false positive rate of 1%": where a result is measured
    if quantity.family == "memory" and _HARDWARE_AFTER.match(after):
        return True  # "32GB V100 GPUs" describes hardware
    if quantity.family in ("memory", "time") and _is_data_amount(text, quantity, after, metrics):
        return True
    if quantity.family not in ("percent", "factor") and _SETTING_AFTER.match(after):
        return not cues.COUNT_AFTER.match(after)
    enumerator = bare and quantity.text.isdigit() and _ENUMERATOR.search(before[-5:])
    if enumerator and _CLOSING_AFTER.match(after):
        return True  # "(1) ...", ": 1) ..." enumerate, they do not measure; "(90.1 vs. 90.2)" does
    if bare and _OUT_OF.match(after):
        return True  # "better than 2.6 out of 3 radiologists": a count of those compared with
    if bare and _PAIR_FROM_BEFORE.search(before[-30:]) and _CAUSING_PAIR_AFTER.match(after):
        return True  # "increasing the depth from 1 to 10 improves perplexity": the levels of the cause
    if quantity.family in (None, "scale") and _SETTING_BEFORE.search(before[-40:]):
        return not starts_metric(metrics(), quantity.end + 1) and not starts_metric(metrics(), quantity.end)
    return False


def _is_data_amount(text: str, quantity: Quantity, after: str, metrics: Callable[[], Spans[Mention]]) -> bool:
    """Hours of speech or gigabytes of text a model learned from: the size of its data, not a result."""
    before = _before(text, quantity.start, 30)
    if quantity.family == "memory" and (_DATA_SIZE_AFTER.match(after) or _DATA_SIZE_BEFORE.search(before)):
        return True
    if quantity.family == "time" and _DATA_TIME_AFTER.match(_after(text, quantity.end, 90)):  # past a list
        return True
    if quantity.unit in _HOURS and _DATA_HOURS_BEFORE.search(before) and not _HOURS_OF_COMPUTE_AFTER.match(after):
        return True
    named = _SIZE_IN_PARENTHESES.search(before)
    if not named or not after.lstrip().startswith(")"):
        return False
    name_start = quantity.start - len(before) + named.start()  # the name the parenthesis follows is no metric
    return not metrics().ending(name_start, quantity.start)


_BILLIONS = {"B", "Bn", "billion", "T", "trillion"}


def describes_model_size(phrase: Phrase, metric: str, kind: str) -> bool:
    """ "a 530B parameter model", "up to 2.6B parameters": a description of scale, not a result."""
    return kind == "score" and metric == "parameters" and phrase.unit in _BILLIONS


def _apposed_margin(text: str, level: Quantity, quantity: Quantity, between: str) -> bool:
    """ "89.4 on D4RL, 7.2 points above IQL", "an MRR of 39.1, 2.3 higher than X": a margin (in points, or said
    to be one) set after a level by a comma alone is no member of its list ("by 2.1 and 1.8 points" is one)."""
    if "," not in between or _AND.search(between):
        return False
    if level.family is None and quantity.family == "points":
        return True
    return level.family == quantity.family and bool(cues.DELTA_AFTER.match(_after(text, quantity.end, 60)))


_OWN_WORD_AFTER = re.compile(r"\s+(?!(?:on|in|for|and|or|with|at|of|to|by|from|respectively|vs|versus)\b)[A-Za-z]")


def phrases(text: str, found: list[Quantity]) -> list[Phrase]:
    """Group neighbouring quantities joined only by list separators (or a change's arrow) and of one unit family."""
    groups: list[list[Quantity]] = []
    for quantity in found:
        if groups:
            last = groups[-1][-1]
            same_family = quantity.family == last.family or (
                None in (quantity.family, last.family)
                and not (quantity.family is None and _OWN_WORD_AFTER.match(text, quantity.end))
            )  # "42 FPS on DAVIS and 84.4 J&F": a bare number with a measure of its own starts another phrase
            between = text[last.end : quantity.start]
            if same_family and _LIST_SEPARATOR.match(between) and not _apposed_margin(text, last, quantity, between):
                groups[-1].append(quantity)
                continue
            if same_family and is_change_link(text, last, quantity):
                # "50.0 rightarrow 4.0 GPU days": the value before the change is in the unit of the one after
                groups[-1][-1] = last if last.unit else replace(last, unit=quantity.unit, family=quantity.family)
                groups[-1].append(quantity)
                continue
        groups.append([quantity])
    return [Phrase(tuple(g)) for g in groups]


_ARROW = re.compile(r"\s*(?:\\?rightarrow|\\to|→|->|⟶)\s*")
_FROM_TO = re.compile(r"\s?to\s?(?=[\d.])")
_TO = re.compile(r"\s*to\s*")
# A change from one level to another: "raises X's top-1 accuracy from A to B" (the words between stay in
# one clause), or the levels in parentheses after a change, "improves X by 1.5 AP (A to B)".
_VERB_FROM = (
    r"\b(?:drop|fall|fell|declin|decreas|increas|ris|rose|improv|reduc|boost|rais|grow|grew|jump|climb|shrink|"
    r"cut|lower|go|went|push|lift|bring|brought)\w*\s+(?:[\w’'.+/@-]+\s+){0,8}?from\s+"
)
_CHANGE_VERB_FROM = re.compile(_VERB_FROM, re.IGNORECASE)
_AND_FROM = re.compile(r"\band\s+(?:[^,;.]{1,50}?\s+)?from\s+$")  # "and on B from", "and that of Y from"
_CHANGED_FROM = re.compile(
    rf"(?:{_VERB_FROM}|"
    r"\bby\s+[+]?\d[\d.]*\s*(?:\\?%|[A-Za-z]+(?:\s[A-Za-z]+)?)?(?:\s+(?:absolute|relative|points?))?\s*\(\s*)$",
    re.IGNORECASE,
)


# "new state-of-the-art results on FUNSD (from 79.3 to 83.5 F1)": the levels a result moved the record between,
# and so in each item of their list ("..., receipts (from 95.2 to 96.8 on CORD) and ... (from")
_NAMED_FIRST = r"(?:[\w.+-]+(?:\s+[\w.+-]+){0,3},\s*)?"  # "(FUNSD, from 79.27 to 84.20 F1)"
_RESULTS_FROM = re.compile(
    r"(?:\b(?:state[- ]of[- ]the[- ]art|results?|records?|SOTA)\b[^;]{0,100}?|"
    rf"\(\s*{_NAMED_FIRST}from\s+[+]?\d[\d.]*%?\s+to\s+[+]?\d[\d.]*[^();]{{0,40}}\)[^();]{{0,80}}?)"
    rf"\(\s*{_NAMED_FIRST}from\s+$",
    re.I,
)


def is_change_link(text: str, first: Quantity, second: Quantity) -> bool:
    """ "41.2 rightarrow 19.6", "dropping from 76.2% to 51.9%": a value before and after a change."""
    between = text[first.end : second.start]
    if _ARROW.fullmatch(between):
        return True
    return bool(_TO.fullmatch(between) and _change_before(text, first.start))


# "reduces the WER by 30% relative to a strong baseline, from 35.4% to 24.8%": the levels a change went between
_BY_THEN_FROM = re.compile(r"\bby\s+[+]?\d[\d.]*\s*(?:\\?%|[A-Za-z]+)?[^;()]{0,100}?,\s*from\s+$", re.I)


def _change_before(text: str, start: int) -> re.Match[str] | None:
    """The words before a level that make it the start of a change: "raises X's accuracy from", or "and (on B)
    from" after such a change ("raises accuracy on A from 85.4% to 91.2% and on B from 49.8% to 58.6%")."""
    if said := (
        _CHANGED_FROM.search(text, max(0, start - 90), start)
        or _RESULTS_FROM.search(text, max(0, start - 140), start)
        or _BY_THEN_FROM.search(text, max(0, start - 140), start)
    ):
        return said
    if not _AND_FROM.search(text, max(0, start - 60), start):
        return None
    return next(reversed(list(_CHANGE_VERB_FROM.finditer(text, max(0, start - 200), start))), None)


def changed_from(text: str, phrase: Phrase) -> re.Match[str] | None:
    """ "raises X's accuracy from 75.3% to 79.3%": the words that make a pair of levels a change, if they do."""
    members = phrase.members
    if len(members) != 2 or not is_change_link(text, *members):
        return None
    return _change_before(text, members[0].start)


def is_arrow_pair(text: str, phrase: Phrase) -> bool:
    """ "(41.2 rightarrow 19.6 FID)": the compared system's level, then the system's own."""
    members = phrase.members
    return len(members) == 2 and bool(_ARROW.fullmatch(text, members[0].end, members[1].start))


def split_changes(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "accuracy dropping from 76.2% to 51.9%" is two results, before and after, not a range;
    "models spanning from 1B to 3B" stays one range."""
    split: list[Quantity] = []
    for quantity in found:
        separator = _FROM_TO.search(quantity.text) if quantity.high is not None else None
        if separator is None or not (_falls(quantity) or _change_before(text, quantity.start)):
            split.append(quantity)
            continue
        before = quantity_at(text, quantity.start, quantity.start + separator.start())
        after = quantity_at(text, quantity.start + separator.end(), quantity.end)
        split.extend([before, after] if before and after else [quantity])
    return split


_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+")


def join_between(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "improvements of between 0.3% and 31%": one range, claimed at its top, not two results."""
    if "between" not in text:
        return found  # most abstracts
    joined: list[Quantity] = []
    for quantity in found:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.high is None
            and last.family == quantity.family
            and _AND.fullmatch(text, last.end, quantity.start)
            and _BETWEEN.search(text, max(0, last.start - 10), last.start)
        ):
            joined[-1] = replace(last, end=quantity.end, text=text[last.start : quantity.end], high=quantity.value)
            continue
        joined.append(quantity)
    return joined


def _falls(quantity: Quantity) -> bool:
    """ "from 0.095 to 0.074": a range is written low to high, so a falling pair is a change."""
    return quantity.high is not None and quantity.low > quantity.high


def bound_of(text: str, phrase: Phrase, quantity: Quantity) -> str:
    """A symbol on the number, a range, or a bound word before the phrase ("up to 50% and 40%")."""
    if quantity.symbol:
        return cues.BOUND_SYMBOLS.get(quantity.symbol, "=")
    if quantity.high is not None:
        return "<="
    match = cues.BOUND_BEFORE.search(_before(text, phrase.start, 30))
    bound = cues.BOUND_WORDS[match.group(1).lower()] if match else "="
    # "less than 1/4 of the cost" is a factor of more than 4: a share read as the factor it divides by flips
    return _FLIPPED.get(bound, bound) if is_fraction(phrase) else bound


_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def kinds_of(text: str, phrase: Phrase, sentence: tuple[int, int]) -> list[str]:
    """score, delta or ratio of each member, from its unit and the words around the phrase (read once for
    all its members)."""
    if phrase.family == "factor":
        return ["ratio"] * len(phrase.members)
    said = _kind_said(text, phrase, sentence)
    return [_member_kind(quantity, said) for quantity in phrase.members]


# benchmarks listed after a comparison with described baselines, each with a number in parentheses
_MARGINS_LISTED = re.compile(
    r"\bover\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:baselines?|methods|models|approaches|state[- ]of[- ]the[- ]art)"
    r"\s*,?\s*(?:e\.g\.|such\s+as|including|i\.e\.)[^;]*\(\s*$"
)


def _kind_said(text: str, phrase: Phrase, sentence: tuple[int, int]) -> str | None:
    """The kind the words around a phrase give it: "score" for the levels of a change, "ratio", "delta", or
    None when they say none."""
    if len(phrase.members) == 2 and is_change_link(text, *phrase.members):
        return "score"  # "(50.0 rightarrow 4.0 GPU days)": the levels before and after, whatever the change words
    after = _after(text, phrase.end, 40)
    before = _before(text, phrase.start, 80, sentence[0])
    if phrase.family == "percent" and cues.QUALITY_SHARE_AFTER.match(after):
        return "ratio"  # "retains 99% of the teacher's accuracy"
    if before.endswith("(") and _MARGINS_LISTED.search(text, max(sentence[0], phrase.start - 200), phrase.start):
        return "delta"  # "performance over strong baselines e.g. TabFact (3.1%), InfoVQA (1.2%)": margins
    if phrase.family == "percent" and cues.PERCENT_LOST_AFTER.match(after):
        return "delta"
    if phrase.family == "percent" and cues.SHARE_REMOVED.search(before) and _OF_AFTER.match(after):
        return "delta"  # "removes 90% of the weights of X": a share taken off is a change, whoever's it was
    if _is_share(text, phrase, sentence) and (
        _SHARE_VERB_BEFORE.search(before) or _SHARE_OF_ANOTHER.match(text, phrase.end)
    ):
        return "ratio"  # "16% of the model size of BERT-large": a share of another system's cost
    if cues.DELTA_AFTER.match(after) or _delta_before(before):
        return "delta"
    listed = _before(text, phrase.start, 240, sentence[0])
    if ("by" in listed or " of " in listed) and _DISTRIBUTED_BY.search(listed):
        return "delta"  # "outperforms X by 1.7% mAP on detection and 1.4% on segmentation"
    if _lists_changes_after(listed := _after(text, phrase.end, 160)) and _DISTRIBUTED_AFTER.match(listed):
        return "delta"  # "1.9% ImageNet accuracy, 1.0% COCO mAP and 2.6% ADE20K mIoU improvement over X"
    return None


# Every match of cues.DELTA_BEFORE holds one of these words (in the case folding (?i) compares by): where the
# words before a phrase hold none (three times in four), its search, 40 us over 80 characters, is not run.
DELTA_BEFORE_WORDS = (
    "by", "improv", "gain", "boost", "increas", "reduc", "decreas", "drop", "margin", "lead", "accelerat", "speed",
    "gap", "absolute", "relative", "sacrific", "los", "cost", "sav", "cut", "exceed", "outperform", "surpass", "beat",
)  # fmt: skip


_DELTA_BEFORE_WORD = scan.Words(DELTA_BEFORE_WORDS)
# Every match of cues.DELTA_BEFORE starts with one of these (folded): a match is tried only where one starts, not
# at each of the 80 characters (a search tries every alternative at each)
DELTA_BEFORE_STARTS = (
    "by", "improv", "gain", "boost", "increas", "reduc", "decreas", "drop", "margin", "lead", "accelerat", "speed",
    "gap", "(", "lower", "rais", "cut", "outperform", "surpass", "beat", "exceed", "sacrific", "los", "sav", "at",
)  # fmt: skip
_DELTA_BEFORE_START = scan.Words(DELTA_BEFORE_STARTS)


def _delta_before(before: str) -> bool:
    """cues.DELTA_BEFORE.search(before), tried only where one of its words is, and there only where a match may
    start."""
    folded = fold(before)
    if not _DELTA_BEFORE_WORD.found(folded):
        return False
    match = cues.DELTA_BEFORE.match
    return any(match(before, at) for at in _DELTA_BEFORE_START.starts(folded))


_SHARE_VERB_BEFORE = re.compile(
    r"\b(?:only|just|merely|mere|requir\w*|uses?|using|utiliz\w*|with|at|is|are|being)\b[^,.;]*$"
)
_OF_AFTER = re.compile(r"\s*of\b")
_CHANGE_STEMS = ("improvement", "gain", "reduction", "increase", "decrease", "drop")


def _lists_changes_after(after: str) -> bool:
    """Whether a list of changes may follow (a quick test of the words before `_DISTRIBUTED_AFTER`)."""
    return ("," in after or " and " in after) and any(stem in after for stem in _CHANGE_STEMS)


def _member_kind(quantity: Quantity, said: str | None) -> str:
    """A factor is a ratio; levels and shares are as said; a sign or unit of change makes a delta."""
    if quantity.family == "factor":
        return "ratio"
    if said in ("score", "ratio"):
        return said
    if quantity.text.lstrip("~<>≈ ").startswith("+") or quantity.unit in ("pp", "percentage points"):
        return "delta"
    if quantity.family == "points":
        return "delta"  # kept only as a change (`is_setting_or_name`)
    return said or "score"


_SHARE_OF_ANOTHER = re.compile(
    rf"{cues.SHARE_AFTER.pattern[1:]}\s+(?:of|in)\s+(?:the\s+)?(?:original\s+)?(?-i:[A-Z][\w-]*[A-Z0-9])", re.IGNORECASE
)


def _is_share(text: str, phrase: Phrase, sentence: tuple[int, int]) -> bool:
    """ "11% of the parameters of X", "using only 11% parameters (than X)": a share of another's cost."""
    after = _after(text, phrase.end, 40)
    if phrase.family != "percent":
        return False
    if cues.SHARE_AFTER.match(after):
        return True
    return bool(cues.BARE_SHARE_AFTER.match(after) and _compared_by(text, sentence, phrase.end + 80))


_COMPARED = re.compile(r"\bthan\b|\bcompared\b")
_COMPARED_WORDS = ("than", "compared")


def _compared_by(text: str, sentence: tuple[int, int], end: int) -> bool:
    """ "than" or "compared" is said from the sentence's start to `end`, as a search of text[start:end] finds
    it (a word cut at `end` counts): the sentence is searched once for all its phrases."""
    first = _first_comparison_end(text, sentence[0], sentence[1] + 80)
    if first is not None and first <= end:
        return True
    cut = (end - len(word) for word in _COMPARED_WORDS)
    return any(start >= sentence[0] and _COMPARED.match(text, start, end) for start in cut)


@lru_cache(maxsize=8)
def _first_comparison_end(text: str, start: int, end: int) -> int | None:
    found = _COMPARED.search(text, start, end)
    return found.end() if found else None


def _oriented(direction: str, sense: str, metric: str | None) -> str:
    """Praise follows the metric's better side, a shortfall its worse one: an "improvement" in WER is down."""
    info = metric_info(metric)
    if not sense or info is None or info.higher_is_better:
        return direction
    return "down" if sense == "praise" else "up"


# A list of changes, each number with a few words of its own ("1.5% box AP in COCO detection"): the "by" before
# its first item, or the change word after its last, says what every item is.
_LISTED = r"[+~]?\d[\d.,]*\s*(?:\\?%|[A-Za-z]+)?(?:\s+[^\s,;.\d][^\s,;]*){0,6}"
_DISTRIBUTED_BY = re.compile(
    rf"\b(?:by|(?:improvements?|gains?|increases?|reductions?)\s+of)\s+{_LISTED}"
    rf"(?:\s*,\s*(?:and\s+)?{_LISTED})*\s*(?:,\s*|\s+and\s+|,\s*and\s+)$"
)
_DISTRIBUTED_AFTER = re.compile(
    rf"^(?:\s+[^\s,;.\d][^\s,;]*){{0,4}}(?:\s*,\s*(?:and\s+)?{_LISTED}|\s+and\s+{_LISTED})+?"
    r"\s+(?:absolute\s+|relative\s+)?(?:improvements?|gains?|reductions?|increases?|decreases?|drops?)\b"
)


def _tied_cue(text: str, phrase: Phrase, sentence: tuple[int, int]) -> tuple[str, str] | None:
    """The cue grammatically tied to the number: "28% reduction", "5x faster", "improves X by", "gain of"."""
    after = text[phrase.end : min(sentence[1], phrase.end + 40)]
    after = _CLAUSE_WORD.split(after, maxsplit=1)[0]
    words = _FIRST_WORDS.match(after).group()
    for pattern, direction in ((cues.UP_WORDS, "up"), (cues.DOWN_WORDS, "down")):
        if m := pattern.search(words):
            return direction, cues.sense(m.group())
    if m := _PLACED.search(words):  # "0.6 points below X": where the value lies, whatever the metric's better side
        return ("down" if m.group() == "below" else "up"), ""
    before = text[max(sentence[0], phrase.start - 120) : phrase.start]
    if not _BY_BEFORE.search(before):
        return None  # only "improves X by N", "a gain of N" tie a verb before the number to it
    verbs = [
        (m.start(), direction, cues.sense(m.group()))
        for pattern, direction in ((cues.UP_WORDS, "up"), (cues.DOWN_WORDS, "down"))
        for m in pattern.finditer(before)
        if _BY_BEFORE.search(before, m.end()) or _NO_BREAK_TO_END.match(before, m.end())
    ]
    if verbs:
        _, direction, sense = max(verbs)
        return direction, sense
    return None


_PLACED = re.compile(r"\b(?:below|above)\b")
_CLAUSE_WORD = re.compile(r"\b(?:while|with|and|but|whereas|compared|than)\b")
_FIRST_WORDS = re.compile(r"^\s*(?:[^\s,;.()]+\s+){0,2}[^\s,;.()]*")
_BY_BEFORE = re.compile(rf"\b(?:by|of)\s+(?:[\w-]+\s+){{0,2}}?$|{cues.MARGIN_WITHOUT_BY}$")
_NO_BREAK_TO_END = re.compile(r"[^,;]*$")


def _keeps_quality(text: str, phrase: Phrase) -> bool:
    return phrase.family == "percent" and bool(cues.QUALITY_SHARE_AFTER.match(_after(text, phrase.end)))


def is_fraction(phrase: Phrase) -> bool:
    """ "half the parameters", "1/10 of the cost", "halves the memory": a factor written as the share it leaves
    (a fraction word starts with a letter: most numbers are not looked up)."""
    return all(
        q.text.startswith("1/")
        or (q.text[:1].isalpha() and (fraction_key(q.text) in FRACTION_WORDS or q.text.lower().startswith("halv")))
        for q in phrase.members
    )


def direction_of(text: str, phrase: Phrase, sentence: tuple[int, int], metric: str | None) -> str:
    """Up or down for the quantity named by `metric`: the tied cue word, else the nearest one."""
    if _is_share(text, phrase, sentence) or is_fraction(phrase) or _keeps_quality(text, phrase):
        return "down"  # "only 15% of the parameters"
    if tied := _tied_cue(text, phrase, sentence):
        return _oriented(*tied, metric)
    window_start = max(sentence[0], phrase.start - 90)
    window = text[window_start : min(sentence[1], phrase.end + 50)]
    left, right = phrase.start - window_start, phrase.end - window_start
    candidates: list[tuple[int, str, str]] = []
    for pattern, direction in ((cues.UP_WORDS, "up"), (cues.DOWN_WORDS, "down")):
        for m in pattern.finditer(window):
            distance = m.start() - right if m.start() >= right else left - m.end() + 6
            if m.start() >= left and m.end() <= right or _NEGATED.search(window, max(0, m.start() - 14), m.start()):
                continue  # "without any loss in quality" says no change
            candidates.append((distance, direction, cues.sense(m.group())))
    if not candidates:
        return "up"
    _, direction, sense = min(candidates)
    return _oriented(direction, sense, metric)


_NEGATED = re.compile(r"\b(?:without|no|with\s+no)\s+(?:any\s+)?$")
_FAMILY_UNITS = {
    "time": {"s"},
    "rate": {"1/s"},
    "memory": {"B"},
    "energy": {"J", "W"},
    "scale": {"count"},
    "flops": {"count"},
    "level": {"dB"},
    "length": {"m", "1"},
}


def compatible(metric: str, family: str | None, kind: str) -> bool:
    """Whether a metric can be measured in the unit the number is written in."""
    info = metric_info(metric)
    unit = info.unit if info else "%"
    if family == "factor":
        return True
    if family == "percent":
        return unit == "%" or kind != "score"
    if family == "points":
        return unit in ("%", "1", "dB")
    if family is None:
        return unit in ("%", "1", "dB")
    return unit in _FAMILY_UNITS.get(family, set())


_WHITESPACE_RUN = re.compile(r"\s+")
_COMPUTE_AFTER_SLASH = re.compile(r"\s*/\s*[\d.]+\s*[GMT](?:FLOPs|MACs)")  # "11.5M / 2.4GFLOPs"


def _share_metric(noun: str) -> str:
    """The metric a share is of: "the size of X" is model size, "the compute of X" FLOPs."""
    noun = _WHITESPACE_RUN.sub(" ", noun.lower())
    if named := cues.SHARE_NOUN_METRICS.get(noun) or metric_info(noun):
        return named if isinstance(named, str) else named.name
    return cues.MEASURE_PLURALS.get(noun, noun.removesuffix("s") if noun.endswith(("costs", "times")) else noun)


_IN_TERMS_OF = re.compile(r"\s+(?:in|on)\s+(?:terms\s+of\s+)?(?:the\s+)?")


_IN_TERMS_OF_WORDS = 4


def _narrowed(text: str, metric: Mention, metrics: Spans[Mention], phrase: Phrase, kind: str) -> Mention:
    """ "1.5% higher accuracy in mIoU": a metric named after another by "in (terms of)" says which it is."""
    for other in _usable(metrics.words_after(text, metric.end, _IN_TERMS_OF_WORDS), phrase, kind):
        if other.start > metric.end and _IN_TERMS_OF.fullmatch(text, metric.end, other.start):
            return other
    return metric


def _usable(found: list[Mention], phrase: Phrase, kind: str) -> list[Mention]:
    """The metrics of `found` that can be measured in the unit the phrase is written in."""
    return [m for m in found if compatible(m.name, phrase.family, kind)]


def _glued_after(text: str, end: int, metrics: Spans[Mention]) -> Mention | None:
    """The metric named right after a number, only spaces between ("1.5% RMSE")."""
    return next((m for m in metrics.words_after(text, end, 0) if _SPACES.fullmatch(text, end, m.start)), None)


def named_in_other_unit(text: str, phrase: Phrase, metrics: Spans[Mention], kind: str) -> bool:
    """ "1.5% RMSE": a percent score named right after by a metric not in percent, which no headline metric of
    a benchmark can stand in for."""
    if phrase.family != "percent" or kind != "score":
        return False
    glued = _glued_after(text, phrase.end, metrics)
    return glued is not None and not compatible(glued.name, phrase.family, kind)


def metric_for(text: str, phrase: Phrase, sentence: tuple[int, int], metrics: Spans[Mention], kind: str) -> str | None:
    """The metric the phrase measures: named right after it, right before it, implied by its unit, or nearby.
    Each place is read only for the metrics near enough to be named there."""
    after = _after(text, phrase.end, 40)
    if count := cues.COUNT_AFTER.match(after):
        return cues.COUNT_NOUNS.get(_WHITESPACE_RUN.sub(" ", count.group(1).lower()), "parameters")
    if phrase.family == "flops":
        return "MACs" if "MAC" in (phrase.unit or "") else "FLOPs"
    if phrase.family == "percent" and (kept := cues.QUALITY_SHARE_AFTER.match(after)):
        noun = kept.group("noun").lower()
        return noun if noun in ("performance", "accuracy") else "performance"  # "quality", "capabilities"
    if (phrase.family == "percent" or is_fraction(phrase)) and (share := cues.SHARE_AFTER.match(after)):
        metric = _share_metric(share.group(1))
        before = text[max(sentence[0], phrase.start - 40) : phrase.start]
        if metric == "parameters" and (qualified := cues.PARAMETERS_VERB.search(before)):
            return "frozen parameters" if qualified.group(1).lower().startswith("freez") else "trainable parameters"
        return metric
    if phrase.family == "scale" and _COMPUTE_AFTER_SLASH.match(after):
        return "parameters"  # "11.5M / 2.4GFLOPs": params / compute
    linked = metrics.words_before(text, phrase.start, _LINK_WORDS, sentence[0])
    tight = [m for m in linked if _LINK.fullmatch(text, m.end, phrase.start)]
    named = tight[-1] if tight else None
    if named and not compatible(named.name, phrase.family, kind) and phrase.family == "percent" and kind == "score":
        glued = _glued_after(text, phrase.end, metrics)
        if glued and compatible(glued.name, phrase.family, kind):
            return glued.name  # "at the cost of 0.3% accuracy": the metric after it is the number's
        return named.name  # "SPIDEr scores of 33.8%": named with the number, though usually not in %
    if phrase.family == "factor" and (implied := _implied_metric(text, phrase, sentence, metrics, kind)):
        return implied  # "5 times faster": the cue word names what changed
    near_after = _usable(metrics.starting(phrase.end, phrase.end + 26), phrase, kind)
    # "an AbsRel of 0.046 on KITTI, reducing the error ...": a metric past a comma is another clause's
    following = [
        m for m in near_after if _no_break(text, phrase.end, m.start) and "," not in text[phrase.end : m.start]
    ]
    if following and phrase.family != "factor":
        return _narrowed(text, following[0], metrics, phrase, kind).name
    near_before = _usable(metrics.ending(phrase.start - 50, phrase.start), phrase, kind)
    preceding = [
        m for m in near_before if _no_break(text, m.end, phrase.start) and not _owned_by_other_format(text, m, phrase)
    ]
    if open_metric := _open_tail_metric(text, phrase, sentence, kind):
        return open_metric
    if _bare_integers(phrase):
        # an integer with no unit measures something only when named right by it ("FID of 42")
        tight = [m for m in preceding if _LINK.fullmatch(text, m.end, phrase.start)]
        return tight[-1].name if tight else None
    if preceding:
        return preceding[-1].name
    if implied := _implied_metric(text, phrase, sentence, metrics, kind):
        return implied
    if following:
        return following[0].name
    return _nearest_in_clause(text, phrase, sentence, metrics, kind)


_LINK_WORDS = 4  # at most: "(top-1) scores of about"
_LINK = re.compile(
    r"\s*(?:\(\w+\)\s*)?(?:of|:|=|is|was|reaches|reaching|at|score of|scores of|value of)?"
    r"\s*(?:about|around|only|just)?\s*"
)


_CHANGE_VERB = r"(?:reduc|improv|increas|decreas|boost|lower|cut|sav|rais|shrink|compress|accelerat|enhanc)\w*"
_NOUN_PHRASE = r"(?P<np>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)"
_OPEN_BEFORE = re.compile(
    rf"(?:\b{_CHANGE_VERB}\s+(?:the\s+|its\s+|their\s+|our\s+)?|\band\s+|,\s+)"
    rf"{_NOUN_PHRASE}\s+(?:from\s+[^,;]{{0,40}}?\s+)?by\s+(?:up to\s+|about\s+|nearly\s+|almost\s+|over\s+|around\s+)?$"
)
_OPEN_AFTER = re.compile(
    rf"^\s*(?:(?:relative|absolute|average)\s+)?(?:improvements?|reductions?|increases?|gains?|decreases?|drops?)"
    rf"\s+(?:in|of)\s+(?:the\s+)?{_NOUN_PHRASE}(?=\s*(?:[,.;()]|$|\s(?:for|on|in|compared|than|over|while|with|and)\b))"
)
_NOUN_CHANGE = re.compile(
    rf"^\s*{_NOUN_PHRASE}\s+(?:reductions?|deductions?|savings?|compression|speed-?ups?)\b(?!\s+(?:in|of)\b)"
)
_MORE_ADJECTIVE = re.compile(r"^\s*(?:more|less)\s+(?P<adj>accurate|efficient|robust)\b")
# "40% smaller than X", "25% faster": a comparative that says what changed
_COMPARATIVE_ADJECTIVE = re.compile(r"^\s*(?P<adj>smaller|larger|lighter|bigger|faster|slower|cheaper)\b")
_COMPARATIVE_METRIC = {"smaller": "model size", "larger": "model size", "lighter": "model size", "bigger": "model size",
                       "faster": "speed", "slower": "speed", "cheaper": "cost"}  # fmt: skip
_SPED_UP_BY = re.compile(r"\b(?:speed\w*\s+up|accelerat\w*)\s+(?:[\w-]+\s+){0,3}?by\s+(?:up\s+to\s+|about\s+)?$")
_NOUN_PHRASE_END = r"(?=\s*(?:[,.;()]|$|\s(?:than|with|for|on|in|compared|over)\b))"
_COMPARATIVE_NOUN = re.compile(rf"^\s*(?:more|better|higher|greater)\s+{_NOUN_PHRASE}{_NOUN_PHRASE_END}")
_FEWER_NOUN = re.compile(rf"^\s*(?:fewer|less)\s+{_NOUN_PHRASE}{_NOUN_PHRASE_END}")
_ADJECTIVE_METRIC = {"accurate": "accuracy", "efficient": "efficiency", "robust": "robustness"}
_NOT_A_METRIC = re.compile(
    r"^(?:the|a|an|it|this|that|them|which|margin|large margin|factor|average|up|only|performance gap|"
    r"relative|absolute|overall|total|significant|substantial|considerable|"
    r"(?:[\w-]+\s+)*(?:model|models|method|methods|approach|baseline|baselines|counterparts?|settings?|tasks?|cases?|"
    r"art|state-of-the-art|SOTA|best|previous best|prior art|competitors?|rivals?|results?|records?|"
    r"datasets?|benchmarks?|corpora|corpus|splits?|subsets?|languages?))$",
    re.IGNORECASE,
)


_OPEN_SCORE_BEFORE = re.compile(
    r"(?<![\w-])(?P<np>(?:[a-z][\w-]*\s+){0,3}(?:error|distance|loss|deviation)|(?:[a-z][\w-]*\s+){1,3}score)"
    r"\s+(?:of|is|was|:)\s*"
    r"(?:about|only|just)?\s*$"
)


def _open_tail_metric(text: str, phrase: Phrase, sentence: tuple[int, int], kind: str) -> str | None:
    """The quantity named in words: "reducing the memory footprint by 50%", "a median error of 0.26 mm"."""
    if kind == "score":
        before = text[max(sentence[0], phrase.start - 60) : phrase.start]
        named = _OPEN_SCORE_BEFORE.search(before) if phrase.family in ("length", None) else None
        return _metric_phrase(named.group("np")) if named else None
    if phrase.family not in ("percent", "factor", "level", None):
        return None
    after = text[phrase.end : min(sentence[1], phrase.end + 60)]
    if (adjective := _COMPARATIVE_ADJECTIVE.match(after)) and phrase.family == "percent":
        return _COMPARATIVE_METRIC[adjective.group("adj")]
    if adjective := _MORE_ADJECTIVE.match(after):
        return _ADJECTIVE_METRIC[adjective.group("adj")]
    before = text[max(sentence[0], phrase.start - 80) : phrase.start]
    if _SPED_UP_BY.search(before):
        return _speed_variant("speed", before)  # "speeds up training by 40%": a change of speed
    for match in (
        _OPEN_AFTER.match(after),
        _COMPARATIVE_NOUN.match(after),
        _NOUN_CHANGE.match(after),
        _OPEN_BEFORE.search(before),
    ):
        if match and (name := _metric_phrase(match.group("np"))):
            return name
    if (fewer := _FEWER_NOUN.match(after)) and (known := metric_info(fewer.group("np"))):
        return known.name  # "35% fewer training steps": a cost the vocabulary knows, never a guess
    return None


_LISTED_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:in|of)\s+(?:the\s+|terms\s+of\s+)?(?P<items>[^;.()]+?)"
    r"(?:,?\s+respectively\b|\s+(?:compared|than|over|while|with|for|on|at)\b|[;.()]|$)"
)
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def listed_metrics(text: str, phrase: Phrase, sentence: tuple[int, int]) -> list[str] | None:
    """ "30% and 12% improvement in FID and CLIP score, respectively": one metric a member, named in order."""
    count = len(phrase.members)
    listed = _LISTED_AFTER.match(text, phrase.end, sentence[1]) if count >= 2 else None
    if listed is None:
        return None
    items = _ITEM_SEPARATOR.split(listed.group("items").strip())
    if len(items) != count or any(is_dataset_name(item) or len(item.split()) > 4 for item in items):
        return None
    metrics = [_metric_phrase(item) for item in items]
    return metrics if all(metrics) and len(set(metrics)) == count else None


# "top-1 and top-5 error rates of 37.5% and 17.0%", "EM/F1 of 88.6/94.1": metrics listed before as many numbers
_LISTED_BEFORE = re.compile(
    r"(?<![\w@.-])(?P<items>[\w@.-]+(?:\s*(?:/|,)\s*[\w@.-]+)*(?:,?\s+and\s+|\s*/\s*)[\w@.-]+)"
    r"(?P<head>(?:\s+[a-z][\w-]*){0,2}?)\s*(?:of|:|=|are|were|reach\w*|achiev\w*|by)?\s*(?:about\s+)?$"
)
_LIST_SPLIT = re.compile(r"\s*(?:/|,\s*and|,|and)\s+|\s*/\s*")


def metrics_listed_before(text: str, phrase: Phrase, sentence: tuple[int, int]) -> list[str] | None:
    """One metric a member, named in order before the numbers; each item may share a head noun ("error rates")."""
    count = len(phrase.members)
    listed = _LISTED_BEFORE.search(text, max(sentence[0], phrase.start - 80), phrase.start) if count >= 2 else None
    if listed is None:
        return None
    items = _with_shared_prefix(_LIST_SPLIT.split(listed.group("items")))
    head = " ".join(cues.MEASURE_PLURALS.get(word, word) for word in listed.group("head").split())
    if len(items) != count and not _slash_groups_of(text, phrase, len(items)):
        return None
    generic = head in ("", "score", "value")  # "ROUGE-1/2/L scores of": the head names nothing more
    found = [metric_info(f"{item} {head}".strip()) or (metric_info(item) if generic else None) for item in items]
    if not all(found) or len({info.name for info in found}) != len(items):
        return None
    return [info.name for info in found] * (count // len(items))


def _slash_groups_of(text: str, phrase: Phrase, size: int) -> bool:
    """ "44.2/21.3/40.9 on A and 47.8/24.9/39.6 on B": the members are slash-joined groups of `size` each."""
    members = phrase.members
    if size < 2 or len(members) % size:
        return False
    slashed = [text[a.end : b.start].strip() == "/" for a, b in pairwise(members)]
    return all(joined == bool((index + 1) % size) for index, joined in enumerate(slashed))


def _with_shared_prefix(items: list[str]) -> list[str]:
    """ "ROUGE-1/2/L", "top-1/5": short items after the first share its stem before the hyphen."""
    stem = items[0].rpartition("-")[0] if "-" in items[0] else ""
    if not stem:
        return items
    return [items[0]] + [f"{stem}-{item}" if len(item) <= 3 and "-" not in item else item for item in items[1:]]


_SPACES = re.compile(r"\s*")


def members_own_metrics(text: str, phrase: Phrase, metrics: Spans[Mention]) -> list[str | None] | None:
    """ "a perplexity of 18.3 on A and 1.06 bits per character on B": each member's metric named tight
    against it (right after it, or right before it by "of", ":", "="), when members name different ones.
    "performance" says nothing of which metric."""
    if len(metrics) < 2:
        return None  # no two different ones to name
    own = tight_metrics(text, phrase, metrics)
    return own if len({name for name in own if name}) >= 2 else None


_TIGHT_AFTER = re.compile(r"\s*(?:in\s+(?:terms\s+of\s+)?(?:the\s+)?)?")  # "1.5 AP", "by 509% in speed"


def tight_metrics(text: str, phrase: Phrase, metrics: Spans[Mention]) -> list[str | None]:
    """Each member's metric named tight against it, or None."""
    own: list[str | None] = []
    for quantity in phrase.members:
        after = [
            m
            for m in metrics.words_after(text, quantity.end, 3)
            if m.name != "performance" and _TIGHT_AFTER.fullmatch(text, quantity.end, m.start)
        ]
        named = (
            after[:1]
            or [
                m
                for m in metrics.words_before(text, quantity.start, _LINK_WORDS)
                if m.name != "performance" and _LINK.fullmatch(text, m.end, quantity.start)
            ][-1:]
        )
        own.append(named[0].name if named else None)
    return own


_FUNCTION_WORD = re.compile(
    r"^(?:the|a|an|its|their|our|we|it|and|or|while|whereas|by|of|in|on|with|for|to|than|over|against|overall|"
    r"needed|required|"
    r"(?:reduc|improv|increas|decreas|surpass|outperform|achiev|obtain|yield|boost|lower|cut|sav|enhanc|"
    r"accelerat|rais|show|deliver|bring)\w*|[A-Za-z]*[A-Z]\w*-[A-Z][\w-]*|\S*\d\S*)$"
)
_NAME_SHAPED_WORD = re.compile(r"^(?=[\w-]*[a-z])(?=(?:[\w-]*[A-Z]){2})[\w-]+$")  # "ModelX", "BERT-large"


_COMPETITOR_VERB = re.compile(r"^(?:outperform|surpass|beat|exceed|outpac|outstrip|trail)\w*$", re.I)


_PLACE_PREPOSITIONS = frozenset(("on", "across", "over", "for", "in", "at"))


def _metric_phrase(noun_phrase: str) -> str | None:
    """The trailing content words of a noun phrase, as a vocabulary metric when one ends it."""
    words = noun_phrase.split()
    placed = next((i for i, word in enumerate(words) if i and word.lower() in _PLACE_PREPOSITIONS), len(words))
    words = words[:placed]  # "forgetting on Split CIFAR-100": the measure, not where it was measured
    if words and words[-1].lower() in ("it", "them"):
        return None  # "augmenting it by 15%": a verb and its object, no noun naming a measure
    if words and any(c.isdigit() for c in words[-1]) and (known := metric_info(words[-1])):
        return known.name  # "X improves F1 by": a metric written with a digit, not a word to skip
    while words and _FUNCTION_WORD.match(words[-1]):
        words.pop()  # "annotations needed"
    start = len(words)
    while start > 0 and not _FUNCTION_WORD.match(words[start - 1]):
        start -= 1
    if start > 0 and _COMPETITOR_VERB.match(words[start - 1]):
        return None  # "surpassing ModelX by 9%": what a result is compared against, not what it measures
    if (
        start > 1
        and words[start - 1].lower() == "of"
        and (known := metric_info(f"{' '.join(words[start:])} {words[start - 2]}"))
    ):
        return known.name  # "the cost of training": the training cost
    words = words[start:]
    if not words or _NOT_A_METRIC.match(" ".join(words)):
        return None
    for first in range(max(1, len(words) - 1)):  # the longest known metric of 2+ words ending the phrase:
        tail = " ".join(words[first:])  # "a record inception score"; "median reconstruction error" stays
        if named := metric_info(tail) or metric_info(tail + "s"):  # "token reduction"
            return named.name
    if len(words) == 1 and _NAME_SHAPED_WORD.match(words[0]) or is_dataset_name(" ".join(words)):
        return None  # "ModelX outperforms ... by", "surpasses ... MNIST by": a system or a benchmark, not a measure
    last = cues.MEASURE_PLURALS.get(words[-1], words[-1])  # a measure is named in the singular
    return " ".join([*words[:-1], last])


_INTEGERS = re.compile(r"\d+(?:-\d+)?")


def _bare_integers(phrase: Phrase) -> bool:
    return all(q.unit is None and q.symbol is None and _INTEGERS.fullmatch(q.text) for q in phrase.members)


def _nearest_in_clause(
    text: str, phrase: Phrase, sentence: tuple[int, int], metrics: Spans[Mention], kind: str
) -> str | None:
    """A metric named earlier in the same sentence governs a later bare result ("FID scores of 1.70 ... and 2.89")."""
    before = _usable(metrics.ending(max(sentence[0], phrase.start - 120), phrase.start), phrase, kind)
    before = [m for m in before if not _owned_by_other_format(text, m, phrase)]
    gap = text[before[-1].end : phrase.start] if before else ""
    if before and not _CLAUSE_BREAK.search(gap):
        return before[-1].name
    if before and phrase.family == "percent" and kind == "score" and _parallel_clause(gap):
        return before[-1].name  # "X reaches 62.1% accuracy, while Y solves only 38.4%": the same measure
    after = _usable(metrics.starting(phrase.end, min(sentence[1], phrase.end + 60) + 1), phrase, kind)
    if after and phrase.family in ("percent", None) and _no_break(text, phrase.end, after[0].start):
        return after[0].name
    return None


_NUMBER_BEFORE = re.compile(r"\d(?P<percent>\s*%)?\s*$")


def _owned_by_other_format(text: str, metric: Mention, phrase: Phrase) -> bool:
    """ "58.7 boxAP on COCO as well as 86.1% on Kinetics": a metric glued after a number written otherwise (bare
    vs. percent) is that number's, not governing this one; and "(from 79.3 to 84.1 F1 on FUNSD), receipts (from
    95.2 ...": a metric in a parenthesis closed before the number is that parenthesis's."""
    if _closes_parenthesis(text[metric.end : phrase.start]):
        return True
    owner = _NUMBER_BEFORE.search(text, max(0, metric.start - 4), metric.start)
    return owner is not None and bool(owner.group("percent")) != (phrase.family == "percent")


def _closes_parenthesis(between: str) -> bool:
    """Whether the text closes a parenthesis opened before it."""
    if ")" not in between:
        return False
    depth = 0
    for character in between:
        depth += (character == "(") - (character == ")")
        if depth < 0:
            return True
    return False


_CONTRAST_CLAUSE = re.compile(r",?\s+(?:while|whereas)\b")


def _parallel_clause(gap: str) -> bool:
    """The number is in a "while"/"whereas" clause set against the one the metric is named in, and in no other."""
    contrasts = _CONTRAST_CLAUSE.findall(gap)
    return len(contrasts) == 1 and not _CLAUSE_BREAK.search(_CONTRAST_CLAUSE.sub(" ", gap)) and not _NUMBER.search(gap)


_NUMBER = re.compile(r"(?<![\w-])\d")  # a number of its own, not a digit of a name ("Llama-3-70B")


_CLAUSE_BREAK = re.compile(
    r";|\bwhile\b|\bwhereas\b|\bbut\b|\balso\b|,\s+and\b|\bat the same time\b|,\s+(?:it|we|they)\b"
)


_BREAK = re.compile(r"[;]|\d|\band\b|\bwhile\b|\bwhereas\b|\bwith\b|\bbut\b|,\s+(?:it|we|they|which)\b")


def _no_break(text: str, start: int, end: int) -> bool:
    """No clause boundary or other number between two points."""
    between = text[start:end]
    return not _BREAK.search(between)


# "model size", "parameters": what a count or an amount of bytes before a number is of (the model's size)
_SIZE_BEFORE = re.compile(r"param|(?:model|compact|small|total|checkpoint|storage|disk)\s+size")


def _implied_metric(
    text: str, phrase: Phrase, sentence: tuple[int, int], metrics: Spans[Mention], kind: str
) -> str | None:
    family = phrase.family
    after = _after(text, phrase.end, 50).lower()
    before = text[max(sentence[0], phrase.start - 80) : phrase.start].lower()
    if family == "time":
        for stem, metric in _TIME_METRICS:
            if stem in before or stem in after[:30]:
                return metric
        return "latency" if phrase.unit in ("ms", "μs", "µs", "mus") else "inference time"
    if family == "rate":
        return "FPS" if phrase.unit and "f" in phrase.unit.lower() else "throughput"
    if family == "memory":  # "reduces the model size by 60% (313 Mb vs. 121 Mb)": the model's size in bytes
        return "model size" if _SIZE_BEFORE.search(before[-60:]) else "memory"
    if family == "level":
        return "PSNR"  # a dB figure of an image or video model
    if family == "energy":
        return "energy" if (phrase.unit or "").endswith("J") else "power"
    if family == "factor":
        named_after = _usable(metrics.starting(phrase.end, phrase.end + 31), phrase, kind)
        return _factor_metric(after, before, named_after, phrase)
    if family == "scale" and _SIZE_BEFORE.search(before[-40:]):
        return "parameters"
    return None


_DIGIT = re.compile(r"\d")
_FACTOR_AFTER = [
    (
        re.compile(
            r"^\s*(?:fewer|less|smaller|reduction in|lower)\s+(?:trainable\s+|learnable\s+)?(?:parameters|params)"
        ),
        "parameters",
    ),
    (
        re.compile(
            r"^\s*(?:fewer|less|lower|reduction in|reduced)\s+(?:flops|computation|compute|computational cost|macs)"
        ),
        "FLOPs",
    ),
    (re.compile(r"^\s*(?:lower|less|reduced?|reduction in)\s+(?:latency)"), "latency"),
    (re.compile(r"^\s*(?:lower|less|reduced?|reduction in)\s+(?:\w+\s+)?(?:memory)"), "memory"),
    (re.compile(r"^\s*(?:lower|less|reduced?|reduction in)\s+(?:training\s+)?(?:cost)"), "training cost"),
    (re.compile(r"^\s*(?:lower|less|reduced?|reduction in)\s+(?:energy)"), "energy"),
    (re.compile(r"^\s*(?:faster|speed[- ]?ups?|acceleration|quicker|improvement in speed)"), "speed"),
    (re.compile(r"^\s*efficiency\s+(?:improvements?|gains?|boosts?)"), "efficiency"),
    (re.compile(r"^\s*(?:higher|more|greater)\s+(?:throughput)"), "throughput"),
    (re.compile(r"^\s*(?:smaller)"), "model size"),
]


_KEPT_UNCHANGED = re.compile(r"\b(?:without|with\s+no|no\s+loss\s+(?:of|in))\b")  # "by 35x without affecting accuracy"
_NEXT_CLAUSE = re.compile(r"\b(?:and|while|but|whereas)\s+(?:[\w-]+\s+)?(?:reduc|improv|increas|lower|cut|rais)\w*|;")
_ACCELERATED_BY = re.compile(r"\b(?:speed\w*\s+up|accelerat\w*)\s+(?:[\w-]+\s+){0,3}?by\s+(?:up\s*to\s+|about\s+)?$")
_SPEED_CUE_BEFORE = re.compile(r"(speed[- ]?up|accelerat\w*|faster)\D*$")
_IMPROVEMENT_AFTER = re.compile(r"^\s*improvement")
_OUTRAN_BY = re.compile(r"\b(?:outperform|surpass|beat)\w*\s+(?:[\w-]+\s+){0,4}?by\s+$")


def _factor_metric(after: str, before: str, metrics: list[Mention], phrase: Phrase) -> str | None:
    for pattern, metric in _FACTOR_AFTER:
        if pattern.search(after):
            return _speed_variant(metric, before + after[:40])
    if _ACCELERATED_BY.search(before):
        return _speed_variant("speed", before + after[:40])  # "accelerating pruning by up to 12 times"
    # a metric after the factor names what changed, unless another number comes first ("by 8x with less than
    # 1% accuracy drop": the accuracy is the 1%'s)
    named_after = [
        m
        for m in metrics
        if 0 <= m.start - phrase.end <= 30
        and not _DIGIT.search(after, 0, m.start - phrase.end)
        and not _NEXT_CLAUSE.search(after, 0, m.start - phrase.end)
        and not _KEPT_UNCHANGED.search(after, 0, m.start - phrase.end)
    ]
    if named_after:
        return named_after[0].name
    sped_up = _SPEED_CUE_BEFORE.search(before[-50:]) or _IMPROVEMENT_AFTER.match(after)
    # "outperforms X by 4.4x": a factor that names no quantity says how much faster
    outran = _OUTRAN_BY.search(before)
    return _speed_variant("speed", before + after[:40]) if sped_up or outran else None


def _speed_variant(metric: str, context: str) -> str:
    """ "training speed-up", "faster convergence", "inference speed": only words next to the cue qualify it."""
    if metric != "speed":
        return metric
    if _CONVERGENCE.search(context):
        return "convergence speed"
    if _TRAINING_SPEED.search(context):
        return "training speed"
    if _INFERENCE_SPEED.search(context):
        return "inference speed"
    return metric


_CONVERGENCE = re.compile(r"\bconverge")
_TRAINING_SPEED = re.compile(
    r"\btraining\s+(?:speed|speed-?up|acceleration|(?:is\s+)?faster)|\btrain(?:s|ing)?\s+faster|"
    r"\b(?:speed\w*\s+up|accelerat\w*)\s+(?:the\s+)?(?:pre-?)?training\b"
)
_INFERENCE_SPEED = re.compile(
    r"\binference\s+(?:speed|speed-?up|acceleration|(?:is\s+)?faster)|\bfaster\s+inference|decoding\s+speed"
)
