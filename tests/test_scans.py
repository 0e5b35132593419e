"""Fast scans find exactly what the plain patterns they replace find."""

from __future__ import annotations

import dataclasses
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import attribution, cues, grammar, names, reading, scan, vocab
from claims.extraction import text as ctext
from claims.ingest import loaders


def _longest_names(names: dict[str, bool], before: str, after: str):
    """The reference scan, by another road than the automaton: at each place from the left where a name
    may start, every length a name has, longest first; a name matches in any case (as a case-insensitive
    regex compares) unless it must be as written; the first that fits wins, and the scan goes on after it."""
    by_fold: dict[str, list[tuple[str, bool]]] = {}
    for name, exact in names.items():
        by_fold.setdefault(vocab.fold(name), []).append((name, exact))
    lengths = sorted({len(key) for key in by_fold}, reverse=True)
    blocked, blocked_after = re.compile(before), re.compile(after)

    def scan(text: str, start: int, end: int) -> list[tuple[tuple[int, int], str]]:
        found, position = [], start
        for at in range(start, end):
            if at < position or (at > 0 and blocked.match(text[at - 1])):
                continue
            for length in lengths:
                stop = at + length
                if stop > end or blocked_after.match(text, stop, end):
                    continue
                entries = by_fold.get(vocab.fold(text[at:stop]), [])
                if any(not exact or text.startswith(name, at) for name, exact in entries):
                    found.append(((at, stop), text[at:stop]))
                    position = stop
                    break
        return found

    return scan


_DATASET_NAMES = {name: vocab._only_as_written(name) for name in vocab._scanned_dataset_names()}
_dataset_reference = _longest_names(_DATASET_NAMES, r"[\w-]", vocab.DATASET_NAME_GOES_ON)
# English-word benchmark names: as written, only where no other name fits, then only where named as benchmarks
_plain_reference = _longest_names({name: True for name in vocab._plain_names()}, r"[\w-]", vocab.DATASET_NAME_GOES_ON)
_metric_reference = _longest_names(
    {alias: vocab._is_case_sensitive(alias) for alias in vocab._metric_aliases()}, r"[A-Za-z_@-]", r"[\w@]"
)

# Characters whose case folds irregularly: lower case of two characters, (?i) pairs whose lower cases differ
# (dotless i, long s, final sigma, micro sign...), lower cases that are ASCII (Kelvin sign).
_ODD = [
    "\u0131",
    "\u0130",
    "\u017f",
    "\u212a",
    "\u212b",
    "\u03c2",
    "\u03c3",
    "\u03a3",
    "\u00b5",
    "\u03bc",
    "\u039c",
    "\u1e9b",
    "\ufb05",
    "\ufb06",
    "\u1c84",
    "\u0442",
    "é",
    "É",
    "ø",
    "Ø",
    "×",
    "_",
]
_NAMES = sorted({n for d in vocab.datasets().values() for n in (d.name, *d.aliases)})
_PIECES = [*_NAMES, *(n.lower() for n in _NAMES), *(n.upper() for n in _NAMES), " ", "-", "/", "(", "1", "K", "x"]
_PIECES += _ODD
_ALIASES = sorted(set(vocab._metric_aliases()))
_METRIC_PIECES = [*_ALIASES, *(a.lower() for a in _ALIASES), *(a.upper() for a in _ALIASES), " ", "@", "-", "1", *_ODD]
_METRIC_PIECES += ["Fr\u00e9chet", "FR\u00c9CHET", "Bj\u00d8ntegaard", "\u00b5s", "x"]


def test_fold_is_what_case_insensitive_regexes_compare_on_every_code_point() -> None:
    """What the automata rely on: `vocab.fold` keeps offsets, and two characters fold alike exactly
    where (?i) matches one with the other (each group of a fold checked pair by pair; and no other
    character matches one of them)."""
    chars = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
    folds = [vocab.fold(char) for char in chars]
    assert all(len(folded) == 1 for folded in folds)
    assert vocab.fold("".join(chars)) == "".join(folds)  # a character's fold does not depend on its neighbours
    cased = {char for char, folded in zip(chars, folds, strict=True) if folded != char or char.upper() != char}
    cased |= {folded for char, folded in zip(chars, folds, strict=True) if folded != char}
    groups: dict[str, list[str]] = {}
    for char in cased:
        groups.setdefault(vocab.fold(char), []).append(char)
    everything = "".join(chars)
    # no character out of `cased` matches one in it under (?i): those match only themselves, and fold to themselves
    class_of_cased = re.compile("(?i)[" + "".join(map(re.escape, sorted(cased))) + "]")
    assert set(class_of_cased.findall(everything)) == cased
    assert all(folded == char for char, folded in zip(chars, folds, strict=True) if char not in cased)
    text = "".join(sorted(cased))
    for folded, members in groups.items():
        assert folded in members, (folded, members)
        matched = re.compile("(?i)[" + "".join(map(re.escape, members)) + "]").findall(text)
        assert sorted(matched) == sorted(members), (folded, members, matched)
        for one in members:
            assert all(re.fullmatch("(?i)" + re.escape(one), other) for other in members), (one, members)


