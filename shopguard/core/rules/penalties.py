"""Penalty tables: what the platform deducts for a late clock and when a day of late orders limits the shop.

Tables are data (resources/penalties/*.toml), one file per source text, each with its effective dates, source
title and id, and a verified / assumed mark, like the clock rules. A table that is not yet in force (a draft
for comment) ships switched off. Amounts are exact decimals in yuan; nothing here invents a number: a clock
outside every table's dates has no amount, and says so.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from shopguard.core.imports.cells import CellError, parse_time
from shopguard.core.resources import resource_dir
from shopguard.core.rules.packs import CLOCKS

# 承诺发货时效: the promise a ship clock ran under, in the tiers of the 发货超时 table.
PROMISE_TIERS = {
    "up_to_48h": "承诺≤48小时",
    "48_to_240h": "承诺48–240小时",
    "over_240h": "承诺>240小时",
    "appointment": "预约到货",
}
# How late the clock ended (or can still end): the table's two columns. "any" for a row with one column.
LATE_TIERS = {"up_to_48h": "超时≤48小时", "over_48h": "超时>48小时", "any": "超时"}
LATE_TIER_EDGE = timedelta(hours=48)
FEN = Decimal("0.01")
SCOPES = {"shop": "店铺", "product": "商品"}


class PenaltyTableError(Exception):
    """A table that cannot be used; `problems` lists every reason, each naming where in the file."""

    def __init__(self, path: str, problems: list[str]):
        super().__init__(f"{path}: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Deduction:
    """One row of a table: x% of the amount paid, at least `minimum` and at most `maximum` yuan."""

    ref: str  # "<table id>/<row id>"
    clock: str
    percent: Decimal
    minimum: Decimal
    maximum: Decimal
    label: str
    verified: bool
    promise: str | None = None  # a key of PROMISE_TIERS (ship clocks)
    late: str | None = None  # a key of LATE_TIERS (ship clocks)
    after_start: timedelta | None = None  # logistics: due this long after the clock started, not its own due

    def amount(self, paid: Decimal) -> Decimal:
        """Rounded half up to the fen, then held between the minimum and the maximum."""
        share = (paid * self.percent / 100).quantize(FEN, rounding="ROUND_HALF_UP")
        return min(max(share, self.minimum), self.maximum).quantize(FEN)  # "2.00", not "2", from a minimum of 2


@dataclass(frozen=True, slots=True)
class Sanction:
    """A day (or `days` days running) with at least this late rate and this many late orders."""

    ref: str
    scope: str  # a key of SCOPES
    days: int
    late_rate: Decimal
    late_orders: int
    effect: str


@dataclass(frozen=True, slots=True)
class PenaltyTable:
    id: str
    name: str
    source_title: str
    source_id: str
    source_date: str
    effective_from: datetime | None
    effective_until: datetime | None
    deductions: tuple[Deduction, ...]
    sanctions: tuple[Sanction, ...]
    verified: bool
    switched_off: bool
    path: str

    def in_force(self, moment: datetime) -> bool:
        after_start = self.effective_from is None or moment >= self.effective_from
        return after_start and (self.effective_until is None or moment <= self.effective_until)


def penalties_dir() -> Path:
    return resource_dir() / "penalties"


def load_penalty_tables(extra_paths: list[str | Path] = ()) -> list[PenaltyTable]:
    """The shipped tables (and extra files), newest first; a table with a shipped table's id replaces it."""
    tables: dict[str, PenaltyTable] = {}
    for path in [*sorted(penalties_dir().glob("*.toml")), *map(Path, extra_paths)]:
        table = load_penalty_table(path)
        tables[table.id] = table
    earliest = datetime.min
    return sorted(
        tables.values(),
        key=lambda t: t.effective_from.replace(tzinfo=None) if t.effective_from else earliest,
        reverse=True,
    )


def load_penalty_table(path: str | Path) -> PenaltyTable:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        raise PenaltyTableError(str(path), ["无法读取这个 UTF-8 编码的 TOML 文件"]) from None
    except tomllib.TOMLDecodeError:
        raise PenaltyTableError(str(path), ["TOML 语法错误"]) from None
    return _TableReader(str(path), data).read()


