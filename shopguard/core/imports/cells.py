"""Turn raw spreadsheet cells into clean values, the way 抖店 exports need it.

Exports prefix every cell with a TAB (or an apostrophe) so Excel keeps long IDs as text, write `-` for
"empty", and files re-saved by Excel/WPS may turn times into date cells or IDs into (damaged) numbers.
The importer strips that padding (see cell_reading); each parser here raises CellError with a
message for the merchant, and the importer adds file, row and column.
"""

from __future__ import annotations

import calendar
import math
import re
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from itertools import repeat
from operator import methodcaller

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
# Couriers' numbers: letters, digits and '-', never starting with '-', with at least one digit.
_TRACKING_NO = re.compile(r"(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9][A-Za-z0-9-]{0,49}")

# Characters a cell must never bring into the store: C0 controls (TAB, CR and LF become a space), DEL, C1
# controls, lone surrogates and the non-characters U+FFFE/U+FFFF. Spreadsheet XML cannot hold most of them,
# so one such character in a product name would stop the morning report.
_CONTROL = {code: None for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF)}
_CONTROL.update({ord("\t"): " ", ord("\n"): " ", ord("\r"): " "})
SHOWN_LENGTH = 30  # characters of a bad cell quoted in a message
NOTHING_BUT_CONTROLS = "只有看不见的控制字符，没有内容"


class CellError(ValueError):
    """A cell that cannot be read; the message is for the merchant."""


def parse_id(value: object) -> str:
    """An order, sub-order, after-sale or product ID as exact text: digits only, as 抖店 writes them."""
    if value.__class__ is str:
        if value.isdigit() and value.isascii():
            return value
        return _odd_text_id(value, "抖店的订单号、子订单号、售后单号和商品ID只有数字")
    return _number_id(value, parse_id)


def parse_tracking_no(value: object) -> str:
    """A tracking number: letters, digits and '-' (at least one digit), in capitals as couriers print them."""
    if value.__class__ is str:
        if _TRACKING_NO.fullmatch(value):
            return value.upper()
        return _odd_text_id(value, "物流单号只有字母、数字和「-」")
    return _number_id(value, parse_tracking_no)


def _number_id(value: object, parse_text_id) -> str:
    """An ID cell a spreadsheet holds as a number (or as something that is no ID at all)."""
    if isinstance(value, bool):
        raise CellError("这一格是 Excel 的逻辑值（是/否），不是编号")
    if isinstance(value, int):
        return _whole_number_id(value, str(value))
    if isinstance(value, float):
        return _whole_number_id(value, repr(value))
    if isinstance(value, str):  # a str subclass
        return parse_text_id(str(value))
    raise CellError(f"编号「{shown(value)}」不是文本")


def _odd_text_id(text: str, rule: str) -> str:
    """An ID cell whose text is not an ID as exported: a whole number Excel wrote as `123.0`, else an error."""
    if text.endswith(".0") and text[:-2].isdigit() and text.isascii():
        return _whole_number_id(float(text), text)
    if _SCIENTIFIC.fullmatch(text):
        raise CellError(f"编号「{text}」是科学计数法，已被 Excel 截断，无法还原；请从抖店重新导出")
    if text in EXCEL_ERRORS:
        raise CellError(f"编号是 Excel 的错误值「{text}」（公式出错），不是编号")
    if text.startswith("="):
        raise CellError(f"「{shown(text)}」是公式，不是编号")
    raise CellError(f"「{shown(text)}」不是编号：{rule}")


def parse_shared_id(value: object) -> str:
    """An ID that repeats across rows (a product's 商品ID): checked as parse_id, one shared copy in memory."""
    return sys.intern(parse_id(value))


def parse_ids(texts: list[str]) -> list[str]:
    """[parse_id(text) for text in texts], at once when every text is digits only (as exported)."""
    if all(map(str.isdigit, texts)) and all(map(str.isascii, texts)):
        return texts
    return list(map(parse_id, texts))


def parse_shared_ids(texts: list[str]) -> list[str]:
    """[parse_shared_id(text) for text in texts]."""
    return list(map(sys.intern, parse_ids(texts)))


