"""Beijing time: the only time zone the platform's rules are written in."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current moment in Beijing time. The only place that reads the wall clock."""
    return datetime.now(BEIJING)


def beijing(naive: datetime) -> datetime:
    """Attach Beijing time to a naive datetime read from a spreadsheet."""
    return naive.replace(tzinfo=BEIJING)


def end_of_day(moment: datetime, days_later: int = 0) -> datetime:
    """23:59:59 on the day of `moment` (plus `days_later` days), the platform's day-end deadline."""
    day = moment + timedelta(days=days_later)
    return day.replace(hour=23, minute=59, second=59, microsecond=0)


def format_time(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
