"""Fast scans find exactly what the plain patterns they replace find."""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import grammar, loaders, names, scan, vocab
from claims import text as ctext

_NAMES = sorted({n for d in vocab.datasets().values() for n in (d.name, *d.aliases)})
_PIECES = [*_NAMES, *(n.lower() for n in _NAMES), *(n.upper() for n in _NAMES), " ", "-", "/", "(", "1", "K", "x"]
_PIECES += ["\u0131", "\u0130", "\u017f", "\u212a", "é", "×", "_"]  # letters whose case folding is irregular


def test_lower_case_folds_as_case_insensitive_regexes_do_on_every_code_point() -> None:
    """What `vocab._finditer_folded` relies on, on every character but those `vocab._lowered` refuses:
    lower() keeps the length, word characters stay word characters, only ASCII lowers to ASCII, and a
    character (?i) matches with an ASCII letter or digit lowers to it."""
    word = re.compile(r"\w")
    folds_to_ascii = re.compile(r"(?i)[a-z0-9]")
    cased = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or char in vocab._FOLDED_APART:
            continue
        lowered = char.lower()
        if len(lowered) != 1:
            assert char == "\u0130"  # refused by the length check
            continue
        assert bool(word.fullmatch(char)) == bool(word.fullmatch(lowered)), hex(code)
        assert char.isascii() or not lowered.isascii(), hex(code)
        if folds_to_ascii.fullmatch(char):
            cased.append(char)
    for char in cased:
        for letter in string.ascii_letters + string.digits:
            assert not re.fullmatch(f"(?i){letter}", char) or char.lower() == letter.lower(), (char, letter)


_ALIASES = sorted({a for m in vocab.metrics().values() for a in (m.name, *m.aliases)})
_METRIC_PIECES = [*_ALIASES, *(a.lower() for a in _ALIASES), *(a.upper() for a in _ALIASES), " ", "@", "-", "1"]
_METRIC_PIECES += ["\u0131", "\u0130", "\u017f", "\u212a", "É", "Ø", "µ", "_", "x"]


def _plain_datasets(text: str, start: int, end: int) -> list[re.Match[str]]:
    return [m for m in vocab.dataset_pattern().finditer(text, start, end) if vocab._written_right(m.group())]


def _plain_metrics(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(vocab.metric_pattern().finditer(text, start, end))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["datasets", "metrics"]), st.data())
def test_folded_scans_find_what_the_case_insensitive_patterns_find(names_of: str, data) -> None:
    pieces, fast, plain = {
        "datasets": (_PIECES, vocab.find_datasets, _plain_datasets),
        "metrics": (_METRIC_PIECES, vocab.find_metrics, _plain_metrics),
    }[names_of]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=30)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert [(m.span(), m.group()) for m in fast(text, start, end)] == [
        (m.span(), m.group()) for m in plain(text, start, end)
    ]


_WORDS = ["a", "Net", "-", " ", "  ", "\n", "\t", "\u00a0", "(", ")", "SMN", "x1", ",", ".", "é", "_", "of"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60), st.data())
def test_acronym_expansions_read_backwards_are_the_forward_search(words: list[str], data) -> None:
    text = "".join(words)
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(max(0, end - 120), end))
    forward = re.compile(r"(?:[\w-]+\s+){1,6}$").search(text, start, end)
    backward = names._EXPANSION_REVERSED.match(text[start:end][::-1])
    assert (forward.group() if forward else None) == (text[end - backward.end() : end] if backward else None)


def test_str_split_and_regex_whitespace_agree_on_every_code_point() -> None:
    """What `loaders._clean_line` relies on: " ".join(text.split()) is re.sub(r"\\s+", " ", text).strip()."""
    space = re.compile(r"\s")
    assert all((space.fullmatch(chr(code)) is not None) == chr(code).isspace() for code in range(sys.maxunicode + 1))
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert [char for char in spaces if char.isprintable()] == [" "]
    for text in (" \t a\u00a0\u2003b \n\x1c c\u200b  ", "a b", " a", "a ", "a  b", "a\u3000b", ""):
        assert loaders._clean_line(text) == re.sub(r"\s+", " ", text).strip()


