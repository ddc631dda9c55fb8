import random
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from shopguard.core.clock import BEIJING
from shopguard.core.triage.iso_text import MomentValues


def test_beijing_time_since_1992_is_written_with_plus_eight():
    value = MomentValues().value
    assert value(datetime(2026, 11, 27, 9, 0, 5, tzinfo=BEIJING)) == '"2026-11-27T09:00:05+08:00"'
    assert value(datetime(1992, 1, 1, tzinfo=BEIJING)) == '"1992-01-01T00:00:00+08:00"'
    assert value(datetime(2026, 11, 27, 23, 59, 59, 250, tzinfo=BEIJING)) == '"2026-11-27T23:59:59.000250+08:00"'


def test_summer_time_1988_keeps_its_own_offset():
    # China's clocks ran on UTC+9 in the summers of 1986-1991: such a moment must not be written as +08:00.
    value = MomentValues().value
    summer = datetime(1988, 7, 1, 12, 0, tzinfo=BEIJING)
    assert value(summer) == '"1988-07-01T12:00:00+09:00"'
    # The hour repeated when summer time ended (1988-09-11 01:00-01:59): the second pass is +08:00.
    first = datetime.fromtimestamp(datetime(1988, 9, 11, 1, 30, tzinfo=timezone(timedelta(hours=9))).timestamp(),
                                   BEIJING)  # fmt: skip
    second = datetime.fromtimestamp(first.timestamp() + 3600, BEIJING)
    assert (first.fold, second.fold) == (0, 1)
    assert value(first) == '"1988-09-11T01:30:00+09:00"'
    assert value(second) == '"1988-09-11T01:30:00+08:00"'


def test_other_zones_and_naive_moments_are_written_as_isoformat_writes_them():
    value = MomentValues().value
    same_instant = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    assert value(datetime(2026, 11, 27, 9, 0, tzinfo=BEIJING)) == '"2026-11-27T09:00:00+08:00"'
    assert value(same_instant) == '"2026-11-27T01:00:00+00:00"'
    assert value(datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))) == '"2026-11-27T10:00:00+09:00"'
    assert value(datetime(2026, 11, 27, 9, 0)) == '"2026-11-27T09:00:00"'


def test_the_same_text_as_isoformat_for_moments_from_1980_to_2040():
    value = MomentValues().value
    rng = random.Random(20)
    start = datetime(1980, 1, 1, tzinfo=BEIJING).timestamp()
    for _ in range(20_000):
        seconds = start + rng.randrange(0, 60 * 365 * 86400)
        moment = datetime.fromtimestamp(seconds + rng.choice((0, 0, 0.5, 0.000001)), BEIJING)
        assert value(moment) == f'"{moment.isoformat()}"'


def test_no_moment_is_null_and_a_moment_seen_again_is_written_the_same():
    value = MomentValues().value
    assert value(None) == "null"
    moment = datetime(2026, 11, 27, 23, 59, 59, tzinfo=BEIJING)
    assert value(moment) == value(moment) == value(datetime(2026, 11, 27, 23, 59, 59, tzinfo=BEIJING))
    # The day's and the second's texts are kept apart: a new day at a known second, a known day at a new second.
    assert value(datetime(2026, 11, 28, 23, 59, 59, tzinfo=BEIJING)) == '"2026-11-28T23:59:59+08:00"'
    assert value(datetime(2026, 11, 27, 0, 0, 1, tzinfo=BEIJING)) == '"2026-11-27T00:00:01+08:00"'
