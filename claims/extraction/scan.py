"""Scans that jump: the same matches as `pattern.finditer`, found sooner.

A regex led by a lookbehind ("(?<![\\w-])ResNet...") is tried at every
character of the text, which costs more than the rest of most scans. Led by a
character class of plain ranges instead (the character before the match,
consumed), the regex engine jumps from one such character to the next in a
tight loop. `led` derives that pattern from the original; `finditer` finds
the places with it and lets the original pattern decide at each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick


def separator(inside: str) -> str:
    """A class of every character `inside` does not match, as plain ranges: the ASCII ones, and any
    non-ASCII character (more than needed; what is found is checked)."""
    outside = [code for code in range(128) if not re.fullmatch(inside, chr(code))]
    return "[" + "".join(f"\\x{code:02x}" for code in outside) + "\\x80-\\U0010ffff]"


def led(pattern: re.Pattern[str], before: str, first: str = "") -> re.Pattern[str]:
    """`pattern`, which starts with the lookbehind (?<!`before`), led instead by the character before
    a match: at least wherever `pattern` matches (text's start apart), the led pattern matches one earlier.

    `first`: a class of every character a match can start with, looked ahead of first (under the pattern's
    flags, so in the same cases): a case-insensitive alternation of words is otherwise tried whole after
    each space."""
    lookbehind = f"(?<!{before})"
    if not pattern.pattern.startswith(lookbehind):
        raise ValueError(f"{pattern.pattern[:40]!r} does not start with {lookbehind}")
    ahead = f"(?={first})" if first else ""
    return re.compile(f"{separator(before)}{ahead}(?:{pattern.pattern[len(lookbehind) :]})", pattern.flags)


def finditer(
    pattern: re.Pattern[str], led_pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, start, end) for a pattern that never matches empty, tried only where
    `led_pattern` (see `led`) finds a place for it, and at the text's start (no character before)."""
    end = len(text) if end is None else end
    position = start
    if start == 0 and (first := pattern.match(text, 0, end)):
        yield first
        position = first.end()
    while hit := led_pattern.search(text, max(position - 1, 0), end):
        at = hit.start() + 1
        match = pattern.match(text, at, end)
        if match is not None:
            yield match
        position = match.end() if match is not None else at + 1


def finditer_from(
    pattern: re.Pattern[str], starts: tuple[str, ...], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, start, end) for a pattern that never matches empty and whose every match begins
    with one of the strings `starts` (as written): tried only where `str.find` finds one. A pattern led by
    `\\b`, `^` or a class of common letters gives the regex engine nothing to jump to: it tries every character."""
    end = len(text) if end is None else end
    places = sorted({at for literal in starts for at in _occurrences(text, literal, start, end)})
    yield from finditer_at(pattern, places, text, end)


def finditer_at(pattern: re.Pattern[str], places: Iterable[int], text: str, end: int) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, start, end) for a pattern that never matches empty and whose every match starts at
    one of `places` (in order, none before `start`): tried only there."""
    position = 0
    for at in places:
        if at >= position and (match := pattern.match(text, at, end)) is not None:
            yield match
            position = match.end()


def _occurrences(text: str, literal: str, start: int, end: int) -> Iterator[int]:
    at = text.find(literal, start, end)
    while at >= 0:
        yield at
        at = text.find(literal, at + 1, end)


class Words:
    """Whether a text holds one of some words (where `str.find` finds one): one pass of an Aho-Corasick
    automaton, in C, where a `find` for each word costs 2-3x more on short texts (the words before a number, a
    sentence). On a whole abstract `in` for each word is the cheaper."""

    __slots__ = ("_automaton",)

    def __init__(self, words: Iterable[str]) -> None:
        automaton = ahocorasick.Automaton()
        for word in words:
            automaton.add_word(word, word)
        automaton.make_automaton()
        self._automaton = automaton

    def found(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether text[start:end] holds one of the words."""
        return next(self._automaton.iter(text, start, len(text) if end is None else end), None) is not None

    def starts(self, text: str) -> list[int]:
        """Where one of the words starts in `text`, in order, each place once."""
        return sorted({last + 1 - len(word) for last, word in self._automaton.iter(text)})
