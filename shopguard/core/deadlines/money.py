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
    at_risk: Decimal | None  # None: not known (no table for the period, no amount paid, no due time)
    # (moment, amount): once the clock is still not done after each moment, it costs that much. Kept with the
    # clock, so what it costs already can be read at any later moment without computing it again.
    steps: tuple[tuple[datetime, Decimal], ...]
    why: str  # the table row and source behind the numbers, or why there are none

    def incurred(self, as_of: datetime) -> Decimal | None:
        return incurred_at(self.steps, as_of)


def incurred_at(steps, as_of: datetime) -> Decimal | None:
    """What a clock costs already at `as_of`: the last step passed (a due time is met up to its last second)."""
    reached = None
    for moment, amount in steps:
        if as_of > moment:
            reached = amount
    return reached


def promise_tier(promise: timedelta) -> str:
    """承诺发货时效: how long the merchant had, from payment to the promised ship time."""
    return next((tier for edge, tier in PROMISE_EDGES if promise <= edge), "over_240h")


def late_tier(late: timedelta) -> str:
    """A due time is met up to its last second; exactly 48 hours late is still the first column."""
    return "up_to_48h" if late <= LATE_TIER_EDGE else "over_48h"


def table_at(tables: list[PenaltyTable], moment: datetime, clock: str) -> PenaltyTable | None:
    """The newest table in force at `moment` with a row for this clock (switched-off tables never count)."""
    return next(
        (
            table
            for table in tables
            if not table.switched_off and table.in_force(moment) and any(d.clock == clock for d in table.deductions)
        ),
        None,
    )


def ship_money(
    paid: Decimal | None,
    start: datetime,
    due: datetime | None,
    done: datetime | None,
    done_known: bool,
    tables: list[PenaltyTable],
) -> Money:
    """The 发货超时 deduction of one ship clock (start: payment; due: the promised ship time)."""
    if due is None:
        return Money(None, (), "没有截止时间，无法计算扣款")
    table = table_at(tables, due, "ship")
    if table is None:
        return Money(None, (), _no_table(tables, "ship"))
    if paid is None:
        return Money(None, (), "导出中没有订单应付金额，无法计算扣款")
    if done is None and done_known:
        return Money(Decimal("0.00"), (), "已发货（发货时间未知），按未超时计")
    if done is not None and done <= due:
        return Money(Decimal("0.00"), (), "按时发货，不扣款")
    promise = promise_tier(due - start)
    rows = {d.late: d for d in table.deductions if d.clock == "ship" and d.promise == promise}
    first, worst = rows.get("up_to_48h", rows.get("any")), rows.get("over_48h", rows.get("any"))
    if first is None or worst is None:
        return Money(None, (), f"「{table.name}」没有这一档（{promise}）的扣款")
    if done is not None:  # shipped late: what it cost is final
        row = first if late_tier(done - due) == "up_to_48h" else worst
        return Money(row.amount(paid), ((due, row.amount(paid)),), _because(row, table, paid))
    steps = ((due, first.amount(paid)), (due + LATE_TIER_EDGE, worst.amount(paid)))
    return Money(worst.amount(paid), steps, _because(worst, table, paid))


def logistics_money(
    clock: str,
    paid: Decimal | None,
    start: datetime,
    done: datetime | None,
    tables: list[PenaltyTable],
) -> Money:
    """物流轨迹异常: a pickup or first sort still missing long after the clock started."""
    table = table_at(tables, start, clock)
    if table is None:
        return Money(None, (), _no_table(tables, clock))
    if paid is None:
        return Money(None, (), "导出中没有订单应付金额，无法计算赔付")
    row = next(d for d in table.deductions if d.clock == clock)
    trigger = start + row.after_start
    if done is not None and done <= trigger:
        return Money(Decimal("0.00"), (), "在轨迹异常判定时间前完成，不赔付")
    return Money(row.amount(paid), ((trigger, row.amount(paid)),), _because(row, table, paid))


def _because(row: Deduction, table: PenaltyTable, paid: Decimal) -> str:
    mark = "" if row.verified and table.verified else "（未核实）"
    return f"按「{table.source_title}」（{table.source_id}，{table.source_date}）：{row.label}，实付 ¥{paid}{mark}"


def _no_table(tables: list[PenaltyTable], clock: str) -> str:
    known = [t.effective_from for t in tables if not t.switched_off and any(d.clock == clock for d in t.deductions)]
    since = min((moment for moment in known if moment is not None), default=None)
    if since is None:
        return "没有已知的扣款标准，金额未知"
    return f"该时期的扣款标准未知（已知的扣款表自 {since:%Y-%m-%d} 起），不估算金额"
