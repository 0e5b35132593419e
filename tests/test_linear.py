"""A sentence's work grows linearly with the numbers and names it holds (issue 11).

The time budget cannot stop a Dask worker inside a sentence, so no sentence may
cost the product of its numbers and its names. Work is counted in Python
operations (bytecodes executed), not timed: the counts do not depend on the
machine or its load. The lookups that replace scans of every name (claims.extraction.names.Spans,
claims.extraction.names.Runs) are checked against the scans they replace.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import names, reading

EXTRACT = importlib.import_module(
    "claims.extraction.extract"
)  # the module: `claims.extraction.extract` is its function
DOUBLING_AT_MOST = 2.5  # the work of twice the numbers: twice the work, and some slack for what is fixed


def operations(work: Callable[[], object]) -> int:
    """Python bytecodes executed by `work()`, in every function it calls."""
    count = 0

    def each_opcode(frame: FrameType, event: str, arg: Any) -> Callable | None:
        nonlocal count
        count += event == "opcode"
        return each_opcode

    def each_call(frame: FrameType, event: str, arg: Any) -> Callable:
        frame.f_trace_opcodes = True
        return each_opcode

    previous = sys.gettrace()
    sys.settrace(each_call)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def read_operations(abstract: str, title: str = "A study of things") -> int:
    """The operations of reading `abstract`, after a reading of another text (one more space) has loaded the
    vocabularies and compiled the patterns: what is found once per text is counted, not what is loaded once."""

    def read(text: str) -> Callable[[], list[dict]]:
        return lambda: list(EXTRACT.read_paper("p1", title, text, None))

    read(abstract + " ")()
    return operations(read(abstract))


NUMBERS = {
    "percent": lambda i: f"{50 + i % 40}.{i % 10}%",
    "points": lambda i: f"{20 + i % 60}.{i % 10}",
    "change": lambda i: f"+{1 + i % 9}.{i % 10}%",
    "factor": lambda i: f"{1 + i % 9}.{i % 10}x",
}
NAMES = {
    "known benchmarks": lambda i: ["CIFAR-10", "CIFAR-100", "SVHN", "MNIST", "COCO", "LVIS"][i % 6],
    "new benchmarks": lambda i: f"Alpha{i}",
    "models": lambda i: f"Net{i}X",
}


def listed(items: list[str], last: str) -> str:
    return ", ".join(items[:-1]) + f"{last}{items[-1]}"


# One sentence each: coordinated numbers, and names for them listed or set beside each
CONSTRUCTIONS: dict[str, Callable[[list[str], list[str], str], str]] = {
    "names listed after the numbers": lambda numbers, found, last: (
        f"Our FooNet reaches {listed(numbers, last)} top-1 accuracy on the {listed(found, last)} benchmarks, "
        "respectively."
    ),
    "names listed before the numbers": lambda numbers, found, last: (
        f"Our FooNet surpasses {listed(found, last)} by {listed(numbers, last)} on ImageNet, respectively."
    ),
    "a name after each number": lambda numbers, found, last: (
        f"We reach {listed([f'{x} on {name}' for x, name in zip(numbers, found, strict=True)], last)}."
    ),
    "a name in parentheses after each number": lambda numbers, found, last: (
        f"We compare {listed([f'{x} ({name})' for x, name in zip(numbers, found, strict=True)], last)} mAP on COCO."
    ),
    "a metric and a name for each number": lambda numbers, found, last: (
        f"We get {listed([f'an AP of {x} with {name}' for x, name in zip(numbers, found, strict=True)], last)}."
    ),
    "a subject for each number": lambda numbers, found, last: (
        "; ".join(f"{name} achieves {x} accuracy on ImageNet" for x, name in zip(numbers, found, strict=True)) + "."
    ),
}


@settings(max_examples=12)
@given(
    construction=st.sampled_from(sorted(CONSTRUCTIONS)),
    numbers=st.sampled_from(sorted(NUMBERS)),
    found=st.sampled_from(sorted(NAMES)),
    last=st.sampled_from([", ", " and ", ", and "]),
    count=st.integers(12, 24),
)
def test_twice_the_coordinated_numbers_of_a_sentence_take_at_most_about_twice_the_work(
    construction: str, numbers: str, found: str, last: str, count: int
) -> None:
    def sentence(size: int) -> str:
        values = [NUMBERS[numbers](i) for i in range(size)]
        return CONSTRUCTIONS[construction](values, [NAMES[found](i) for i in range(size)], last)

    once, twice = read_operations(sentence(count)), read_operations(sentence(2 * count))
    assert twice <= DOUBLING_AT_MOST * once, f"{twice:,} operations for {2 * count} numbers, {once:,} for {count}"


def _defined_again(count: int, separator: str) -> str:
    """The issue's abstract: an acronym defined and used again and again (a 20,000-character one held 109
    million comparisons), in many sentences or, joined by semicolons, in one."""
    unit = "we propose Foo Bar Baz (FBB){0}FBB reaches {1}% top-1 accuracy on ImageNet, outperforming ResNet-50 by 2.1%"
    return separator.join(unit.format(separator, 70 + i % 20) for i in range(count)) + "."


def _introduced_again(count: int, separator: str) -> str:
    """Introductions that name nothing, each followed by name-shaped words ("BERT", "GPT2") that are no name of
    the system: each clause was read from every introduction in it, each word against the clause before it."""
    introductions = separator.join("we propose to use BERT and GPT2 for it" for _ in range(count))
    return introductions + "; it reaches 80.1% on COCO."


@settings(max_examples=8)
@given(
    abstract=st.sampled_from([_defined_again, _introduced_again]),
    separator=st.sampled_from([". ", "; ", " and "]),
    count=st.integers(30, 50),
)
def test_twice_the_definitions_or_introductions_of_an_abstract_take_at_most_about_twice_the_work(
    abstract: Callable[[int, str], str], separator: str, count: int
) -> None:
    once, twice = read_operations(abstract(count, separator)), read_operations(abstract(2 * count, separator))
    assert twice <= DOUBLING_AT_MOST * once, f"{twice:,} operations for {2 * count}, {once:,} for {count}"


# --------------------------------------------------------------------------- the lookups against the scans
SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=12).map(
    lambda found: names.Spans(sorted((names.Mention(s, s + n, f"N{s}") for s, n in found), key=lambda m: m.start))
)
POSITIONS = st.integers(-5, 75)


@given(spans=SPANS, low=POSITIONS, high=POSITIONS, position=POSITIONS)
def test_the_lookups_by_position_find_what_a_scan_of_every_name_finds(
    spans: names.Spans[names.Mention], low: int, high: int, position: int
) -> None:
    assert spans.starting(low, high) == [m for m in spans if low <= m.start < high]
    assert spans.ending(low, high) == [m for m in spans if low <= m.end <= high]
    ended = [m for m in spans if low <= m.end <= high]
    assert spans.last_ending(low, high) == (ended[-1] if ended else None)
    even = [m for m in ended if m.start % 2 == 0]
    assert spans.last_ending(low, high, lambda m: m.start % 2 == 0) == (even[-1] if even else None)
    assert spans.covering(position) == any(m.start <= position < m.end for m in spans)
    assert spans.straddling(position) == any(m.start < position < m.end for m in spans)


WORDY = st.text(alphabet=" \n,abc", max_size=80)


@given(spans=SPANS, text=WORDY, position=st.integers(0, 80), words=st.integers(0, 5))
def test_names_a_few_words_away_are_all_those_a_gap_of_so_few_words_reaches(
    spans: names.Spans[names.Mention], text: str, position: int, words: int
) -> None:
    text = text.ljust(80, "a")

    def within(low: int, high: int) -> bool:
        return len(text[low:high].split()) <= words

    before = spans.words_before(text, position, words)
    assert [m for m in before if within(m.end, position)] == [
        m for m in spans if m.end <= position and within(m.end, position)
    ]
    after = spans.words_after(text, position, words)
    assert [m for m in after if within(position, m.start)] == [
        m for m in spans if m.start >= position and within(position, m.start)
    ]


def scanned_runs(text: str, found: list[names.Mention], separator: re.Pattern[str]) -> list[list[names.Mention]]:
    """The runs as extraction found them by a scan of the names (before issue 11)."""
    runs: list[list[names.Mention]] = []
    for mention in found:
        if runs and separator.fullmatch(text[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


@given(spans=SPANS, text=st.text(alphabet=" ,/axd", min_size=80, max_size=80), position=POSITIONS)
def test_the_list_after_or_before_a_number_is_the_one_a_scan_of_the_names_finds(
    spans: names.Spans[names.Mention], text: str, position: int
) -> None:
    separator = re.compile(r"\s*(?:,|/)?\s*(?:a\s+)?")
    runs = spans.runs(text, separator)
    after = scanned_runs(text, [m for m in spans if m.start >= position], separator)
    before = scanned_runs(text, [m for m in spans if m.end <= position], separator)
    assert runs.after(position, least=1) == (after[0] if after else None)
    assert runs.before(position, least=1) == (before[-1] if before else None)
    lists_after, lists_before = [r for r in after if len(r) > 1], [r for r in before if len(r) > 1]
    assert runs.after(position) == (lists_after[0] if lists_after else None)
    assert runs.before(position) == (lists_before[-1] if lists_before else None)


COMPARING = st.lists(st.sampled_from(["than", "thanks", "compared", "comparedly", "x", " ", " ", ","]), max_size=30)


@given(words=COMPARING, data=st.data())
def test_than_or_compared_said_before_a_point_is_found_as_a_search_of_the_text_up_to_it_finds_it(
    words: list[str], data: st.DataObject
) -> None:
    text = "".join(words)
    start = data.draw(st.sampled_from([0] + [i + 1 for i, c in enumerate(text) if c == " "]))  # a sentence's start
    end = data.draw(st.integers(start, len(text) + 5))
    sentence = (start, data.draw(st.integers(max(start, end - 80), max(start, len(text)))))
    expected = re.search(r"\bthan\b|\bcompared\b", text[start:end]) is not None
    assert reading._compared_by(text, sentence, end) == expected


def test_a_metric_after_a_number_but_not_next_to_it_is_not_the_one_it_is_in() -> None:
    """What a lookup gives near a number is then read exactly: "12.1" is an error rate, not in BLEU."""
    rows = EXTRACT.read_paper("p1", "T", "Our model reaches an error rate of 12.1 and 33.8 BLEU on WMT14.", None)
    assert [(row["value_text"], row["metric"]) for row in rows] == [("12.1", "error rate"), ("33.8", "BLEU")]
