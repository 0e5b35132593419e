"""Units: every family of the guidelines' canonical-units table, on its own examples."""

from __future__ import annotations

import itertools
import math

import pint
import pytest
from claims.schemas.tables import UNITS as SCHEMA_UNITS

from claims.extraction import units
from claims.extraction.grammar import UNIT_FAMILY, quantities
from claims.extraction.normalize import canonical_value

# The pint unit each canonical unit of the claims table stands for.
CANONICAL_PINT = {
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
    "Hz": "hertz",
    "1": "dimensionless",
}

# (value, unit as written) -> (value, canonical unit): the table's examples, then more of each family.
SURFACE_CASES = [
    # %
    (79.2, "%", 79.2, "%"),
    (87.7, "\\%", 87.7, "%"),
    (2.5, "percentage points", 2.5, "%"),
    (1.2, "pp", 1.2, "%"),
    # x
    (1.4, "x", 1.4, "x"),
    (16, "times", 16.0, "x"),
    (118, "\\times", 118.0, "x"),
    (20, "×", 20.0, "x"),
    (3, "fold", 3.0, "x"),
    # s
    (1.6, "ms", 0.0016, "s"),
    (2, "seconds", 2.0, "s"),
    (3, "days", 259200.0, "s"),
    (8, "GPU hours", 28800.0, "s"),
    (8, "GPU-hours", 28800.0, "s"),
    (2, "A100 GPU hours", 7200.0, "s"),
    (1, "GPU day", 86400.0, "s"),
    (1, "A100 GPU days", 86400.0, "s"),
    (5, "TPU days", 432000.0, "s"),
    (250, "μs", 0.00025, "s"),
    (250, "mus", 0.00025, "s"),
    (1.5, "h", 5400.0, "s"),
    (2, "weeks", 1209600.0, "s"),
    # 1/s
    (41, "fps", 41.0, "1/s"),
    (1000, "images/s", 1000.0, "1/s"),
    (1000, "img/s", 1000.0, "1/s"),
    (30, "frames per second", 30.0, "1/s"),
    (120, "tokens/s", 120.0, "1/s"),
    # count
    (21, "M", 21_000_000.0, "count"),
    (4.5, "GFLOPs", 4_500_000_000.0, "count"),
    (1.5, "B", 1_500_000_000.0, "count"),
    (1.5, "Bn", 1_500_000_000.0, "count"),
    (10, "K", 10_000.0, "count"),
    (10, "k", 10_000.0, "count"),
    (300, "MFLOPs", 300_000_000.0, "count"),
    (12, "KFLOPs", 12_000.0, "count"),
    (2, "TFLOPs", 2e12, "count"),
    (0.6, "GMACs", 600_000_000.0, "count"),
    (7, "billion", 7e9, "count"),
    (1, "trillion", 1e12, "count"),
    # B
    (2, "GB", 2_000_000_000.0, "B"),
    (512, "MiB", 536_870_912.0, "B"),
    (64, "KB", 64_000.0, "B"),
    (64, "KiB", 65_536.0, "B"),
    (1, "TB", 1e12, "B"),
    (100, "bytes", 100.0, "B"),
    # J, W, dB, m, Hz
    (50000, "muJ", 0.05, "J"),
    (50000, "μJ", 0.05, "J"),
    (3, "mJ", 0.003, "J"),
    (250, "mW", 0.25, "W"),
    (4, "kW", 4000.0, "W"),
    (4.7, "dB", 4.7, "dB"),
    (1.67, "cm", 0.0167, "m"),
    (5, "mm", 0.005, "m"),
    (2, "kHz", 2000.0, "Hz"),
    (16, "Hz", 16.0, "Hz"),
]


@pytest.mark.parametrize(("value", "surface", "expected", "unit"), SURFACE_CASES)
def test_normalize_converts_to_the_canonical_unit(value, surface, expected, unit):
    got, got_unit = units.normalize(value, surface)
    assert got_unit == unit
    assert got == pytest.approx(expected, rel=1e-12)


