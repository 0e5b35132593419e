"""Grammar step: the quantities written in a sentence, as typed values.

A cheap regex scan finds where a number starts; the pyparsing grammar then
reads the quantity there (bound symbol, value or range, unit), anchored at
that position, so the grammar never walks text without numbers. The grammar
is built bottom-up from small named pieces, `Regex` for the hot tokens.
LaTeX leftovers of page text ("87.7\\%", "16times", "118\\times", "sim 50%",
"muJ") are read for what they mean; the matched text stays verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pyparsing as pp

from claims.extraction import scan

# --------------------------------------------------------------------------- tokens
# What text extracted from PDFs leaves inside numbers and no reader sees: format characters (zero-width
# space, direction marks, soft hyphen, word joiner, BOM) and combining marks. A number is read through them
# ("8<RLM>5.3%" is 85.3%), its text kept verbatim, its value without them.
INVISIBLE = "\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u0300-\u036f"
_GAP = f"[{INVISIBLE}]*"
_DIGITS = rf"\d(?:{_GAP}\d)*"
NUMBER_RE = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,]\d)|{_DIGITS}(?:{_GAP}\.{_GAP}{_DIGITS})?|\.{_DIGITS}"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Scientific notation, read as one number: "1.2e-3", "1.2×10⁻³", "1.2 x 10^{-3}", "3\times10^5".
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
EXPONENT_RE = (
    r"[eE][-+−]?\d{1,3}(?![\w.])"
    r"|\s?(?:[×x*·]|\\times)\s?10(?:\^\{?[-+−]?\d{1,3}\}?|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![\w.])"
)

# Compute time on accelerators: "8 GPU hours", "1.5 A100 GPU-days", "two GPU search days", "3 TPUv4 days".
_ACCELERATORS = ("GPU", "TPU", "A100 GPU", "V100 GPU", "H100 GPU", "TPUv3", "TPUv4", "TPU v3", "TPU v4")
_DEVICE_TIME = [
    f"{device}{separator}{search}{span}"
    for device in _ACCELERATORS
    for separator in (" ", "-")
    for search in ("", "search ")
    for span in ("hours", "hour", "days", "day")
]

_UNIT_SURFACES = {
    "percent": [r"\%", "%", " percent", " percentage points", " pp"],
    "factor": [r"\times", "times", "×", "x", "X", "-fold", " fold", "-times"],
    "flops": [f"{p}FLOPs" for p in ("", "G", "M", "T", "P", "K")]
    + [f"{p}FLOPS" for p in ("", "G", "M", "T", "P")]
    + [f"{p}MACs" for p in ("", "G", "M", "T", "K")],
    "scale": ["K", "k", "M", "B", "G", "T", "Bn", " million", " billion", " thousand", " trillion"],
    "time": [
        "ms",
        "s",
        "sec",
        "secs",
        "second",
        "seconds",
        "min",
        "mins",
        "minute",
        "minutes",
        "h",
        "hr",
        "hrs",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "μs",
        "µs",
        "mus",
        *_DEVICE_TIME,
    ],
    "rate": ["fps", "FPS", "frames per second", "frames/s", "images/s", "img/s", "tokens/s", "Hz", "kHz", "MHz"],
    "memory": ["GB", "MB", "KB", "TB", "GiB", "MiB", "KiB", "TiB", "bytes", "Mb", "Gb"],
    "energy": ["J", "mJ", "kJ", "muJ", "μJ", "µJ", "W", "mW", "kW"],
    "level": ["dB"],
    "points": [" points", " point", " pts", "-point"],  # a change in the metric's own unit ("gains 2.1 points of BLEU")
    "length": ["cm", "mm", "km", "nm"],
}
UNIT_FAMILY = {surface.strip(): family for family, surfaces in _UNIT_SURFACES.items() for surface in surfaces}


_GLUED_COMPARATIVES = ("smaller", "faster", "fewer", "larger", "less", "lower", "higher", "cheaper", "more", "slower")


# `_DEVICE_TIME` as one pattern: the same surfaces, read without trying each (UNIT_FAMILY still names each).
_DEVICE_TIME_PATTERN = r"(?:(?:[AVH]100 )?GPU|TPU(?: ?v[34])?)[ -](?:search )?(?:hours|hour|days|day)"


def _unit_regex() -> str:
    device_time = set(_DEVICE_TIME)
    surfaces = sorted({s for group in _UNIT_SURFACES.values() for s in group} - device_time, key=len, reverse=True)
    spaced = [re.escape(s) for s in surfaces if s[0] in " -"]
    glued = [_DEVICE_TIME_PATTERN] + [re.escape(s) for s in surfaces if s[0] not in " -"]
    # A unit is glued or after one space, and never runs on into a word or
    # a second number ("16times16" is a patch size, not a factor).
    body = rf"(?:{'|'.join(spaced)}|\s?(?:{'|'.join(glued)}))"
    # "~3xsmaller": a factor's x glued to the comparative it qualifies
    glued_factor = rf"[x×](?=(?:{'|'.join(_GLUED_COMPARATIVES)})\b)"
    return rf"(?:{body}(?![A-Za-z0-9&@]|\s?\d)|{glued_factor})"  # not the "J" of "J&F"


# The grammar of a written quantity, built bottom-up from named pieces:
#   quantity   := prefix? low unit? range?
#   prefix     := bound symbol? sign? "1:"?     ("~", "<=", "+", "1:" of "a compression ratio of 1:48")
#   low        := number "+"?                   ("30+ FPS": at least 30)
#   range      := separator number unit?        ("3-4times", "10 to 20%")
# The unit after the first number is read once: it is the low end's unit when a range follows, else the
# quantity's. Every piece is optional after `low`, so the first way each piece matches is the only one
# (as pyparsing's Opt reads them), and each piece is a regex: the quantity is one `pp.Regex` of them, read
# as one token (a hot path: a few candidates in every abstract).
PREFIX_RE = r"(?P<symbol>\\sim\s?|sim\s?|~\s?|≈|>=|<=|≥|≤|>|<)?(?P<sign>[+\-−])?(?P<one_to>1\s?:\s?(?=\d))?"
LOW_RE = rf"(?P<low>{NUMBER_RE})(?P<exponent>{EXPONENT_RE})?(?P<plus>\+(?![\d\w]))?"
UNIT_RE = _unit_regex()
RANGE_SEPARATOR_RE = r"\s?(?:-|–|~|∼|to)\s?(?=[\d.])"
RANGE_RE = rf"{RANGE_SEPARATOR_RE}(?P<high>{NUMBER_RE})(?P<unit>{UNIT_RE})?"
UNPREFIXED_RE = rf"{LOW_RE}(?P<low_unit>{UNIT_RE})?(?:{RANGE_RE})?"
UNPREFIXED = pp.Regex(UNPREFIXED_RE).set_name("quantity")
QUANTITY = pp.Regex(PREFIX_RE + UNPREFIXED_RE).set_name("bounded quantity")
# At a digit or a point the prefix can only be empty (no symbol or sign starts with one), unless
# it is the "1:" of a ratio: there the rest is read alone (most candidates start with a digit).
_UNPREFIXED_STARTS = frozenset("0123456789.")
_ONE_TO_START = re.compile(r"1\s?:")  # (read through `.re`, so no whitespace is skipped before them)
# The grammar's compiled regexes, compiled here: pyparsing compiles one when first read, which cost the first
# paper with a bound symbol (after any warm-up) 10 ms
_UNPREFIXED_RE, _QUANTITY_RE = UNPREFIXED.re, QUANTITY.re

# Where a quantity may start: a digit that is not inside a name ("ResNet50",
# "ImageNet-1K", "ViT-B/16"), maybe after a sign or a bound symbol.
CANDIDATE = re.compile(
    r"(?=[\\s~≈≥≤><+\-−.\d])"  # every candidate starts with one of these: a cheap first test at each position
    r"(?:(?:(?:\\sim|(?<![A-Za-z])sim)\s?|[~≈≥≤><]=?\s?)(?=\.?\d)"
    r"|(?:(?<![\w.])[+\-−])?(?<![\w.,^{@])(?<![A-Za-z\d]-)(?<![A-Za-z]/)(?=\.?\d))"
)


_DIGIT = re.compile(r"\d")
_LEAD = 6  # a candidate starts at most this far before its first digit ("\\sim .5"): the scan starts there


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity as written: where it is and what it says."""

    start: int
    end: int
    text: str
    low: float
    high: float | None
    unit: str | None  # surface unit, stripped ("%", "times", "GFLOPs", "M")
    symbol: str | None  # bound symbol written with the number ("~", ">", "sim")
    signed: bool
    family: str | None  # the unit's family ("percent", "factor", "time"...), read often: stored

    @property
    def value(self) -> float:
        """A range is claimed at its top: "3-4times" -> 4."""
        return self.high if self.high is not None else self.low


