"""Chart text in the glyphs the chart's font has: a model named in CJK or with an emoji is drawn, not boxed.

Matplotlib draws a character its font lacks as an empty box and warns on
stderr for each one ("Glyph 20013 missing from font(s) DejaVu Sans"). Chart
labels are drawn from the characters the font has; each run of the others
becomes one "?" (the HTML table beside the chart names the row in full).
"""

from __future__ import annotations

import functools
import unicodedata

from matplotlib import font_manager, ft2font

MISSING = "?"


@functools.cache
def _charmap() -> frozenset[int]:
    """The code points the default chart font draws."""
    path = font_manager.findfont(font_manager.FontProperties())
    return frozenset(ft2font.FT2Font(path).get_charmap())


def drawable(text: str) -> str:
    """`text` with each run of characters the chart's font lacks as one "?" (format characters dropped)."""
    known = _charmap()
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or ord(char) in known:
            out.append(char)
        elif unicodedata.category(char) != "Cf" and (not out or out[-1] != MISSING):
            out.append(MISSING)
    return "".join(out)
