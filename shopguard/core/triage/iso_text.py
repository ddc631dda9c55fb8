"""A moment's ISO 8601 text for the JSON: exactly `datetime.isoformat()`, at two thirds of its cost.

The JSON writes up to three moments per clock, 600,000 for 200,000 orders. For an aware datetime, half the
work of isoformat() is finding and writing its UTC offset. Beijing time has been UTC+8 since 1992
(clock.FIXED_OFFSET_SINCE; China kept summer time, UTC+9, from 1986 to 1991), so for those moments the offset
is a constant, and the date part, shared by thousands of clocks, is written once per day. Any other moment
(an earlier one, another zone, a naive one) goes through isoformat() itself.
"""

from __future__ import annotations

from datetime import date, datetime

from shopguard.core.clock import BEIJING, FIXED_OFFSET_SINCE

FIXED_OFFSET = "+08:00"


class IsoTexts(dict):
    """One writer's texts: day -> "YYYY-MM-DDT", filled on first use. Call text(moment)."""

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat() + "T"
        return text

    def text(self, moment: datetime) -> str:
        if moment.tzinfo is BEIJING and moment >= FIXED_OFFSET_SINCE:  # same zone: compared without offsets
            # time() drops the zone; its isoformat() writes microseconds only when there are some, as isoformat().
            return self[moment.date()] + moment.time().isoformat() + FIXED_OFFSET
        return moment.isoformat()
