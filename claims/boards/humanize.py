"""Values for reading: a canonical value in the unit a person would write ("2.4 ms", "21M", "4.5 GFLOPs").

The claims table and the CSVs keep canonical units (seconds, counts, bytes) so
that values compare and sort; the HTML report and the Markdown leaderboards
show them through this module. The scales are data: schemas/display.toml.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from claims.boards.leaderboard import BOUND_PREFIX, format_number
from claims.extraction.units import CANONICAL_UNITS

DISPLAY_FILE = "display.toml"
SIGNIFICANT = 6  # as many digits as a leaderboard cell keeps (leaderboard.format_number)

Scale = tuple[float, str]  # (factor in the canonical unit, suffix)


@lru_cache(maxsize=1)
def _display() -> tuple[dict[str, tuple[Scale, ...]], dict[str, tuple[Scale, ...]]]:
    """(canonical unit -> scales, metric -> scales) from schemas/display.toml."""
    with (resources.files("claims.schemas") / DISPLAY_FILE).open("rb") as handle:
        data = tomllib.load(handle)
    units = {unit: tuple((float(f), s) for f, s in entry["scales"]) for unit, entry in data["units"].items()}
    missing = sorted(set(CANONICAL_UNITS) - set(units))
    if missing:
        raise ValueError(f"schemas/{DISPLAY_FILE}: no scales for the canonical units {missing}")
    symbols = data["symbols"]
    metrics = {
        metric: tuple((float(f), f" {prefix}{symbol}") for f, prefix in symbols["prefixes"])
        for metric, symbol in symbols["metrics"].items()
    }
    return units, metrics


def scales(unit: str, metric: str | None = None) -> tuple[Scale, ...]:
    """The scales a value of this unit (and metric: FLOPs read as GFLOPs) can be shown in."""
    units, metrics = _display()
    return metrics.get(metric or "", units[unit]) if unit == "count" else units[unit]


def _mantissa(value: float, factor: float) -> str:
    return f"{value / factor:.{SIGNIFICANT}g}"


def human_amount(value: float, unit: str, metric: str | None = None, bound: str = "=") -> str:
    """The value in the scale that reads shortest: 0.0024 s -> "2.4 ms", 2.1e7 -> "21M", 84 % -> "84%"."""
    options = scales(unit, metric)
    size = abs(float(f"{value:.{SIGNIFICANT}g}"))  # 999999.7 reaches the millions as the "1" it rounds to
    reached = [scale for scale in options if scale[0] <= size]
    if not reached:  # below every scale; zero reads in the unit itself when it is one of them
        reached = [next((s for s in options if s[0] == 1 and size == 0), options[0])]
    texts = [(_mantissa(value, factor), suffix) for factor, suffix in reversed(reached)]
    plain = [text for text in texts if "e" not in text[0]] or texts  # "57.8704 d", not "5e+06 s" for being short
    number, suffix = min(plain, key=lambda text: len(text[0]))  # the larger scale on a tie
    return BOUND_PREFIX[bound] + number + suffix


def cell_amount(value: float, unit: str, metric: str | None = None, bound: str = "=") -> str:
    """A table cell's text: the bare number when the unit has one scale, which the column header names."""
    if len(scales(unit, metric)) == 1:
        return format_number(value, bound)
    return human_amount(value, unit, metric, bound)