_VERSION_WORDS = ["on", "son", " ", "\n", "V1", "v22", "x", "_", "-", "é", "on V2"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_VERSION_WORDS), max_size=20), st.data())
def test_bare_versions_boundary_looked_behind_is_the_word_boundary(words: list[str], data) -> None:
    text = "".join(words)
    start = data.draw(st.integers(0, len(text)))
    plain = re.compile(r"\bon\s+(?P<version>[Vv]\d+)\b")
    assert [m.span() for m in names._BARE_VERSION.finditer(text, start)] == [
        m.span() for m in plain.finditer(text, start)
    ]


_STOPS = [".", "!", "?", " ", "  ", "\n", "A", "a", "1", '"', "'", ")", "(", "[", "]", "e.g", "Fig", "U"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_STOPS)))
def test_sentence_boundaries_from_the_stop_are_those_looked_behind(pieces: list[str]) -> None:
    text = "".join(pieces)
    behind = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[])")
    assert [(m.start() + 1, m.end()) for m in ctext._BOUNDARY.finditer(text)] == [
        (m.start(), m.end()) for m in behind.finditer(text)
    ]


_NAME_PIECES = ["ViT", "vit", "-", "_", " ", "\t", "\u00a0", "a", "ViT-B", "(", "é", "1"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=4), st.lists(st.sampled_from(_NAME_PIECES)))
def test_names_are_counted_and_keyed_as_the_regexes_did(name: list[str], text: list[str]) -> None:
    name, text = "".join(name), "".join(text)
    assert names._uses(name, text) == len(re.findall(rf"(?<![\w-]){re.escape(name)}", text))
    assert vocab.name_key(text) == re.sub(r"[\s_-]+", "", text.lower())


_NOISE = st.lists(st.sampled_from(["\\", "s", "sim", "~", "≈", ">=", "-", "−", "+", ".", " ", "a", "^"]), max_size=8)
_LEADS = ["\\sim .", "\\sim ", "\\sim", "sim .", "sim", "~ .", "≈", ">= .", "≤", "−.", "+", "-", ".", ""]


@settings(max_examples=1000, deadline=None)
@given(_NOISE, st.sampled_from(_LEADS), st.sampled_from(["1", "23", "4.5"]), _NOISE, st.data())
def test_candidates_scanned_from_the_first_digit_are_all_candidates(before, lead, number, after, data) -> None:
    text = "".join(before) + lead + number + "".join(after)
    start = data.draw(st.integers(0, len("".join(before))))
    saved = grammar._LEAD
    try:
        grammar._LEAD = len(text) + 1  # scan the whole span
        everywhere = grammar.quantities(text, start)
    finally:
        grammar._LEAD = saved
    assert grammar.quantities(text, start) == everywhere


_TEXT_PIECES = [
    "on",
    "in",
    "with",
    " ",
    "the ",
    "ImageNet",
    "X-Net",
    "ResNet-50",
    "ViT-B/16",
    " dataset",
    " benchmark",
    "named",
    "called ",
    "Ours",
    "a",
    "-",
    "_",
    ".",
    ",",
    "é",
    "(",
    "\n",
    "1",
    "GPT",
    "s",
]


def _written(pattern: re.Pattern[str]) -> str:
    return pattern.pattern.replace("(?<!\\w)", "\\b", 1)  # as names.py had them


_LED = {
    "models": (names._MODEL_SHAPE, names._MODEL_SHAPE_LED, names._MODEL_SHAPE.pattern),
    "naming": (names._NAMING, names._NAMING_LED, _written(names._NAMING)),
    "open datasets": (names._OPEN_DATASET, names._OPEN_DATASET_LED, _written(names._OPEN_DATASET)),
}


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(sorted(_LED)), st.lists(st.sampled_from(_TEXT_PIECES), max_size=30), st.data())
def test_led_scans_find_what_the_patterns_find(which: str, pieces: list[str], data) -> None:
    """scan.finditer finds what finditer finds; the patterns' (?<!\\w) is the \\b they were written with."""
    pattern, led, written = _LED[which]
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain = [m.span() for m in re.compile(written).finditer(text, start, end)]
    assert [m.span() for m in pattern.finditer(text, start, end)] == plain
    assert [m.span() for m in scan.finditer(pattern, led, text, start, end)] == plain
