"""Read one quantity in its sentence as a claim: is it a result, and of what.

The decisions are in the order a careful reader makes them: is this number a
result at all (not a setting, a count of data, a digit of a name), is it a
level, a change or a factor, which way it went, what it measures, on which
benchmark, for which system. Precision over recall: when a number has no
metric a reader could name, it is not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims import cues
from claims.grammar import Quantity
from claims.names import Mention
from claims.vocab import metric_info

_SETTING_AFTER = re.compile(
    r"^(?:\s*[-–]?\s*)(?:bits?|layers?|shot|frames?|way|stages?|steps?|epochs?|views?|tokens?|heads?|"
    r"dimensional|dim|d\b|D\b|k\b|nd|st|th|rd|images?|videos?|hours? of|samples?|classes|categories|"
    r"languages?|datasets?|benchmarks?|tasks?|authors?|subjects?|participants?|people|persons?|"
    r"clips?|pairs?|sentences?|words?|utterances?|speakers?|scenes?|objects?|molecules?|patients?|"
    r"times?\s*\d|[x×]\s*\d|\\times\s*\d|resolution|pixels?|px|channels?|blocks?|experts?|GPUs?|nodes?)",
    re.IGNORECASE,
)
_SPREAD_BEFORE = re.compile(r"(?:\d\s*\(\s*|±\s*|\+/-\s*|\\pm\s*|pm\s*)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_TIME_METRICS = {
    "training": "training time",
    "train": "training time",
    "inference": "inference time",
    "generat": "generation time",
    "sampl": "generation time",
    "latency": "latency",
}
_SPEED_FAMILY = {"speed", "inference speed", "training speed"}


@dataclass
class Reading:
    """What the reader concluded about one quantity."""

    kind: str
    direction: str | None
    bound: str
    metric: str | None


def _before(text: str, quantity: Quantity, width: int = 60) -> str:
    return text[max(0, quantity.start - width) : quantity.start]


def _after(text: str, quantity: Quantity, width: int = 60) -> str:
    return text[quantity.end : quantity.end + width]


def is_setting_or_name(text: str, quantity: Quantity) -> bool:
    """Numbers that set up an experiment, count data, or belong to a name."""
    after = _after(text, quantity, 30)
    if quantity.unit is None and _YEAR.match(quantity.text.lstrip("+~<>")):
        return True
    if _SPREAD_BEFORE.search(_before(text, quantity, 4)):
        return True
    if quantity.unit is None and re.match(r"^[A-Za-z]", after):
        # glued letters: "3D", "2nd" (units were tried by the grammar)
        return True
    if quantity.family not in ("percent", "factor") and _SETTING_AFTER.match(after):
        return not cues.COUNT_AFTER.match(after)
    if quantity.family in ("factor",) and re.match(r"^\s*\d", after):
        return True
    return False


def bound_of(text: str, quantity: Quantity) -> str:
    if quantity.symbol:
        return cues.BOUND_SYMBOLS.get(quantity.symbol, "=")
    if quantity.high is not None:
        return "<="
    match = cues.BOUND_BEFORE.search(_before(text, quantity, 30))
    return cues.BOUND_WORDS[match.group(1).lower()] if match else "="


def kind_of(text: str, quantity: Quantity, sentence_start: int) -> str:
    if quantity.family == "factor":
        return "ratio"
    if quantity.family == "percent" and cues.SHARE_AFTER.match(_after(text, quantity, 40)):
        before = _before(text, quantity, 40)
        if re.search(r"\b(?:only|just|merely|mere|requir\w*|uses?|using|with)\b[^,.;]*$", before):
            return "ratio"
    if quantity.signed and text[quantity.start] == "+" or quantity.text.startswith("+"):
        return "delta"
    if cues.DELTA_AFTER.match(_after(text, quantity, 40)):
        return "delta"
    if cues.DELTA_BEFORE.search(text[max(sentence_start, quantity.start - 80) : quantity.start]):
        return "delta"
    return "score"


def direction_of(text: str, quantity: Quantity, sentence: tuple[int, int], metric: str | None) -> str:
    """Up or down for the quantity named by `metric`, from the nearest cue word."""
    window_start = max(sentence[0], quantity.start - 90)
    window = text[window_start : min(sentence[1], quantity.end + 50)]
    pivot = quantity.start - window_start
    candidates: list[tuple[int, str, bool]] = []
    for pattern, direction in ((cues.UP_WORDS, "up"), (cues.DOWN_WORDS, "down")):
        for m in pattern.finditer(window):
            distance = m.start() - (pivot + len(quantity.text)) if m.start() >= pivot else pivot - m.end()
            candidates.append((distance + (0 if m.start() >= pivot else 6), direction, bool(cues.PRAISE_WORDS.fullmatch(m.group()))))
    if not candidates:
        return "up"
    _, direction, praise = min(candidates)
    info = metric_info(metric)
    if praise and info is not None and not info.higher_is_better:
        return "down"
    return direction


def metric_for(
    text: str, quantity: Quantity, sentence: tuple[int, int], metrics: list[Mention], kind: str
) -> str | None:
    """The metric this number measures: named right after it, right before it, or implied by its unit."""
    after = _after(text, quantity, 40)
    count = cues.COUNT_AFTER.match(after)
    if count:
        return cues.COUNT_NOUNS.get(count.group(1).lower(), "parameters")
    if quantity.family == "flops":
        return "MACs" if "MAC" in (quantity.unit or "") else "FLOPs"
    following = [m for m in metrics if 0 <= m.start - quantity.end <= 25 and _no_break(text, quantity.end, m.start)]
    if following and quantity.family not in ("factor",):
        return following[0].name
    preceding = [m for m in metrics if 0 <= quantity.start - m.end <= 45 and _no_break(text, m.end, quantity.start)]
    if preceding:
        return preceding[-1].name
    implied = _implied_metric(text, quantity, sentence, metrics)
    if implied:
        return implied
    if following:
        return following[0].name
    return None


def _no_break(text: str, start: int, end: int) -> bool:
    """No clause boundary or other number between two points."""
    between = text[start:end]
    return not re.search(r"[;]|\d|\band\b(?!\s+(?:top|AP))|\bwhile\b|\bwhereas\b", between)


def _implied_metric(text: str, quantity: Quantity, sentence: tuple[int, int], metrics: list[Mention]) -> str | None:
    family = quantity.family
    after = _after(text, quantity, 50).lower()
    before = text[max(sentence[0], quantity.start - 60) : quantity.start].lower()
    if family == "time":
        for stem, metric in _TIME_METRICS.items():
            if stem in before or stem in after[:30]:
                return metric
        return "latency" if quantity.unit in ("ms", "μs", "µs", "mus") else None
    if family == "rate":
        return "FPS" if quantity.unit and "f" in quantity.unit.lower() else "throughput"
    if family == "memory":
        return "memory"
    if family == "energy":
        return "energy" if (quantity.unit or "").endswith("J") else "power"
    if family == "factor":
        return _factor_metric(after, before, metrics, quantity)
    if family == "scale" and re.search(r"param|model size", before[-40:]):
        return "parameters"
    return None


_FACTOR_AFTER = [
    (re.compile(r"^\s*(?:fewer|less|smaller|reduction in|lower)\s+(?:trainable\s+|learnable\s+)?(parameters|params)"), "parameters"),
    (re.compile(r"^\s*(?:fewer|less|lower|reduction in|reduced)\s+(flops|computation|compute|computational cost|macs)"), "FLOPs"),
    (re.compile(r"^\s*(?:lower|less|reduced?|reduction in)\s+(latency)"), "latency"),
    (re.compile(r"^\s*(?:lower|less|reduced?|reduction in)\s+(memory)"), "memory"),
    (re.compile(r"^\s*(?:faster|speed[- ]?ups?|acceleration|quicker)"), "speed"),
    (re.compile(r"^\s*(?:higher|more|greater)\s+(throughput)"), "throughput"),
    (re.compile(r"^\s*(?:smaller)"), "model size"),
]


def _factor_metric(after: str, before: str, metrics: list[Mention], quantity: Quantity) -> str | None:
    for pattern, metric in _FACTOR_AFTER:
        if pattern.search(after):
            if metric == "speed" and re.search(r"\btrain", before + after[:40]):
                return "training speed"
            if metric == "speed" and re.search(r"\binference|decod", before + after[:40]):
                return "inference speed"
            return metric
    if re.search(r"(speed[- ]?up|accelerat\w*|faster)\W*$", before[-30:]):
        return "speed"
    named = [m for m in metrics if 0 <= m.start - quantity.end <= 30]
    return named[0].name if named else None


def speed_metric(metric: str | None) -> bool:
    return metric in _SPEED_FAMILY