def _plain_datasets(text: str, start: int, end: int) -> list[tuple[tuple[int, int], str]]:
    found = _dataset_reference(text, start, end)
    if not any(name in text for name in vocab._plain_names()):
        return [m for m in found if vocab._written_right(m[1])]
    # where no other name starts, an English-word name may (and then cuts what overlaps it)
    starts = {span[0] for span, _ in found}
    merged, position = [], start
    for span, name in sorted(found + [p for p in _plain_reference(text, start, end) if p[0][0] not in starts]):
        if span[0] >= position:
            merged.append((span, name))
            position = span[1]
    words = vocab._plain_names()
    return [
        (span, name)
        for span, name in merged
        if (
            vocab._named_as_benchmark(text, vocab.NameMatch(text, *span))
            if name in words
            else vocab._written_right(name)
        )
    ]


def _plain_metrics(text: str, start: int, end: int) -> list[tuple[tuple[int, int], str]]:
    return _metric_reference(text, start, end)


def _case_changed(name: str, flips: list[bool]) -> str:
    return "".join(c.swapcase() if flip else c for c, flip in zip(name, flips + [False] * len(name), strict=False))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(["datasets", "metrics"]), st.data())
def test_automaton_scans_find_what_the_vocabulary_regexes_find(names_of: str, data) -> None:
    pieces, fast, plain = {
        "datasets": (_PIECES, vocab.find_datasets, _plain_datasets),
        "metrics": (_METRIC_PIECES, vocab.find_metrics, _plain_metrics),
    }[names_of]
    piece = st.builds(_case_changed, st.sampled_from(pieces), st.lists(st.booleans(), max_size=12))
    text = "".join(data.draw(st.lists(piece, max_size=30)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert [(m.span(), m.group()) for m in fast(text, start, end)] == plain(text, start, end)


_SEPARATORS = [" ", "-", "/", "(", ")", "1", "5", "+", ".", ":", "@", "_", "x", "\x00", "\t"]


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(["datasets", "metrics"]), st.data())
def test_marked_scans_of_ascii_text_find_what_the_automaton_finds(names_of: str, data) -> None:
    """The names of ASCII text, found by the automaton of marked names, are those every place is checked for."""
    pieces, scanner = {
        "datasets": (_NAMES, vocab._dataset_scanner()),
        "metrics": (_ALIASES, vocab._metric_scanner()),
    }[names_of]
    unmarked = dataclasses.replace(scanner, marked=None)
    piece = st.builds(_case_changed, st.sampled_from(pieces), st.lists(st.booleans(), max_size=12))
    text = "".join(data.draw(st.lists(piece | st.sampled_from(_SEPARATORS), max_size=30)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = [m.span() for m in unmarked.finditer(text, start, end)]
    assert [m.span() for m in scanner.finditer(text, start, end)] == found


def test_marked_scans_on_the_sample_abstracts() -> None:
    for scanner in (vocab._dataset_scanner(), vocab._metric_scanner()):
        unmarked = dataclasses.replace(scanner, marked=None)
        for abstract in loaders.load()["abstract"]:
            for start, end in [(0, len(abstract)), *ctext.sentence_spans(abstract)]:
                found = [m.span() for m in unmarked.finditer(abstract, start, end)]
                assert [m.span() for m in scanner.finditer(abstract, start, end)] == found


@settings(max_examples=400, deadline=None)
@given(st.builds(_case_changed, st.sampled_from(_PIECES), st.lists(st.booleans(), max_size=12)), st.data())
def test_dataset_names_are_what_the_regex_matches_whole(name: str, data) -> None:
    name += data.draw(st.sampled_from(["", "", " ", "-1", "\u0131", "s"]))
    expected = _plain_datasets(name, 0, len(name)) == [((0, len(name)), name)]
    assert vocab.is_dataset_name(name) == expected


def test_every_name_is_found_where_the_regex_finds_it() -> None:
    """Each name, in its own case, lower and upper case, alone and followed by a word."""
    for all_names, fast, plain in (
        (_NAMES, vocab.find_datasets, _plain_datasets),
        (_ALIASES, vocab.find_metrics, _plain_metrics),
    ):
        for name in all_names:
            for text in (name, name.lower(), name.upper(), f"({name} score)", f"a {name}-b {name.upper()}s"):
                assert [m.span() for m in fast(text, 0, len(text))] == [
                    span for span, _ in plain(text, 0, len(text))
                ], text


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


_ABBREVIATED = ["e.g", "i.e", "et al", "vs", "etc", "Fig", "Figs", "Eq", "Sec", "No", "approx", "cf", "resp", "w.r.t"]
_ABBREVIATION_PIECES = [
    *_STOPS, *_ABBREVIATED, *(f"{word}." for word in _ABBREVIATED), *(w.upper() for w in _ABBREVIATED), "-", "Z.", "É.",
]  # fmt: skip


def _sentence_spans_searching_every_stop(text: str) -> list[tuple[int, int]]:
    """`ctext.sentence_spans` as it was before its gate: the abbreviation searched at every stop, blanks dropped."""
    spans, start = [], 0
    for match in ctext._BOUNDARY.finditer(text):
        end = match.start() + 1
        if ctext._ABBREVIATION.search(text, max(0, end - 8), end):
            continue
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_ABBREVIATION_PIECES)))
def test_stops_skipped_where_no_abbreviation_can_end_are_the_searches(pieces: list[str]) -> None:
    text = "".join(pieces)
    for end in (at + 1 for at, char in enumerate(text) if char in ".!?"):  # the gate is asked only after a stop
        assert ctext.may_abbreviate(text, end) or not ctext._ABBREVIATION.search(text, max(0, end - 8), end), end
    assert ctext.sentence_spans(text) == _sentence_spans_searching_every_stop(text)


