"""Beijing time: the only time zone the platform's rules are written in."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
# Beijing time is UTC+8 from here on: China's clocks last moved in 1991 (summer time, UTC+9, 1986-1991).
FIXED_OFFSET_SINCE = datetime(1992, 1, 1, tzinfo=BEIJING)
FIXED_OFFSET_TEXT = "+08:00"  # how isoformat() ends for every such moment
_LAST_SECOND = time(23, 59, 59)


def now() -> datetime:
    """The current moment in Beijing time. The only place that reads the wall clock."""
    return datetime.now(BEIJING)


def beijing(naive: datetime) -> datetime:
    """Attach Beijing time to a naive datetime read from a spreadsheet or the store."""
    # combine() rather than replace(tzinfo=...): a third of the cost, and it runs for every time cell.
    return datetime.combine(naive, naive.time(), BEIJING)


def end_of_day(moment: datetime, days_later: int = 0) -> datetime:
    """23:59:59 on the day of `moment` (plus `days_later` days), the platform's day-end deadline."""
    day = moment.date()
    if days_later:
        day += timedelta(days=days_later)
    # combine() with positional arguments: keyword replace() is slow, and this runs once per ship clock.
    return datetime.combine(day, _LAST_SECOND, moment.tzinfo)


def format_time(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