def _to_float(text: str, exponent: str | None = None) -> float:
    """The value of a number as written (invisible characters and thousands commas aside), times its power of ten."""
    value = float((text if text.isascii() else _INVISIBLE.sub("", text)).replace(",", ""))  # none is ASCII
    return float(f"{value!r}e{_power(exponent)}") if exponent else value  # 3e-05, not 3 * 10.0**-5


def _power(exponent: str) -> int:
    """The power of ten of "e-3", "×10⁻³", "x10^{-3}": the last signed integer written."""
    plain = exponent.translate(_SUPERSCRIPTS).replace("−", "-")
    if plain != exponent.replace("−", "-"):  # superscript digits: the power is written after the 10
        plain = plain[plain.rindex("10") + 2 :]
    return int(re.findall(r"[-+]?\d+", plain)[-1])


def _clean_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = unit.strip().lstrip("-").strip()
    return unit or None


_LONGEST = 64  # the longest quantity read; written ones are under 30 characters
# Room after it for the longest unit and the two characters its lookahead reads.
_WINDOW = _LONGEST + max(len(surface) for surface in UNIT_FAMILY) + 3


def quantity_at(text: str, position: int, end: int | None = None) -> Quantity | None:
    """Read the quantity that starts at `position` (and ends by `end`), or None.

    A quantity longer than `_LONGEST` is none: the window it is read in may
    have cut its number or its unit ("1111...1" of ten thousand digits is not
    a number a paper claims).
    """
    end = len(text) if end is None else end
    limit = min(position + _WINDOW, end)  # the window, matched in place (its lookarounds see only it)
    unprefixed = text[position : position + 1] in _UNPREFIXED_STARTS and not _ONE_TO_START.match(text, position, limit)
    # the grammar's compiled regex, matched directly: parse_string's setup costs more than the match
    match = (_UNPREFIXED_RE if unprefixed else _QUANTITY_RE).match(text, position, limit)
    if match is None or match.end() - position > _LONGEST:
        return None
    raw = text[position : match.end()].rstrip()
    parts = match.groupdict()
    unit = _clean_unit(parts["unit"]) or _clean_unit(parts["low_unit"])
    if unit is None and parts.get("one_to") is not None:
        unit = "x"
    return Quantity(
        start=position,
        end=position + len(raw),
        text=raw,
        low=_to_float(parts["low"], parts["exponent"]),
        high=_to_float(parts["high"]) if parts["high"] is not None else None,
        unit=unit,
        symbol=(parts.get("symbol") or "").strip().lstrip("\\") or (">=" if parts["plus"] else None),
        signed=parts.get("sign") is not None,
        family=UNIT_FAMILY.get(unit) if unit else None,
    )


def quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in text[start:end], left to right, none overlapping."""
    end = len(text) if end is None else end
    found: list[Quantity] = []
    digit = _DIGIT.search(text, start, end)
    if not digit:
        return found  # most sentences: no number, nothing to scan
    covered = start
    for match in CANDIDATE.finditer(text, max(start, digit.start() - _LEAD), end):
        if match.start() < covered:
            continue
        quantity = quantity_at(text, match.start(), end)
        if quantity is not None:
            if quantity.unit is None and _FACTOR_OF.search(text, max(0, quantity.start - 20), quantity.start):
                quantity = replace(quantity, unit="x", family="factor")  # "by a factor of 2": a factor
            elif quantity.unit is None and _PERCENT_SPREAD_AFTER.match(text, quantity.end):
                quantity = replace(quantity, unit="%", family="percent")  # "84.2 ± 0.3%": both in percent
            found.append(quantity)
            covered = quantity.end
    return found


_PERCENT_SPREAD_AFTER = re.compile(r"\s*(?:±|\+/-|\\pm)\s*\d+(?:\.\d+)?\s*\\?%")
_FACTOR_OF = re.compile(r"\bfactor\s+of\s+(?:about\s+|around\s+|nearly\s+|up\s+to\s+)?$", re.IGNORECASE)


# --------------------------------------------------------------------------- numbers in words
# Results written in words: "four times faster", "two-fold", "half the parameters", "a third of the FLOPs",
# "1/10 of the cost". Read by one regex apart from the digit grammar; a share of a cost is the factor it
# divides the cost by ("half" -> 2x), as the guidelines write it.
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a hundred": 100, "one hundred": 100, "hundred": 100, "a thousand": 1000, "thousand": 1000,
}  # fmt: skip
FRACTION_WORDS = {"half": 2, "a half": 2, "one half": 2, "a third": 3, "one third": 3, "a quarter": 4,
                  "one quarter": 4, "a fifth": 5, "one fifth": 5, "a tenth": 10, "one tenth": 10}  # fmt: skip
_COST = r"(?:parameters|params|FLOPs|compute|computation|computational cost|memory|cost|latency|time|size|energy|MACs)"
_DEVICE_TIME_RE = "|".join(sorted(map(re.escape, _DEVICE_TIME), key=len, reverse=True))
_WORD_NUMBER = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
_FRACTION = "|".join(sorted((re.escape(w).replace(r"\ ", "[\\s-]") for w in FRACTION_WORDS), key=len, reverse=True))
WORD_QUANTITY = re.compile(
    rf"(?<![\w-])(?:(?:(?P<low>{_WORD_NUMBER})\s+to\s+)?(?P<times>{_WORD_NUMBER})(?:\s+times|-fold|\s+fold)(?![\w-])"
    rf"|(?P<count>{_WORD_NUMBER}|one|a single)\s+(?P<device_time>{_DEVICE_TIME_RE})(?![\w-])"
    r"|(?P<twice>twice)(?=\s+(?:as\s+(?:fast|quick|efficient)\s+as|faster|quicker|fewer|smaller|cheaper)\b)"
    rf"|(?P<halves>halv(?:es|ed|ing))(?=\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?{_COST}\b)"
    rf"|(?P<fraction>{_FRACTION})(?=\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?{_COST}\b)"
    rf"|(?P<one_in>1/(?P<divisor>\d+))(?=\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?{_COST}\b))",
    re.IGNORECASE,
)
# A cheap gate before the full pattern: led by a class of first letters, the regex engine jumps between them.
_WORD_TRIGGER = re.compile(r"[TtFfHhQqGP1](?:imes|IMES|old|OLD|alf|alv|wice|hird|uarter|ifth|enth|/\d|PU)")
# Every match starts with a number word, "one", "a single", a fraction word or "1/": led by their first letters
# (claims/extraction/scan.py), the same matches, in 0.6 of the time.
_WORD_QUANTITY_STARTS = [*NUMBER_WORDS, "one", "a single", *FRACTION_WORDS, "1/", "twice", "halv"]
_WORD_QUANTITY_FIRST = "[" + "".join(sorted({word[0] for word in _WORD_QUANTITY_STARTS})) + "]"
_WORD_QUANTITY_LED = scan.led(WORD_QUANTITY, r"[\w-]", _WORD_QUANTITY_FIRST)


_FRACTION_SEPARATOR = re.compile(r"[\s-]+")


def fraction_key(written: str) -> str:
    """The key of FRACTION_WORDS a written fraction is under ("One-Third" -> "one third")."""
    return _FRACTION_SEPARATOR.sub(" ", written.lower())


# Every `_WORD_TRIGGER` match holds one of these (what follows its first letter, or "1/"): an abstract that holds
# none (half of them) is not scanned.
_WORD_TRIGGER_TAILS = ("imes", "IMES", "old", "OLD", "alf", "alv", "wice", "hird", "uarter", "ifth", "enth", "1/", "PU")


def word_triggers(text: str) -> list[int]:
    """Where a number in words may be: every one holds one of these words."""
    if not any(tail in text for tail in _WORD_TRIGGER_TAILS):
        return []
    return [match.start() for match in _WORD_TRIGGER.finditer(text)]


def word_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Factors written in words or as a fraction of a cost, in text[start:end]."""
    end = len(text) if end is None else end
    if not _WORD_TRIGGER.search(text, start, end):
        return []
    found = []
    for match in scan.finditer(WORD_QUANTITY, _WORD_QUANTITY_LED, text, start, end):
        high = None
        if match.group("times"):
            value = float(NUMBER_WORDS[match.group("times").lower()])
            if match.group("low"):  # "four to forty times": a range, claimed at its top
                value, high = float(NUMBER_WORDS[match.group("low").lower()]), value
        elif match.group("device_time"):  # "one GPU search day"
            count = match.group("count").lower()
            value = float(NUMBER_WORDS.get(count, 1))
            found.append(Quantity(match.start(), match.end(), match.group(), value, None, match.group("device_time"),
                                  None, False, "time"))  # fmt: skip
            continue
        elif match.group("twice") or match.group("halves"):  # "twice as fast as", "halves the memory"
            value = 2.0
        elif match.group("fraction"):
            value = float(FRACTION_WORDS[fraction_key(match.group("fraction"))])
        else:
            value = float(match.group("divisor"))
        found.append(Quantity(match.start(), match.end(), match.group(), value, high, "x", None, False, "factor"))
    return found