def test_sentence_spans_of_the_sample_abstracts_are_those_searching_every_stop() -> None:
    for abstract in loaders.load()["abstract"]:
        assert ctext.sentence_spans(abstract) == _sentence_spans_searching_every_stop(abstract)


_NAME_PIECES = ["ViT", "vit", "-", "_", " ", "\t", "\u00a0", "a", "ViT-B", "(", "é", "1"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=4), st.lists(st.sampled_from(_NAME_PIECES)))
def test_names_are_counted_and_keyed_as_the_regexes_did(name: list[str], text: list[str]) -> None:
    name, text = "".join(name), "".join(text)
    # a use starts a word and is not the start of a longer name ("DiNA" in "DiNAT")
    assert names._uses(name, text) == len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![A-Z0-9])", text))
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


# Pieces of numbers in words, in changed cases and with the characters (?i) pairs with ASCII letters
_WORD_NUMBER_PIECES = [
    *grammar.NUMBER_WORDS, *grammar.FRACTION_WORDS, "one", "a single", "1/", "10", "times", "fold", "-fold",
    " of the ", "parameters", "GPU days", "TPU-hours", "to", " ", "  ", "-", ",", "x", "ſix", "\u212aB", "ınto",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.builds(_case_changed, st.sampled_from(_WORD_NUMBER_PIECES), st.lists(st.booleans())), max_size=20))
def test_word_quantities_led_by_their_first_letters_are_those_of_the_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = [m.span() for m in grammar.WORD_QUANTITY.finditer(text)]
    assert [m.span() for m in scan.finditer(grammar.WORD_QUANTITY, grammar._WORD_QUANTITY_LED, text)] == plain


_INTRODUCTION_PIECES = [
    "We", "we", "This paper", "this work", "This", ", and", "and then", "and", " ", "  ", ",", ".", "! ", "? ",
    "propose", "introduces", "present", "trained", "call", "named", "dubs", "s", "d", "a", "an", "is", "GPT-2",
    "FooNet", "model", "network", "detector", "Our", "achieves", "outperforms", "sets", "re", "p", "_", "3",
    "(fast)", "new", "x",
]  # fmt: skip
_FROM_LITERALS = {
    "introduce": (names._INTRODUCE, names._INTRODUCE_STARTS),
    "defined subject": (names._DEFINED_SUBJECT, names._STOPS),
}