def _whole_number_id(number: float | int, text: str) -> str:
    if not math.isfinite(number):
        raise CellError(f"编号「{text}」不是数字")
    if number < 0:
        raise CellError(f"编号「{text}」是负数，不是编号")
    if number != int(number) or number >= EXCEL_EXACT_LIMIT:
        raise CellError(
            f"编号以数字形式保存（{text}），Excel 只保留15位有效数字，编号可能已被改动；"
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
        raise CellError(f"无法识别的时间「{shown(value)}」，应为 2023-11-01 10:23:45 这样的格式")
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)
    except ValueError:
        raise CellError(f"时间「{value}」不存在（{_impossible(year, month, day, hour, minute, second)}）") from None


# A column of times as 抖店 writes every one of them, one per line: read by parse_times without a Python loop.
_EXPORT_TIMES = re.compile(r"(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n)*", re.ASCII)
_TIME_OF_DAY = methodcaller("time")


def parse_times(texts: list[str]) -> list[datetime]:
    """[parse_time(text) for text in texts] (raising what it raises), all at once when every text is written
    `2023-11-01 10:23:45` (the export's own way): a big export has close to a million time cells."""
    if not _EXPORT_TIMES.fullmatch("\n".join(texts) + "\n"):
        return list(map(parse_time, texts))
    try:
        moments = list(map(datetime.fromisoformat, texts))  # naive: the texts have no offset
    except ValueError:  # a day or an hour that does not exist: parse_time says which
        return list(map(parse_time, texts))
    # beijing(moment) for each: combine() with the moment as its date
    return list(map(datetime.combine, moments, map(_TIME_OF_DAY, moments), repeat(BEIJING)))


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
    raise CellError(f"无法识别的时间「{shown(value)}」")


def _excel_serial(number: float) -> datetime:
    # Serial day numbers between 2000-01-01 and 2100-01-01 are the only plausible order times.
    if not 36526 <= number < 73051:
        raise CellError(f"时间列里是数字「{number}」，不是时间")
    moment = _EXCEL_EPOCH + timedelta(days=float(number))
    return moment.replace(microsecond=0, tzinfo=BEIJING) + timedelta(seconds=round(moment.microsecond / 1e6))


def parse_money(value: object) -> Decimal:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise CellError(f"金额「{value}」不是数字")
        return Decimal(str(value))
    text = str(value).replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():  # Decimal reads "NaN" and "Infinity" too
        raise CellError(f"金额「{shown(value)}」不是数字")
    return amount


def parse_count(value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).replace(",", ""))
    except ValueError:
        raise CellError(f"数量「{shown(value)}」不是整数") from None


def parse_label(value: object) -> str:
    """Text that repeats across rows (status, province, product): one shared copy, without control characters."""
    if value.__class__ is str and value.isprintable():  # nearly every cell: no control character to remove
        return sys.intern(value)
    return sys.intern(parse_text(value))


def parse_labels(texts: list[str]) -> list[str]:
    """[parse_label(text) for text in texts]."""
    return list(map(sys.intern, parse_texts(texts)))


def parse_texts(texts: list[str]) -> list[str]:
    """[parse_text(text) for text in texts], at once when no text holds a control character (nearly always)."""
    if all(map(str.isprintable, texts)):
        return texts
    return list(map(parse_text, texts))


def parse_text(value: object) -> str:
    if value.__class__ is str:
        return value if value.isprintable() else _without_controls(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return _without_controls(str(value))


def _without_controls(text: str) -> str:
    cleaned = text.replace("\r\n", "\n").translate(_CONTROL).strip()
    if not cleaned:
        raise CellError(NOTHING_BUT_CONTROLS)
    return cleaned


def shown(value: object) -> str:
    """A bad cell as a message quotes it: control characters removed, at most SHOWN_LENGTH characters."""
    text = str(value).strip()
    cleaned = text.translate(_CONTROL).strip()
    if len(cleaned) > SHOWN_LENGTH:
        cleaned = cleaned[:SHOWN_LENGTH] + "…"
    if any(ord(character) in _CONTROL for character in text):
        cleaned += "（含看不见的控制字符）"
    return cleaned
