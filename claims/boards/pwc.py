"""Papers with Code's task names and categories for our tasks and areas, from `schemas/paperswithcode.toml`.

Its evaluation tables name a task in title case ("Semantic Segmentation", "Text-to-Image Generation") and
file it under categories ("Computer Vision"), where our vocabulary writes "semantic segmentation" under the
area "vision". The exceptions to title case and the category of each area are data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from claims.extraction.vocab import _read_toml

MISCELLANEOUS = "Miscellaneous"  # Papers with Code's category for a task whose area is unknown


@lru_cache(maxsize=1)
def _pwc() -> dict:
    return _read_toml("paperswithcode.toml")


def _title_word(word: str, first: bool) -> str:
    """One word (or a piece of a hyphenated one) in title case; a word with a capital stays as written."""
    if word != word.lower() or (not first and word in _pwc()["title_case"]["small_words"]):
        return word
    return word[:1].upper() + word[1:]


def task_name(task: str) -> str:
    """Papers with Code's name of a task: its own spelling where the data has one, else our name in title case."""
    if task in _pwc()["tasks"]:
        return _pwc()["tasks"][task]
    pieces = re.split(r"([ -])", task)
    return "".join(p if p in " -" else _title_word(p, i == 0) for i, p in enumerate(pieces))


def categories(task: str, areas: Iterable[str | None]) -> list[str]:
    """The task's categories: its own where the data has one, else those of its benchmarks' areas."""
    if task in _pwc()["task_categories"]:
        return [_pwc()["task_categories"][task]]
    found = {_pwc()["categories"].get(area, MISCELLANEOUS) for area in areas if area}
    return sorted(found) or [MISCELLANEOUS]