def _result_subjects_scanning_every_verb(abstract: str) -> list[str]:
    """names._result_subjects as it was: every match of the verb pattern read."""
    found = []
    for verb in names._RESULT_VERB.finditer(abstract):
        if verb.group() not in names._RESULT_VERBS or (verb.start() and abstract[verb.start() - 1].isalpha()):
            continue
        subject = names._SUBJECT_BEFORE.search(abstract, max(0, verb.start() - 90), verb.start())
        if subject is None:
            continue
        name = subject.group("name").rstrip(".-")
        if names._looks_like_name(name) and not vocab.metric_info(name):
            found.append(names.singular(name, abstract))
    return found


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(sorted(_FROM_LITERALS)), st.lists(st.sampled_from(_INTRODUCTION_PIECES), max_size=40))
def test_scans_from_their_first_words_find_what_the_patterns_find(which: str, pieces: list[str]) -> None:
    pattern, starts = _FROM_LITERALS[which]
    text = "".join(pieces)
    plain = [m.span() for m in pattern.finditer(text)]
    if which == "defined subject":  # searched from the text's start, then from each stop
        first = pattern.match(text) or next(scan.finditer_from(pattern, starts, text), None)
        assert (first and first.span()) == (plain[0] if plain else None)
    else:
        assert [m.span() for m in scan.finditer_from(pattern, starts, text)] == plain
    assert names._result_subjects(text) == _result_subjects_scanning_every_verb(text)


def test_scans_from_first_words_on_the_sample_abstracts() -> None:
    for abstract in loaders.load()["abstract"]:
        introductions = scan.finditer_from(names._INTRODUCE, names._INTRODUCE_STARTS, abstract)
        assert [m.span() for m in introductions] == [m.span() for m in names._INTRODUCE.finditer(abstract)]
        defined = names._DEFINED_SUBJECT.search(abstract)
        assert names._defined_subject(abstract) == (
            [defined.group("name")] if defined and names._looks_like_name(defined.group("name")) else []
        )
        assert names._result_subjects(abstract) == _result_subjects_scanning_every_verb(abstract)


# Words before a number: the cue words of a change in changed cases, what comes between them, and characters
# (?i) pairs with ASCII letters ("\u017f" is an "s", "\u212a" a "k", "\u0131" an "i")
_CHANGE_WORDS = [w for w in reading.DELTA_BEFORE_WORDS if len(w) > 2] + ["improvement", "gains", "speed-up", "loses"]
_BEFORE_PIECES = [
    *_CHANGE_WORDS, *(w.upper() for w in _CHANGE_WORDS), *(w.title() for w in _CHANGE_WORDS), "by", "BY", "By",
    "b", "y", " ", "  ", "\n", ",", ":", "(", ")", "~", "+", "a", "an", "of", "up to", "at the cost of", "such as",
    "outperforms X", "margin on A, namely,", "i.e.", "the", "\u017fav", "lo\u017f\u017f", "\u0131mprov", "cite{a",
    "https://x/v", "www.x", "cit", "e{", "://", "lowers X ", "raises ", "cuts ", "sacrificing ",
    "exceeding the prior best ", "(absolute ", "at a cost of ", "savings (", "gaps: ", *_ODD,
]  # fmt: skip


def _windows_before_numbers() -> list[str]:
    """The 80 characters before each digit of the sample abstracts."""
    return [a[max(0, m.start() - 80) : m.start()] for a in loaders.load()["abstract"] for m in re.finditer(r"\d", a)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_BEFORE_PIECES), max_size=30))