# Text as it stands in an abstract -> (value_text the grammar reads, metric, kind, value, unit).
TEXT_CASES = [
    ("only 1.6 ms latency", "1.6 ms", "latency", "score", 0.0016, "s"),
    ("within 2 seconds", "2 seconds", "time", "score", 2.0, "s"),
    ("trained for 3 days", "3 days", "training time", "score", 259200.0, "s"),
    ("8 GPU hours of training", "8 GPU hours", "training time", "score", 28800.0, "s"),
    ("runs at 41 fps on a GPU", "41 fps", "throughput", "score", 41.0, "1/s"),
    ("1,000 images/s on an A100", "1,000 images/s", "throughput", "score", 1000.0, "1/s"),
    ("with only 21M parameters", "21M", "parameters", "score", 21_000_000.0, "count"),
    ("needs 4.5 GFLOPs", "4.5 GFLOPs", "FLOPs", "score", 4_500_000_000.0, "count"),
    ("a 1.5B model", "1.5B", "parameters", "score", 1_500_000_000.0, "count"),
    ("in 2 GB of memory", "2 GB", "memory", "score", 2_000_000_000.0, "B"),
    ("only 512 MiB of memory", "512 MiB", "memory", "score", 536_870_912.0, "B"),
    ("a gain of +4.7 PSNR", "+4.7", "PSNR", "delta", 4.7, "dB"),
    ("a 1.67cm MAE", "1.67cm", "MAE", "score", 0.0167, "m"),
    ("consumes 50000 muJ per image", "50000 muJ", "energy", "score", 0.05, "J"),
    ("reaches 79.2% top-1 accuracy", "79.2%", "top-1 accuracy", "score", 79.2, "%"),
    ("a top-1 accuracy of 87.7\\% on", "87.7\\%", "top-1 accuracy", "score", 87.7, "%"),
    ("reaching sim 50% success", "sim 50%", "success rate", "score", 50.0, "%"),
    ("obtains 55.7 mIoU on ADE20K", "55.7", "mIoU", "score", 55.7, "%"),
    ("surpassing RetinaNet (36.3 AP)", "36.3", "AP", "score", 36.3, "%"),
    ("a ROC AUC of 0.76", "0.76", "AUC", "score", 76.0, "%"),
    ("improves by +0.9 AP", "+0.9", "AP", "delta", 0.9, "%"),
    ("a 1.4x speed-up", "1.4x", "speed", "ratio", 1.4, "x"),
    ("16times faster", "16times", "speed", "ratio", 16.0, "x"),
    ("118\\times lower cost", "118\\times", "cost", "ratio", 118.0, "x"),
    ("~20x fewer FLOPs", "~20x", "FLOPs", "ratio", 20.0, "x"),
    ("4.2 times fewer parameters", "4.2 times", "parameters", "ratio", 4.2, "x"),
    ("3-4times faster", "3-4times", "speed", "ratio", 4.0, "x"),
    ("an FID of 12.7", "12.7", "FID", "score", 12.7, "1"),
    ("sampled at 2 kHz", "2 kHz", "frequency", "score", 2000.0, "Hz"),
]


@pytest.mark.parametrize(("text", "value_text", "metric", "kind", "expected", "unit"), TEXT_CASES)
def test_literal_text_is_read_and_normalized(text, value_text, metric, kind, expected, unit):
    found = quantities(text)
    assert [q.text for q in found] == [value_text]
    quantity = found[0]
    assert text[quantity.start : quantity.end] == value_text
    value, got_unit = canonical_value(quantity.value, quantity.unit, metric, kind)
    assert got_unit == unit
    assert value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("number", "surface", "metric", "kind", "expected"),
    [
        (0.76, None, "AUC", "score", (76.0, "%")),  # a fraction of one on a percent-scale metric is scaled
        (0.9, None, "AP", "delta", (0.9, "%")),  # a delta never is
        (0.9, None, "accuracy", "ratio", (0.9, "%")),  # nor a ratio
        (0.5, "%", "accuracy", "score", (0.5, "%")),  # nor a number written with its percent sign
        (1.0, None, "top-1 accuracy", "score", (100.0, "%")),
        (36.3, None, "AP", "score", (36.3, "%")),
        (0.5, None, "FID", "score", (0.5, "1")),  # FID is not percent-scale
        (0.92, None, "SSIM", "score", (0.92, "1")),
        (4.7, None, "PSNR", "delta", (4.7, "dB")),
        (31.2, None, "PSNR", "score", (31.2, "dB")),
        (3.0, None, None, "score", (3.0, "1")),  # no metric, no unit: unitless
        (2.0, "x", None, "ratio", (2.0, "x")),
    ],
)
def test_canonical_value_picks_the_unit_of_a_bare_number(number, surface, metric, kind, expected):
    assert canonical_value(number, surface, metric, kind) == pytest.approx(expected)


