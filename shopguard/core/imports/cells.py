"""Turn raw spreadsheet cells into clean values, the way 抖店 exports need it.

Exports prefix every cell with a TAB (or an apostrophe) so Excel keeps long IDs as text, write `-` for
"empty", and files re-saved by Excel/WPS may turn times into date cells or IDs into (damaged) numbers.
The importer strips that padding (see importer._parse_row); each parser here raises CellError with a
message for the merchant, and the importer adds file, row and column.
"""

from __future__ import annotations

import calendar
import re
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from shopguard.core.clock import BEIJING, beijing

EMPTY_MARKERS = frozenset({"", "-", "--", "—"})
# What Excel shows in a cell whose formula failed (a sheet the merchant edited, say with VLOOKUP).
EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"})

# Excel keeps 15 significant digits: a larger whole number stored as a number has lost its tail.
EXCEL_EXACT_LIMIT = 10**15

_SLASH_TIME = re.compile(
    r"(\d{4})[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?$"
)
_EXCEL_EPOCH = datetime(1899, 12, 30)
# How Excel shows a long number it has converted: 6.91793E+18.
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE]\+\d+")


class CellError(ValueError):
    """A cell that cannot be read; the message is for the merchant."""


def parse_id(value: object) -> str:
    """An order, after-sale or tracking ID as exact text."""
    if isinstance(value, str):
        if value.isdigit():
            return value
        if _SCIENTIFIC.fullmatch(value):
            raise CellError(f"编号「{value}」是科学计数法，已被 Excel 截断，无法还原；请从抖店重新导出")
        if value.endswith(".0") and value[:-2].isdigit():
            return _whole_number_id(float(value), value)
        if value in EXCEL_ERRORS:
            raise CellError(f"编号是 Excel 的错误值「{value}」（公式出错），不是编号")
        return value
    if isinstance(value, bool):
        raise CellError(f"编号不能是「{value}」")
    if isinstance(value, int):
        return _whole_number_id(value, str(value))
    if isinstance(value, float):
        return _whole_number_id(value, repr(value))
    raise CellError(f"编号「{value}」不是文本")


def parse_shared_id(value: object) -> str:
    """An ID that repeats across rows (a product's 商品ID): checked as parse_id, one shared copy in memory."""
    return sys.intern(parse_id(value))


def _whole_number_id(number: float | int, shown: str) -> str:
    if number != int(number) or abs(number) >= EXCEL_EXACT_LIMIT:
        raise CellError(
            f"编号以数字形式保存（{shown}），Excel 只保留15位有效数字，编号可能已被改动；"
            "请使用抖店原始导出文件，或把该列设为文本后重新导出"
        )
    return str(int(number))


def parse_time(value: object) -> datetime:
    """A Beijing-time moment from text such as `2023-11-01 10:23:45` or `2023/11/1 10:23`, or a date cell."""
    if value.__class__ is not str:  # text is by far the most common: test it first
        return _time_from_cell(value)
    if len(value) >= 16 and value[4] == "-" and value[10] in " T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment.astimezone(BEIJING) if moment.tzinfo else beijing(moment)
    match = _SLASH_TIME.match(value)
    if match is None:
        if re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", value):
            raise CellError(f"时间「{value}」只有日期没有时刻，无法判断截止时间")
        raise CellError(f"无法识别的时间「{value}」，应为 2023-11-01 10:23:45 这样的格式")
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)
    except ValueError:
        raise CellError(f"时间「{value}」不存在（{_impossible(year, month, day, hour, minute, second)}）") from None


def _impossible(year: int, month: int, day: int, hour: int, minute: int, second: int) -> str:
    """Which part of a date and time cannot be, in the merchant's words (Python says it in English)."""
    if year < 1:
        return f"没有 {year} 年"
    if not 1 <= month <= 12:
        return f"没有 {month} 月"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{year} 年 {month} 月没有 {day} 日"
    if hour > 23:
        return f"没有 {hour} 点"
    return f"分钟和秒应在 0–59 之间，现在是 {minute} 分 {second} 秒"


def _time_from_cell(value: object) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(BEIJING) if value.tzinfo else beijing(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=BEIJING)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel_serial(value)
    if isinstance(value, str):  # a str subclass
        return parse_time(str(value))
    raise CellError(f"无法识别的时间「{value}」")


def _excel_serial(number: float) -> datetime:
    # Serial day numbers between 2000-01-01 and 2100-01-01 are the only plausible order times.
    if not 36526 <= number < 73051:
        raise CellError(f"时间列里是数字「{number}」，不是时间")
    moment = _EXCEL_EPOCH + timedelta(days=float(number))
    return moment.replace(microsecond=0, tzinfo=BEIJING) + timedelta(seconds=round(moment.microsecond / 1e6))


def parse_money(value: object) -> Decimal:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value).replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError(f"金额「{value}」不是数字") from None


def parse_count(value: object) -> int:
    if isinstance(value, float) and value == int(value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).replace(",", ""))
    except ValueError:
        raise CellError(f"数量「{value}」不是整数") from None


def parse_label(value: object) -> str:
    """Text that repeats across rows (status, province, product): one shared copy in memory."""
    return sys.intern(value) if value.__class__ is str else parse_text(value)


def parse_text(value: object) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)