def test_searches_skipped_where_none_of_their_words_is_are_the_searches(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert reading._delta_before(text) == bool(cues.DELTA_BEFORE.search(text))
    assert reading._is_reference_before(text) == bool(reading._REFERENCE_BEFORE.search(text))
    starts = set(reading._DELTA_BEFORE_START.starts(vocab.fold(text)))
    # every place a match starts is one `_delta_before` tries (even where an earlier place would find one)
    assert all(at in starts for at in range(len(text)) if cues.DELTA_BEFORE.match(text, at)), text


# a change of each way cues.DELTA_BEFORE reads one, from its first word
_CHANGES_BEFORE = [
    "by ", "by a large margin, namely, ", "improvements of ", "gains are ", "boost: ", "increases of ",
    "reductions of ", "decrease of ", "drops of ", "margin of ", "lead of ", "accelerations of ", "speed-ups of ",
    "gaps of ",
    "(absolute ", "improves X by ", "boosted it by ", "increasing X by ", "reduces X by ", "decreased X by ",
    "lowers the error by ", "raises X by ", "cuts X by ", "outperforms X by ", "surpassing X by ", "beats X by ",
    "sacrificing only ", "loses less than ", "gains ", "exceeding the previous best ", "saving ", "cutting ",
    "reducing ", "at the cost of only ", "savings in memory (", "speedups (",
]  # fmt: skip


def test_every_way_to_write_a_change_before_starts_where_the_scan_tries() -> None:
    for text in (*_CHANGES_BEFORE, *(c.upper() for c in _CHANGES_BEFORE), *(c.title() for c in _CHANGES_BEFORE)):
        assert cues.DELTA_BEFORE.match(text, 0), text
        assert 0 in reading._DELTA_BEFORE_START.starts(vocab.fold(text)), text
        assert reading._delta_before(f"X {text}"), text


def test_searches_skipped_where_none_of_their_words_is_on_the_sample_abstracts() -> None:
    windows = _windows_before_numbers()
    assert sum(bool(cues.DELTA_BEFORE.search(w)) for w in windows) > 50  # the windows hold changes
    for window in windows:
        assert reading._delta_before(window) == bool(cues.DELTA_BEFORE.search(window)), window
        assert reading._is_reference_before(window) == bool(reading._REFERENCE_BEFORE.search(window)), window


# Gates: the words every match of a pattern holds, looked for before its search. Pieces: those words, phrases each
# pattern matches (so that a gate missing a word fails on one alone), in changed cases, what comes between them,
# and (?i)'s odd characters.
_OTHERS_PLURALS = ("methods", "approaches", "works", "models", "systems", "networks", "detectors", "trackers")
_GATE_WORDS = [
    *attribution.COMPARISON_WORDS, *attribution._COMPARED_LEVEL_WORDS, *attribution._OTHERS_WORDS,
    *attribution._OTHERS_NOUNS, *attribution._SIZES, *attribution._SIZE_NOUNS, *names._HEAD_WORDS,
    "than ", "over ", "compared to ", "comparable with ", "on par with ", "improves on ", "improved ", "outperforms ",
    "surpassing ", "vs. ", "versus ", "against ", "relative to ", "beats ", "exceeds ", "matches ", "rivals ",
    "rivalling ", "up from ", "down from ", "over the previous best of ", "from prior SOTA at ", "than other methods",
    *(f", {adjective} {noun}" for adjective in attribution._OTHERS_WORDS for noun in _OTHERS_PLURALS),
    "architectures", "while recent", "whereas", *attribution._COMPARED_SUBJECTS, ", the baseline obtains ",
    "A strong teacher scores ", "falls short of ", "lags behind ", "trails ",
    *(f"our {size} {noun}" for size in attribution._SIZES for noun in attribution._SIZE_NOUNS),
    *(f"the {size.capitalize()} {noun}" for size in attribution._SIZES for noun in attribution._SIZE_NOUNS),
    "It also reaches", "it ", "It", "times", "fold", "half", "third", "quarter", "fifth", "tenth", "1/4", "GPU", "TPU",
    "T", "f", "h", "q", "G", "P", "1", "\u017furpass", "\u212aB", "\u0131mprov",
]  # fmt: skip
_GATE_PIECES = [*_GATE_WORDS, *(w.upper() for w in _GATE_WORDS), *(w.title() for w in _GATE_WORDS)]
_FILLERS = [*" " * 12, "  ", "\n", ", ", ";", ":", ".", "(", ")", "-", "X ", "2.5% ", "a ", "the ", "es", *_ODD]
_FILLING = st.lists(st.sampled_from(_FILLERS), max_size=4)
# a word or two in what comes between words: where a gate is wrong, it is wrong on such a text
_GATE_TEXT = st.tuples(
    _FILLING, st.sampled_from(_GATE_PIECES), _FILLING, st.lists(st.sampled_from(_GATE_PIECES), max_size=1), _FILLING
).map(lambda parts: "".join(piece for part in parts for piece in ([part] if isinstance(part, str) else part)))
_COMPARISON_SEARCHES = (
    attribution._BASELINE_CUE, attribution._DESCRIBED_BASELINE, attribution._LISTED_AFTER_CUE,
    attribution._COMPARED_NAME,
)  # fmt: skip


# each way `_COMPARISON` reads a comparison, from its first word
_COMPARISONS = [
    "than X", "over X", "compared to X", "compared with X", "improves on X", "improving upon X", "improved X",
    "outperforms X", "surpassing X", "vs. X", "vs X", "versus X", "against X", "relative to X", "beat X", "beats X",
    "beating X", "exceeds X", "matches X", "matching X", "rivals X", "rivalling X", "on par with X", "comparable to X",
    "comparably with X", "equivalent to X", "equivalently to X", "as accurate as X", "as fast as X", "as good as X",
    "as well as X",
    "above X", "below X", "ahead of X", "% of the accuracy of X", "% of the scores of X", "falls short of X",
    "fell short of X", "falling short of X", "lags behind X", "lagging behind X", "trails X", "trailing X", "behind X",
]  # fmt: skip


def test_every_comparison_starts_where_the_cue_scan_tries() -> None:
    for text in (*_COMPARISONS, *(c.upper() for c in _COMPARISONS), *(c.title() for c in _COMPARISONS)):
        written = f"5{text}" if text.startswith("%") else text  # "%" after a digit: the boundary before it
        at = 1 if text.startswith("%") else 0
        assert attribution._BASELINE_CUE.match(written[:-1], at), text
        assert at in attribution._COMPARISON_START.starts(vocab.fold(written)), text


def _gates_hold(text: str) -> None:
    """Where a gate says no, the search it stands for finds nothing; the gated scans are the scans."""
    whole = (text, 0, len(text))
    assert attribution.compares(text) or not any(p.search(text) for p in _COMPARISON_SEARCHES), text
    cue, searched = attribution.baseline_cue(text, vocab.fold(text), *whole[1:]), attribution._BASELINE_CUE.search(text)
    assert (cue and cue.span()) == (searched and searched.span()), text
    described = attribution.described_baselines(text, vocab.fold(text), *whole[1:])
    assert [m.span() for m in described] == [m.span() for m in attribution._DESCRIBED_BASELINE.finditer(text)], text
    assert attribution._may_compare_level(*whole) or not attribution._COMPARED_LEVEL.search(text), text
    assert attribution._may_describe_others(text) or not attribution._OTHERS_IN_CLAUSE.search(text), text
    assert attribution._may_describe_others(text) or not attribution._OTHERS_AT_START.search(text), text
    assert attribution._IT_WORD.search(text) or not attribution._IT_SUBJECT.search(text), text
    assert attribution._may_size(*whole) or not attribution._SIZED_OWN.search(text), text
    assert grammar.word_triggers(text) == [m.start() for m in grammar._WORD_TRIGGER.finditer(text)], text
    heads = scan.finditer_from(names._HEAD_WORD, names._HEAD_WORDS, text)
    assert [m.span() for m in heads] == [m.span() for m in names._HEAD_WORD.finditer(text)], text


@settings(max_examples=3000, deadline=None)
@given(_GATE_TEXT)
def test_gated_searches_skip_only_text_they_find_nothing_in(text: str) -> None:
    _gates_hold(text)


def test_gated_searches_on_each_piece_alone() -> None:
    for piece in _GATE_PIECES:
        for text in (piece, f"X {piece}", f"{piece} ", f"X {piece} X"):
            _gates_hold(text)


def test_gated_searches_on_the_sample_abstracts() -> None:
    abstracts = loaders.load()["abstract"].tolist()
    sentences = [a[s:e] for a in abstracts for s, e in ctext.sentence_spans(a)]
    assert sum(bool(attribution._BASELINE_CUE.search(w)) for w in _windows_before_numbers()) > 20
    assert sum(bool(attribution._DESCRIBED_BASELINE.search(s)) for s in sentences) > 20
    for text in [*abstracts, *sentences, *_windows_before_numbers()]:
        _gates_hold(text)


def test_a_fraction_word_starts_with_a_letter_on_every_code_point() -> None:
    """`reading.is_fraction` looks up only numbers written from a letter: a text from any other character keys no
    fraction word (its first character, lowered, or the space a separator becomes)."""
    firsts = {key[0] for key in grammar.FRACTION_WORDS}
    assert all(key[:1].isalpha() for key in grammar.FRACTION_WORDS)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not char.isalpha():
            assert grammar.fraction_key(char)[:1] not in firsts, hex(code)
