"""Products close to a ban today: each product's late ship clocks of the day against the product sanction.

The 发货超时 rule (2026-08-10) bans a product and freezes its payments for 7 days after a day on which ≥50% of
its orders and ≥100 of them were shipped late; the numbers are data ([[sanctions]] with scope "product" in
resources/penalties). Which clocks are due and late on a day is read as for the shop (triage.shop_risk).

The rule does not say whether a product's orders are counted per order or per sub-order (商品单): an order
with three sub-orders of one product is one order, or three. The two readings can give different rates, so
both are counted and the one closer to the ban is used (the safe reading), and said.
A sub-order without 商品ID (an export without that column) is counted under its order's product name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from shopguard.core.deadlines.engine import Deadline
from shopguard.core.rules.penalties import PenaltyTable, Sanction
from shopguard.core.triage.shop_risk import LATE, DayCount, describe_table, due_on, levels, sanction_table

READINGS = {"orders": "按订单计", "sub_orders": "按子订单（商品单）计"}
SAFE_READING = "同一订单含同一商品的多个子订单时，按订单和按子订单两种算法中更接近处罚线的一种计"


@dataclass(frozen=True, slots=True)
class ProductDay:
    """One product on the day: its count under the reading closer to a ban, and where that leaves it."""

    product_id: str | None  # None: the export has no 商品ID; `product` is then the name it is counted under
    product: str | None
    count: DayCount
    reading: str  # a key of READINGS
    level: Sanction | None
    next_level: Sanction | None
    late_until_next_level: int | None

    @property
    def listed(self) -> bool:
        """At a ban, or at least half the way to one its clocks of the day can still reach (as the shop's amber)."""
        return self.level is not None or (
            self.late_until_next_level is not None and self.count.ship_late >= self.late_until_next_level
        )

    def as_dict(self) -> dict:
        return {
            "product_id": self.product_id,
            "product": self.product,
            "ship_due": self.count.ship_due,
            "ship_late": self.count.ship_late,
            "late_rate": str(self.count.late_rate),
            "counted": self.reading,
            "level": self.level.effect if self.level else None,
            "next_level": self.next_level.effect if self.next_level else None,
            "late_until_next_level": self.late_until_next_level,
        }


@dataclass(frozen=True, slots=True)
class ProductRisk:
    day: date
    products: list[ProductDay]  # those at or near a ban: at a ban first, then the closest
    source: str  # the table and the reading, or why there is none
    table_known: bool = True

    def as_dict(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "products": [product.as_dict() for product in self.products],
            "source": self.source,
        }


def product_risk(deadlines: list[Deadline], as_of: datetime, tables: list[PenaltyTable]) -> ProductRisk:
    """The products at or near a ban on the day of `as_of` (Beijing time)."""
    day = as_of.date()
    table = sanction_table(tables, as_of, "product")
    if table is None:
        return ProductRisk(day, [], "该时期的商品处罚标准未知", table_known=False)
    possible = [s for s in table.sanctions if s.scope == "product" and s.days == 1]  # most severe first
    days = [_judged(key, counts, possible, day) for key, counts in _counts(deadlines, day).items()]
    listed = [product for product in days if product.listed]
    listed.sort(key=lambda p: (p.level is None, p.late_until_next_level or 0, -p.count.ship_late, p.product_id or ""))
    return ProductRisk(day, listed, f"{describe_table(table)}；{SAFE_READING}")


class _Tally:
    __slots__ = ("name", "orders_due", "orders_late", "subs_due", "subs_late")

    def __init__(self) -> None:
        self.name: str | None = None
        self.orders_due: set[str | None] = set()
        self.orders_late: set[str | None] = set()
        self.subs_due = self.subs_late = 0


def _counts(deadlines: list[Deadline], day: date) -> dict[tuple[str | None, str | None], _Tally]:
    """(商品ID, or None and the product name) -> the product's orders and sub-orders due and late on the day."""
    tallies: dict[tuple[str | None, str | None], _Tally] = defaultdict(_Tally)
    for deadline in deadlines:
        if not due_on(deadline, day):
            continue
        late = deadline.status in LATE
        order = deadline.order_id or f"clock:{id(deadline)}"  # an order without an id is an order of its own
        for index, product_id in enumerate(deadline.product_ids or (None,)):
            tally = tallies[(product_id, None if product_id else deadline.product)]
            if index == 0 and tally.name is None:
                tally.name = deadline.product  # the clock's product name is that of its first sub-order
            tally.orders_due.add(order)
            tally.subs_due += 1
            if late:
                tally.orders_late.add(order)
                tally.subs_late += 1
    return tallies


def _judged(key: tuple[str | None, str | None], tally: _Tally, possible: list[Sanction], day: date) -> ProductDay:
    product_id, name = key
    readings = {
        "orders": DayCount(day, len(tally.orders_due), len(tally.orders_late)),
        "sub_orders": DayCount(day, tally.subs_due, tally.subs_late),
    }
    judged = {reading: levels(count, possible) for reading, count in readings.items()}

    def closeness(reading: str) -> tuple:
        level, _, until = judged[reading]
        severity = possible.index(level) if level else len(possible)
        return (severity, until if until is not None else float("inf"))

    reading = min(readings, key=closeness)  # "orders" on a tie
    level, upcoming, until = judged[reading]
    return ProductDay(product_id, tally.name or name, readings[reading], reading, level, upcoming, until)


def describe_product_risk(risk: ProductRisk) -> str | None:
    """One line for the morning list when a product is at or near a ban; None otherwise."""
    if not risk.products:
        return None
    first = risk.products[0]
    who = f"「{first.product or '未命名商品'}」" + (f"（商品ID {first.product_id}）" if first.product_id else "")
    count = first.count
    head = f"今日商品风险：{who}应发货 {count.ship_due} 单，已超时 {count.ship_late} 单（{count.late_rate:.2%}）"
    if first.level is not None:
        line = f"{head}，已达到处罚线：{first.level.effect}"
    else:
        line = f"{head}；再超时 {first.late_until_next_level} 单将触发：{first.next_level.effect}"
    others = len(risk.products) - 1
    return f"{line}（另有 {others} 个商品接近或达到处罚线）" if others else line
