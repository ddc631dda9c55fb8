from datetime import date, datetime
from decimal import Decimal

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.imports.cells import CellError, parse_count, parse_id, parse_money, parse_time, parse_tracking_no


def bj(*parts):
    return datetime(*parts, tzinfo=BEIJING)


def test_nineteen_digit_text_id_stays_exact():
    assert parse_id("6917926768823643751") == "6917926768823643751"


def test_id_that_became_a_float_is_refused_not_rounded():
    with pytest.raises(CellError, match="15位"):
        parse_id(6.917926768823644e18)


@pytest.mark.parametrize("text", ["6.91793E+18", "6.917926768823644e+18", "6917926768823643751.0"])
def test_id_in_scientific_or_float_text_is_refused(text):
    with pytest.raises(CellError):
        parse_id(text)


def test_short_whole_number_id_is_exact_and_accepted():
    assert parse_id(770291786060549.0) == "770291786060549"
    assert parse_id(12345) == "12345"


def test_alphanumeric_tracking_number_with_e_is_not_scientific():
    assert parse_tracking_no("SF1E2345678") == "SF1E2345678"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2023-11-01 10:23:45", bj(2023, 11, 1, 10, 23, 45)),
        ("2023-11-01 10:23", bj(2023, 11, 1, 10, 23)),
        ("2023/11/1 10:23", bj(2023, 11, 1, 10, 23)),
        ("2026/07/22 11:00:21", bj(2026, 7, 22, 11, 0, 21)),
        ("2023/11/01 9:05:07", bj(2023, 11, 1, 9, 5, 7)),
        (datetime(2023, 11, 1, 10, 23, 45), bj(2023, 11, 1, 10, 23, 45)),
        (date(2023, 11, 1), bj(2023, 11, 1)),
        (45231.5, bj(2023, 11, 1, 12, 0, 0)),
    ],
)
def test_times_in_every_export_spelling_are_beijing_time(raw, expected):
    parsed = parse_time(raw)
    assert parsed == expected
    assert parsed.utcoffset().total_seconds() == 8 * 3600


def test_time_with_offset_is_converted_to_beijing():
    assert parse_time("2023-11-01T02:00:00+00:00") == bj(2023, 11, 1, 10)


@pytest.mark.parametrize(
    "raw, message", [("2023-11-01", "只有日期"), ("明天下午", "无法识别"), ("2023-02-30 10:00", "不存在")]
)
def test_unparseable_times_raise_a_message_for_the_merchant(raw, message):
    with pytest.raises(CellError, match=message):
        parse_time(raw)


def test_money_with_thousands_separator():
    assert parse_money("1,234.50") == Decimal("1234.50")
    assert parse_money("¥59.90") == Decimal("59.90")
    with pytest.raises(CellError):
        parse_money("五十")


def test_count_accepts_whole_floats_from_xlsx():
    assert parse_count(2.0) == 2
    assert parse_count("3") == 3
    with pytest.raises(CellError):
        parse_count("两件")