class _TableReader:
    def __init__(self, path: str, data: dict):
        self.path = path
        self.data = data
        self.problems: list[str] = []

    def read(self) -> PenaltyTable:
        data = self.data
        table_id = self._text(data, "id", "")
        source = data.get("source") if isinstance(data.get("source"), dict) else {}
        effective = data.get("effective") if isinstance(data.get("effective"), dict) else {}
        deductions = tuple(
            self._deduction(raw, f"deductions[{i}].", table_id) for i, raw in enumerate(data.get("deductions", []))
        )
        sanctions = tuple(
            self._sanction(raw, f"sanctions[{i}].", table_id) for i, raw in enumerate(data.get("sanctions", []))
        )
        if not deductions and not sanctions:
            self.problems.append("至少需要一条 [[deductions]] 或 [[sanctions]]")
        table = PenaltyTable(
            id=table_id,
            name=self._text(data, "name", ""),
            source_title=self._text(source, "title", "source."),
            source_id=self._text(source, "id", "source."),
            source_date=self._text(source, "date", "source."),
            effective_from=self._time(effective, "from"),
            effective_until=self._time(effective, "until"),
            deductions=tuple(d for d in deductions if d is not None),
            sanctions=tuple(s for s in sanctions if s is not None),
            verified=data.get("verified", True) is not False,
            switched_off=data.get("switched_off", False) is True,
            path=self.path,
        )
        if self.problems:
            raise PenaltyTableError(self.path, self.problems)
        return table

    def _deduction(self, raw: object, where: str, table_id: str) -> Deduction | None:
        if not isinstance(raw, dict):
            self.problems.append(f"{where}：应为表格 [[deductions]]")
            return None
        problems_before = len(self.problems)
        clock = raw.get("clock")
        if clock not in CLOCKS:
            self.problems.append(f"{where}clock：应为 {', '.join(CLOCKS)} 之一")
        promise, late = raw.get("promise"), raw.get("late")
        hours = raw.get("after_start_hours")
        if clock == "ship" and (promise not in PROMISE_TIERS or late not in LATE_TIERS):
            self.problems.append(
                f"{where}：发货扣款需要 promise（{'/'.join(PROMISE_TIERS)}）和 late（{'/'.join(LATE_TIERS)}）"
            )
        if clock != "ship" and not (isinstance(hours, int) and not isinstance(hours, bool) and hours > 0):
            self.problems.append(f"{where}after_start_hours：应为正整数（从时钟开始算起多少小时仍未完成）")
        percent, minimum, maximum = (self._money(raw, key, where) for key in ("percent", "min", "max"))
        if None not in (minimum, maximum) and minimum > maximum:
            self.problems.append(f"{where}：min 大于 max")
        if len(self.problems) > problems_before:
            return None
        return Deduction(
            ref=f"{table_id}/{self._text(raw, 'id', where)}",
            clock=clock,
            percent=percent,
            minimum=minimum,
            maximum=maximum,
            label=self._text(raw, "label", where),
            verified=raw.get("verified", self.data.get("verified", True)) is not False,
            promise=promise if clock == "ship" else None,
            late=late if clock == "ship" else None,
            after_start=timedelta(hours=hours) if clock != "ship" else None,
        )

    def _sanction(self, raw: object, where: str, table_id: str) -> Sanction | None:
        if not isinstance(raw, dict):
            self.problems.append(f"{where}：应为表格 [[sanctions]]")
            return None
        problems_before = len(self.problems)
        scope, days, orders = raw.get("scope"), raw.get("days"), raw.get("late_orders")
        if scope not in SCOPES:
            self.problems.append(f"{where}scope：应为 {'/'.join(SCOPES)}")
        if not (isinstance(days, int) and not isinstance(days, bool) and days > 0):
            self.problems.append(f"{where}days：应为正整数")
        if not (isinstance(orders, int) and not isinstance(orders, bool) and orders > 0):
            self.problems.append(f"{where}late_orders：应为正整数")
        rate = self._money(raw, "late_rate", where)
        if rate is not None and not 0 < rate <= 1:
            self.problems.append(f'{where}late_rate：应为 0 到 1 之间的比例，如 "0.30"')
        if len(self.problems) > problems_before:
            return None
        return Sanction(f"{table_id}/{self._text(raw, 'id', where)}", scope, days, rate, orders,
                        self._text(raw, "effect", where))  # fmt: skip

    def _money(self, raw: dict, key: str, where: str) -> Decimal | None:
        value = raw.get(key)
        try:
            # Text, so that "0.1" stays exactly 0.1 (a TOML float would not).
            number = Decimal(value) if isinstance(value, str) else None
        except InvalidOperation:
            number = None
        if number is None or number < 0:
            self.problems.append(f'{where}{key}：应写成带引号的非负数字，如 "1" 或 "0.30"')
        return number

    def _text(self, raw: dict, key: str, where: str) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f"{where}{key}：缺少")
            return ""
        return value.strip()

    def _time(self, raw: dict, key: str) -> datetime | None:
        if key not in raw:
            return None
        try:
            return parse_time(str(raw[key]))
        except CellError as error:
            self.problems.append(f"effective.{key}：{error}")
            return None
