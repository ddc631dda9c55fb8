"""How close the shop is to a selling limit today: the day's late ship clocks against the sanction table.

The 发货超时 rule limits a shop for 7 days after one day with ≥30% late and ≥200 late orders (0 orders a day), or
two days running with ≥40% and ≥200 (100 orders a day); the numbers are data (rules.penalties). Each clock is
one order (sub-orders of one order are one ship clock).

Which clocks count (the rule says "单日超时订单", not how each case is counted; the safe reading counts more
as late, never fewer): a ship clock whose due time falls on that day (Beijing time) is due; it is late when it
is overdue, was shipped after its due time, or cannot be judged (需要核对: shipped or not is in doubt). An order
refunded before shipping (exempt) needs no shipping and is not counted as due (that only raises the rate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from shopguard.core.deadlines.engine import Deadline
from shopguard.core.rules.penalties import PenaltyTable, Sanction

LATE = ("overdue", "missed", "unknown")
NOT_DUE = ("exempt",)
READING = "按截止时间所在日（北京时间）计：已超时、超时后发货和无法判断是否按时发货的都算超时，发货前已退款的不算应发货"


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    ship_due: int
    ship_late: int

    @property
    def late_rate(self) -> Decimal:
        if not self.ship_due:
            return Decimal("0.0000")
        return (Decimal(self.ship_late) / self.ship_due).quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP")

    def reaches(self, sanction: Sanction) -> bool:
        return self.ship_late >= self.late_needed(sanction)

    def late_needed(self, sanction: Sanction) -> int:
        """Late orders this day needs to reach the sanction with the clocks due so far (exact: 30% of 700 is
        210, and 209 is not enough)."""
        return max(sanction.late_orders, math.ceil(sanction.late_rate * self.ship_due))


@dataclass(frozen=True, slots=True)
class ShopRisk:
    today: DayCount
    level: Sanction | None  # the most severe sanction the day reaches, if any
    next_level: Sanction | None  # the next one it can still reach today
    late_until_next_level: int | None
    source: str  # the table the thresholds come from, or why there is none
    table_known: bool = True  # False: no sanction table is in force for this day (source says so)

    def as_dict(self) -> dict:
        return {
            "day": self.today.day.isoformat(),
            "ship_due": self.today.ship_due,
            "ship_late": self.today.ship_late,
            "late_rate": str(self.today.late_rate),
            "level": self.level.effect if self.level else None,
            "next_level": self.next_level.effect if self.next_level else None,
            "late_until_next_level": self.late_until_next_level,
            "source": self.source,
        }


def due_on(deadline: Deadline, day: date) -> bool:
    """A ship clock the platform counts among the day's orders to ship."""
    return (
        deadline.kind == "ship"
        and deadline.due is not None
        and deadline.status not in NOT_DUE
        and deadline.due.date() == day
    )


def day_count(deadlines: list[Deadline], day: date) -> DayCount:
    due = late = 0
    for deadline in deadlines:
        if due_on(deadline, day):
            due += 1
            late += deadline.status in LATE
    return DayCount(day, due, late)


def sanction_table(tables: list[PenaltyTable], as_of: datetime, scope: str) -> PenaltyTable | None:
    """The table in force at `as_of` with sanctions for `scope` ("shop" or "product")."""
    return next(
        (t for t in tables if not t.switched_off and t.in_force(as_of) and any(s.scope == scope for s in t.sanctions)),
        None,
    )


def levels(today: DayCount, possible: list[Sanction]) -> tuple[Sanction | None, Sanction | None, int | None]:
    """The most severe sanction of `possible` (most severe first) the day reaches, the nearest more severe one
    today's clocks can still reach, and how many more late orders that takes."""
    level = next((s for s in possible if today.reaches(s)), None)
    more_severe = possible[: possible.index(level)] if level else possible
    within_reach = [s for s in more_severe if today.late_needed(s) <= today.ship_due]
    upcoming = min(within_reach, key=today.late_needed, default=None)
    until = today.late_needed(upcoming) - today.ship_late if upcoming else None
    return level, upcoming, until


def describe_table(table: PenaltyTable) -> str:
    return f"「{table.source_title}」（{table.source_id}，{table.source_date}）"


def shop_risk(deadlines: list[Deadline], as_of: datetime, tables: list[PenaltyTable]) -> ShopRisk:
    """The day of `as_of` (Beijing time), with the day before for the two-day tier."""
    today = day_count(deadlines, as_of.date())
    table = sanction_table(tables, as_of, "shop")
    if table is None:
        return ShopRisk(today, None, None, None, "该时期的店铺处罚标准未知", table_known=False)
    yesterday = day_count(deadlines, as_of.date() - timedelta(days=1))
    # Listed from the most severe in the table (a selling stop before a daily cap). A tier over several days
    # can only be reached today if the days before reached it too.
    possible = [s for s in table.sanctions if s.scope == "shop" and (s.days == 1 or yesterday.reaches(s))]
    level, upcoming, until = levels(today, possible)
    return ShopRisk(today, level, upcoming, until, f"{describe_table(table)}；{READING}")


def alert(risk: ShopRisk) -> str:
    """ "red": a sanction is reached today; "amber": today's late orders are at least half the way to the next
    one; "green" otherwise (also when today's orders cannot reach any)."""
    if risk.level is not None:
        return "red"
    if risk.late_until_next_level is not None and risk.today.ship_late >= risk.late_until_next_level:
        return "amber"
    return "green"


def describe_shop_risk(risk: ShopRisk) -> str:
    """One line for the morning list: today's late ship clocks and how close that is to a selling limit."""
    today = risk.today
    head = f"今日店铺风险：应发货 {today.ship_due} 单，已超时 {today.ship_late} 单（{today.late_rate:.2%}）"
    if risk.level is not None:
        return f"{head}，已达到处罚线：{risk.level.effect}"
    if risk.next_level is not None:
        return f"{head}；再超时 {risk.late_until_next_level} 单将触发：{risk.next_level.effect}"
    if risk.table_known:
        return f"{head}；今天应发货的订单不足以触发店铺处罚"
    return f"{head}；{risk.source}"
