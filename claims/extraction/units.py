"""Unit normalization with one pint registry of the project's.

The registry is defined by `schemas/units.txt` alone; pint does all the
arithmetic. This module only maps the way abstracts write units onto names
the registry knows, and picks the canonical unit of the claims table.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

import pint
from pint.util import UnitsContainer, to_units_container

CANONICAL_UNITS = ("%", "x", "s", "1/s", "count", "B", "J", "W", "dB", "m", "Hz", "1")

# Canonical unit string -> the pint unit it is measured in.
_CANONICAL_PINT = {
    "%": "percent",
    "x": "xfactor",
    "s": "second",
    "1/s": "1/second",
    "count": "count",
    "B": "byte",
    "J": "joule",
    "W": "watt",
    "dB": "decibel",
    "m": "meter",
    "1": "dimensionless",
}
# Hertz and 1/s share a dimension: a frequency written in Hz stays in Hz.
_HERTZ_FAMILY = re.compile(r"^[kMG]?Hz$")

# How abstracts write units that pint cannot read as they stand.
SURFACE_ALIASES = {
    "%": "percent",
    r"\%": "percent",
    "times": "xfactor",
    r"\times": "xfactor",
    "×": "xfactor",
    "x": "xfactor",
    "X": "xfactor",
    "K": "K_count",
    "k": "K_count",
    "M": "M_count",
    "B": "B_count",
    "G": "G_count",
    "T": "T_count",
    "Bn": "B_count",
    "μs": "microsecond",
    "µs": "microsecond",
    "mus": "microsecond",
    "Mb": "MB",  # model files in "Mb" are megabytes by the field's usage: no one measures a model in megabits
    "Gb": "GB",
    "μJ": "microjoule",
    "µJ": "microjoule",
    "GPU hours": "GPU_hour",
    "frames per second": "fps",
    "frames/s": "fps",
    "images/s": "images_per_second",
    "img/s": "images_per_second",
    "images per second": "images_per_second",
    "tokens/s": "tokens_per_second",
    "tokens per second": "tokens_per_second",
    "dB": "dB",
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The project's one registry, defined wholly by schemas/units.txt."""
    definitions = resources.files("claims.schemas") / "units.txt"
    with resources.as_file(definitions) as path:
        return pint.UnitRegistry(str(path))


# Which accelerator, and "search", qualify compute time without changing its length: "A100 GPU days" are days.
_DEVICE_QUALIFIER = re.compile(r"^(?:[A-Z]\d{2,3}\s+)?(GPU|TPU)(?:\s?v\d)?[\s-]+(?:search\s+)?")


def pint_name(surface: str) -> str:
    """The pint expression for a unit as written ("GPU-hours" -> "GPU_hours", "A100 GPU days" -> "GPU_days")."""
    surface = surface.strip()
    if surface in SURFACE_ALIASES:
        return SURFACE_ALIASES[surface]
    return re.sub(r"[\s\-]+", "_", _DEVICE_QUALIFIER.sub(r"\1 ", surface))


@lru_cache(maxsize=4096)
def _conversion(surface: str) -> tuple[str, float] | None:
    """(canonical unit, multiplier) for a surface unit; cached, the hot path."""
    if _HERTZ_FAMILY.match(surface):
        return "Hz", float(registry().Quantity(1, surface).to("hertz").magnitude)
    try:
        quantity = registry().Quantity(1, pint_name(surface))
    except Exception:  # pint's parser fails in many ways ("**", "1/0", "("): all mean unknown
        return None
    dimensions = quantity.dimensionality
    for canonical, unit in _CANONICAL_PINT.items():
        if dimensions != _canonical_dimensions()[canonical]:
            continue  # what `to` raises DimensionalityError for (no context is enabled), found without the raising
        try:
            return canonical, float(quantity.to(unit).magnitude)
        except pint.errors.DimensionalityError:
            continue
    return None


@lru_cache(maxsize=1)
def _canonical_dimensions() -> dict[str, UnitsContainer]:
    """Each canonical unit's dimensions: a unit converts to it only if of the same (pint's own test, first of all
    in `to`); a conversion that fails costs 3x one that does, most of a surface's first reading."""
    units = registry()
    return {c: units.get_dimensionality(to_units_container(unit, units)) for c, unit in _CANONICAL_PINT.items()}


def known_unit(surface: str) -> bool:
    """Whether the registry can read this unit as written."""
    return _conversion(surface) is not None


def normalize(value: float, surface: str) -> tuple[float, str]:
    """Convert a value written with `surface` unit to (value, canonical unit).

    >>> normalize(1.6, "ms")
    (0.0016, 's')
    """
    conversion = _conversion(surface)
    if conversion is None:
        raise ValueError(f"unknown unit {surface!r}")
    canonical, factor = conversion
    result = value * factor
    if not math.isfinite(result):
        raise ValueError(f"{value} {surface} is not a finite quantity")
    return float(f"{result:.12g}"), canonical
