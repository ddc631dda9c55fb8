"""Number formats (plain, date/time or duration) and the converters that turn a cell's <v> into the value
calamine gives: Excel serials to dates, times and durations, booleans, ISO dates, text."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from shopguard.core.imports.xlsx.text import xml_text

# --- number formats --------------------------------------------------------------------------------------

PLAIN, MOMENT, DURATION = 0, 1, 2
_BUILTIN_MOMENT_FORMATS = frozenset([*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)])
_BUILTIN_DURATION_FORMATS = frozenset([46])


def format_kind(code: str) -> int:
    """PLAIN, MOMENT or DURATION for a custom number format code, judged as calamine does.

    Only the first section counts. Quoted text, the character after \\ _ or *, and [..] brackets (colours,
    conditions, locales) are not format tokens, except that a bracket holding only h, m or s ([h], [mm])
    makes an elapsed-time format. An 'a' starts AM/PM, after which only p, m or / count.
    """
    escaped = quoted = am_pm = elapsed = False
    depth = 0
    previous = " "
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == ";":
            return PLAIN
        elif char == "[":
            depth += 1
        elif char == "]":
            if depth == 1 and elapsed:
                return DURATION
            depth = max(depth - 1, 0)
        elif depth == 0 and not am_pm and char in "aA":
            am_pm = True
        elif depth == 0 and am_pm and char in "pmPM/":
            return MOMENT
        elif depth == 0 and not am_pm and char in "dmhysDMHYS":
            return MOMENT
        elif not (elapsed and char.isascii() and char.lower() == previous.lower()):
            elapsed = previous == "[" and char in "hmsHMS"
        previous = char
    return PLAIN


def builtin_format_kind(format_id: int) -> int:
    if format_id in _BUILTIN_MOMENT_FORMATS:
        return MOMENT
    return DURATION if format_id in _BUILTIN_DURATION_FORMATS else PLAIN


# --- cell values -----------------------------------------------------------------------------------------

_MS_PER_DAY = 86_400_000
_EXCEL_EPOCH = datetime(1899, 12, 30)
_DAYS_1900_TO_1904 = 1462.0
_ISO_MOMENT = re.compile(rb"(\d{4})-(\d\d?)-(\d\d?)T(\d\d?):(\d\d?):(\d\d?)(?:\.(\d+))?")
_ISO_DATE = re.compile(rb"(\d{4})-(\d\d?)-(\d\d?)")
_ISO_TIME = re.compile(rb"(\d\d?):(\d\d?)(?::(\d\d?)(?:\.(\d+))?)?")


def number_value(raw: bytes) -> float | str:
    """A <v> number as calamine reads it (Rust's float syntax); anything else stays text."""
    try:
        value = float(raw)
    except ValueError:
        return xml_text(raw, True)
    # Python's float() also accepts surrounding whitespace and digit-group underscores; Rust does not.
    if b"_" in raw or raw[:1].isspace() or raw[-1:].isspace():
        return xml_text(raw, True)
    return value


def _milliseconds(days: float) -> int:
    """days as whole milliseconds, halves rounded away from zero (Rust's f64::round)."""
    scaled = abs(days * _MS_PER_DAY)
    whole = math.floor(scaled)
    if scaled - whole >= 0.5:
        whole += 1
    return whole if days >= 0 else -whole


def excel_moment(serial: float, date1904: bool) -> datetime | date | time | float:
    """A date-formatted number as python-calamine gives it: a time below 1, a date for a whole number,
    else a datetime (even one that rounds to midnight); a number when the moment is out of range.

    The arithmetic is calamine's, float for float: 1904 serials are moved to the 1900 system by adding
    1462 days, and serials before Excel's phantom 1900-02-29 count one day later.
    """
    if not math.isfinite(serial):
        return serial
    days = serial + _DAYS_1900_TO_1904 if date1904 else serial
    if days < 60:
        days += 1.0
    milliseconds = _milliseconds(days)
    if serial < 1:
        seconds, remainder = divmod(milliseconds % _MS_PER_DAY, 1000)
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60, remainder * 1000)
    try:
        moment = _EXCEL_EPOCH + timedelta(milliseconds=milliseconds)
    except OverflowError:
        return serial
    return moment.date() if serial == int(serial) else moment


def excel_duration(serial: float) -> timedelta | float:
    if not math.isfinite(serial):
        return serial
    try:
        return timedelta(milliseconds=_milliseconds(serial))
    except OverflowError:
        return serial


def moment_cell(date1904: bool) -> Callable[[bytes], object]:
    def convert(raw: bytes) -> object:
        value = number_value(raw)
        return excel_moment(value, date1904) if value.__class__ is float else value

    return convert


def duration_cell(raw: bytes) -> object:
    value = number_value(raw)
    return excel_duration(value) if value.__class__ is float else value


def boolean_cell(raw: bytes) -> bool | str:
    if raw == b"1" or raw == b"true":
        return True
    if raw == b"0" or raw == b"false":
        return False
    return xml_text(raw, True)


def text_cell(raw: bytes) -> str:
    """t="str" (a formula's text result) and t="e" (an error such as #N/A): the text, not trimmed."""
    return xml_text(raw, True)


def ignored_value(raw: bytes) -> str:
    """t="inlineStr" keeps its text in <is>; calamine ignores a <v> there."""
    return ""


def iso_cell(raw: bytes) -> object:
    """t="d": ISO 8601 text. Unparseable or out-of-range text stays text, as in calamine."""
    try:
        if match := _ISO_MOMENT.fullmatch(raw):
            *fields, fraction = match.groups()
            microseconds = int((fraction or b"0")[:6].ljust(6, b"0"))
            return datetime(*map(int, fields), microseconds)
        if match := _ISO_DATE.fullmatch(raw):
            return date(*map(int, match.groups()))
        if match := _ISO_TIME.fullmatch(raw):
            hours, minutes, seconds, fraction = match.groups()
            microseconds = int((fraction or b"0")[:6].ljust(6, b"0"))
            return time(int(hours), int(minutes), int(seconds or 0), microseconds)
    except ValueError:
        pass
    return xml_text(raw, True)
