"""The fields of a paper record other than its text, made one type at load: identifiers and dates.

An identifier is text as written (`2301.10`, not the float 2301.1: JSON
numbers are parsed keeping their text, `JsonNumber`); a date is the UTC
calendar date of what was given (`2024-03-01T23:30:00-03:00` is
`2024-03-02`), in ISO form, from year 1 to 9999. A value that is neither (a
list, an object, "soon") is left out and reported: never written as Python text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import numbers

import pandas as pd

ID_FIELDS = ("arxiv_id",)
DATE_FIELDS = ("published",)


class JsonNumber(float):
    """A JSON number with a fraction, as a float that remembers how it was written (`json.loads(parse_float=...)`)."""

    text: str

    def __new__(cls, text: str) -> JsonNumber:
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __reduce__(self) -> tuple[type[JsonNumber], tuple[str]]:
        return JsonNumber, (self.text,)


def identifier(value: object) -> str | None:
    """An identifier as text; ValueError for what is not one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, JsonNumber):
        return value.text
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"a {type(value).__name__}, not an identifier")


def utc_date(value: object) -> str | None:
    """The UTC date of a date or time ("YYYY-MM-DD"); ValueError for what is not one."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return _utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"a {type(value).__name__}, not a date")
    text = value.strip().replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        return _utc(dt.datetime.fromisoformat(text)) if "T" in text else dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(f"{value[:40]!r} is not an ISO date") from None


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        with contextlib.suppress(OverflowError):  # 0001-01-01T00:00+05:00 is in year 0 in UTC: its own date
            moment = moment.astimezone(dt.UTC)
    return moment.date().isoformat()
