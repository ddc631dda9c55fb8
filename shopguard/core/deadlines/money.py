"""What a clock costs: the deduction the platform makes if it ends late, by the penalty table in force.

`money_at_risk` is what the clock costs if it ends at its worst reachable tier (an unshipped order can always
become 缺货); `money_incurred` is what it costs already, once it is past a tier. Both are exact decimals in
yuan, rounded half up to the fen (rules.penalties.Deduction.amount). The table is the one in force at the
clock's due time; before the first known table there is no amount, and the sentence says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from shopguard.core.rules.penalties import LATE_TIER_EDGE, Deduction, PenaltyTable

PROMISE_EDGES = ((timedelta(hours=48), "up_to_48h"), (timedelta(hours=240), "48_to_240h"))


@dataclass(frozen=True, slots=True)
class Money:
    at_risk: str | None  # yuan, two decimals; None: not known (no table for the period, no amount, no due time)
    # (seconds after the due time, yuan): once the clock is still not done after each moment, it costs that
    # much. Shared between clocks and kept with them, so what a clock costs already can be read at any moment.
    steps: tuple[tuple[int, str], ...]
    why: str  # the table row and source behind the numbers, or why there are none

    def incurred(self, due: datetime | None, as_of: datetime) -> str | None:
        return incurred_at(self.steps, due, as_of)


def incurred_at(steps: tuple[tuple[int, str], ...], due: datetime | None, as_of: datetime) -> str | None:
    """The last step passed at `as_of`: a due time is met up to and including its last second."""
    reached = None
    if due is not None:
        since_due = (as_of - due).total_seconds()  # as judge() counts; timestamp() is six times slower
        for offset, amount in steps:
            if since_due > offset:
                reached = amount
    return reached


def promise_tier(promise: timedelta) -> str:
    """承诺发货时效: how long the merchant had, from payment to the promised ship time."""
    for edge, tier in PROMISE_EDGES:
        if promise <= edge:
            return tier
    return "over_240h"


def late_tier(late: timedelta) -> str:
    """A due time is met up to its last second; exactly 48 hours late is still the first column."""
    return "up_to_48h" if late <= LATE_TIER_EDGE else "over_48h"


def ship_money(paid, start, due, done, done_known, tables: list[PenaltyTable]) -> Money:
    """The 发货超时 deduction of one ship clock (start: payment; due: the promised ship time)."""
    return PenaltyBook(tables).ship(paid, start, due, done, done_known)


def logistics_money(clock, paid, start, due, done, tables: list[PenaltyTable]) -> Money:
    """物流轨迹异常: a pickup or first sort still missing long after the clock started."""
    return PenaltyBook(tables).logistics(clock, paid, start, due, done)


class PenaltyBook:
    """The tables indexed for 200,000 clocks: each table choice, amount, step list and sentence is worked out
    once and shared."""

    def __init__(self, tables: list[PenaltyTable]):
        self.tables = [table for table in tables if not table.switched_off]  # newest first
        self._table_by_day: dict[tuple[str, object], object] = {}
        self._ship_rows: dict[tuple[str, str], tuple[Deduction | None, Deduction | None]] = {}
        self._shared: dict[tuple, object] = {}  # amounts, step lists and sentences, one copy each

    def table_at(self, moment: datetime, clock: str) -> PenaltyTable | None:
        """The newest table in force at `moment` with a row for this clock."""
        key = (clock, moment.date())
        table = self._table_by_day.get(key, _UNKNOWN)  # one look-up: this runs for every clock that costs money
        if table is _UNKNOWN:
            first = self._find(moment.replace(hour=0, minute=0, second=0, microsecond=0), clock)
            last = self._find(moment.replace(hour=23, minute=59, second=59, microsecond=999999), clock)
            table = self._table_by_day[key] = first if first is last else _SPLIT_DAY
        return self._find(moment, clock) if table is _SPLIT_DAY else table

    def _find(self, moment: datetime, clock: str) -> PenaltyTable | None:
        return next(
            (t for t in self.tables if t.in_force(moment) and any(d.clock == clock for d in t.deductions)), None
        )

    def ship(self, paid, start, due, done, done_known) -> Money:
        """The 发货超时 deduction of one ship clock (start: payment; due: the promised ship time)."""
        if due is None:
            return Money(None, (), "没有截止时间，无法计算扣款")
        table = self.table_at(due, "ship")
        if table is None:
            return Money(None, (), self._no_table("ship"))
        if paid is None:
            return Money(None, (), "导出中没有订单应付金额，无法计算扣款")
        if done is None and done_known:
            return Money(ZERO, (), "已发货（发货时间未知），按未超时计")
        if done is not None and done <= due:
            return Money(ZERO, (), "按时发货，不扣款")
        promise = promise_tier(due - start)
        # Everything below depends only on these: one Money object serves every clock alike.
        late_first = None if done is None else done - due <= LATE_TIER_EDGE
        key = ("ship", table.id, promise, late_first, paid)
        money = self._shared.get(key)
        if money is None:
            money = self._shared[key] = self._ship_money(table, promise, late_first, paid)
        return money

    def _ship_money(self, table: PenaltyTable, promise: str, late_first: bool | None, paid: Decimal) -> Money:
        first, worst = self._rows(table, promise)
        if first is None or worst is None:
            return Money(None, (), f"「{table.name}」没有这一档（{promise}）的扣款")
        if late_first is not None:  # shipped late: what it cost is final
            row = first if late_first else worst
            amount = self._amount(row, paid)
            return Money(amount, ((0, amount),), self._because(row, table, paid))
        steps = ((0, self._amount(first, paid)), (EDGE_SECONDS, self._amount(worst, paid)))
        return Money(self._amount(worst, paid), steps, self._because(worst, table, paid))

    def logistics(self, clock, paid, start, due, done) -> Money:
        """物流轨迹异常: a pickup or first sort still missing long after the clock started."""
        table = self.table_at(start, clock)
        if table is None:
            return Money(None, (), self._no_table(clock))
        if paid is None:
            return Money(None, (), "导出中没有订单应付金额，无法计算赔付")
        row = self._logistics_row(table, clock)
        trigger = start + row.after_start
        if done is not None and done <= trigger:
            return Money(ZERO, (), "在轨迹异常判定时间前完成，不赔付")
        offset = int((trigger - due).total_seconds()) if due is not None else 0
        key = ("logistics", row.ref, offset, paid)
        money = self._shared.get(key)
        if money is None:
            amount = self._amount(row, paid)
            money = self._shared[key] = Money(amount, ((offset, amount),), self._because(row, table, paid))
        return money

    def _logistics_row(self, table: PenaltyTable, clock: str) -> Deduction:
        key = ("row", table.id, clock)
        row = self._shared.get(key)
        if row is None:
            row = self._shared[key] = next(d for d in table.deductions if d.clock == clock)
        return row

    def _rows(self, table: PenaltyTable, promise: str) -> tuple[Deduction | None, Deduction | None]:
        key = (table.id, promise)
        if key not in self._ship_rows:
            rows = {d.late: d for d in table.deductions if d.clock == "ship" and d.promise == promise}
            self._ship_rows[key] = (rows.get("up_to_48h", rows.get("any")), rows.get("over_48h", rows.get("any")))
        return self._ship_rows[key]

    def _amount(self, row: Deduction, paid: Decimal) -> str:
        key = ("amount", row.ref, paid)
        amount = self._shared.get(key)
        if amount is None:
            amount = self._shared[key] = str(row.amount(paid))
        return amount

    def _because(self, row: Deduction, table: PenaltyTable, paid: Decimal) -> str:
        key = ("why", row.ref, paid)
        text = self._shared.get(key)
        if text is None:
            mark = "" if row.verified and table.verified else "（未核实）"
            source = f"「{table.source_title}」（{table.source_id}，{table.source_date}）"
            text = self._shared[key] = f"按{source}：{row.label}，实付 ¥{paid:,}{mark}"
        return text

    def _no_table(self, clock: str) -> str:
        known = [t.effective_from for t in self.tables if any(d.clock == clock for d in t.deductions)]
        since = min((moment for moment in known if moment is not None), default=None)
        if since is None:
            return "没有已知的扣款标准，金额未知"
        return f"该时期的扣款标准未知（已知的扣款表自 {since:%Y-%m-%d} 起），不估算金额"


ZERO = "0.00"
EDGE_SECONDS = int(LATE_TIER_EDGE.total_seconds())
_SPLIT_DAY = object()  # a table starts or ends during this day: decide per moment
_UNKNOWN = object()