def test_canonical_value_of_an_unknown_unit_is_nan_for_quarantine():
    value, unit = canonical_value(3.0, "furlongs", "distance", "score")
    assert math.isnan(value) and unit == "furlongs"


def test_the_schema_and_the_unit_module_agree_on_the_canonical_units():
    assert list(units.CANONICAL_UNITS) == list(SCHEMA_UNITS)
    assert set(CANONICAL_PINT) == set(units.CANONICAL_UNITS)


@pytest.mark.parametrize(("a", "b"), list(itertools.permutations(CANONICAL_PINT, 2)))
def test_no_two_canonical_units_convert_into_each_other(a, b):
    quantity = units.registry().Quantity(1, CANONICAL_PINT[a])
    with pytest.raises(pint.errors.DimensionalityError):
        quantity.to(CANONICAL_PINT[b])


@pytest.mark.parametrize("unit", [u for u in CANONICAL_PINT if u != "B"])
def test_a_canonical_unit_written_as_such_stays_itself(unit):
    assert units.normalize(1.0, unit) == (1.0, unit)


def test_b_after_a_number_is_billions_and_bytes_stay_bytes():
    # "1.5B" in an abstract means 1.5 billion; a memory size is written "GB", "bytes", ...
    assert units.normalize(1.5, "B") == (1_500_000_000.0, "count")
    assert units.normalize(1.5, "bytes") == (1.5, "B")
    assert units.normalize(2, "GB")[1] == "B"


@pytest.mark.parametrize("surface", sorted(s for s, family in UNIT_FAMILY.items() if family != "points"))
def test_every_unit_the_grammar_reads_is_known(surface):
    # (points are in the unit of the metric they change: claims/extraction/normalize.py, not pint)
    # the grammar keeps a leading "-" or space of "-fold", " percent" out of Quantity.unit
    assert units.known_unit(surface.strip(" -")), surface


@pytest.mark.parametrize("surface", ["furlong", "parsecs per fortnight", "%%", "**", "1/0", "(", "GPUs", "epochs"])
def test_an_unknown_unit_raises_value_error(surface):
    assert not units.known_unit(surface)
    with pytest.raises(ValueError, match="unknown unit"):
        units.normalize(1.0, surface)


@pytest.mark.parametrize(("value", "surface"), [(math.inf, "s"), (-math.inf, "%"), (math.nan, "GB"), (1e300, "TB")])
def test_a_non_finite_result_raises_value_error(value, surface):
    with pytest.raises(ValueError, match="not a finite quantity"):
        units.normalize(value, surface)


def _tried_in_turn(surface: str) -> tuple[str, float] | None:
    """The conversion as it was written first: each canonical unit tried in turn, until one does not raise."""
    try:
        quantity = units.registry().Quantity(1, units.pint_name(surface))
    except Exception:
        return None
    for canonical, unit in units._CANONICAL_PINT.items():  # Hz apart: read from its surfaces
        try:
            return canonical, float(quantity.to(unit).magnitude)
        except pint.errors.DimensionalityError:
            continue
    return None


@pytest.mark.parametrize(
    "surface",
    sorted(
        {s.strip(" -") for s in UNIT_FAMILY}
        | set(units.SURFACE_ALIASES)
        | set(units.registry()._units)  # every unit of schemas/units.txt, by its name and its symbols
        | {"furlong", "parsecs per fortnight", "GPUs", "J/s", "W*s", "1/ms", "percent/s"}
    ),
)
def test_a_unit_is_converted_only_to_a_canonical_unit_of_its_dimensions_and_the_same_way(surface):
    if not units._HERTZ_FAMILY.match(surface):
        assert units._conversion.__wrapped__(surface) == _tried_in_turn(surface)
