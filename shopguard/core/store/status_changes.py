"""Which clocks an import changed: their statuses before and after it, judged at one and the same moment.

The summary after an import lists the orders whose clocks changed status because of it (未到期 → 已超时,
已超时 → 按时完成, a new clock to check ...) and every order that now needs checking, not only a count of
problems. Both sets of clocks are judged at the same moment, so only the imported data can have moved a
status. Callers take them from the triage before and after the import (statuses()): with clocks kept between
runs (store.clock_update) the first reuses the kept clocks and the second computes only the orders it touched.

Listed: a clock whose status changed; a new clock that is overdue or needs checking (a fresh export's
pending and finished clocks are no news); a clock that was running, overdue or to check and is no more
(say, an order closed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from shopguard.core.deadlines.engine import STATUSES, Deadline
from shopguard.core.rules.packs import CLOCKS

LISTED = 50  # orders a summary lists; the rest are counted
NEW_WORTH_LISTING = frozenset({"overdue", "unknown"})
GONE_WORTH_LISTING = frozenset({"overdue", "unknown", "pending"})
# Most urgent first, as the morning list orders clocks; None: the clock is gone.
_RANK = {"overdue": 0, "unknown": 1, "pending": 2, None: 3, "missed": 4, "met": 5, "exempt": 6}
_KIND_ORDER = {kind: index for index, kind in enumerate(CLOCKS)}

ClockKey = tuple[str, str, str | None, str | None, str | None]  # kind, order, after-sale, tracking, sub-order


@dataclass(frozen=True, slots=True)
class ClockChange:
    kind: str
    before: str | None  # status before the import; None: there was no such clock
    after: str | None  # status after it; None: the clock is gone
    tracking_no: str | None = None
    after_sale_id: str | None = None

    @property
    def became_unknown(self) -> bool:
        return self.after == "unknown" and self.before != "unknown"


@dataclass(slots=True)
class OrderChanges:
    order_id: str  # "" for after-sales without an order number
    changes: list[ClockChange] = field(default_factory=list)

    @property
    def to_check(self) -> bool:
        """A clock of this order needs checking now that did not before."""
        return any(change.became_unknown for change in self.changes)


@dataclass(slots=True)
class StatusChanges:
    orders: list[OrderChanges] = field(default_factory=list)  # most urgent first

    @property
    def to_check(self) -> int:
        """Orders that became 需要核对."""
        return sum(order.to_check for order in self.orders)

    def listed(self, limit: int = LISTED) -> tuple[list[OrderChanges], int]:
        """The first `limit` orders, and how many more there are."""
        return self.orders[:limit], max(0, len(self.orders) - limit)


def statuses(deadlines: Iterable[Deadline]) -> dict[ClockKey, str]:
    """Each clock's status by what identifies it: all a comparison needs, far smaller than the clocks (keep
    this, not the clocks, while importing). A ship clock shared by sub-orders counts once for each, so that
    sub-orders merging into one clock (or splitting) is no change."""
    found: dict[ClockKey, str] = {}
    for deadline in deadlines:  # 200,000 clocks and more: kept to plain loops
        status = deadline.status
        if deadline.kind == "ship" and deadline.sub_order_ids:
            order = deadline.order_id or ""
            keys = [("ship", order, None, None, sub) for sub in deadline.sub_order_ids]
        else:
            keys = ((deadline.kind, deadline.order_id or "", deadline.after_sale_id, deadline.tracking_no, None),)
        for key in keys:
            known = found.setdefault(key, status)
            if known != status and _RANK[status] < _RANK[known]:  # the same clock twice: the more urgent counts
                found[key] = status
    return found


def compare(before: Mapping[ClockKey, str], after: Mapping[ClockKey, str]) -> StatusChanges:
    """The changes from the clock statuses `before` an import to those `after` it (statuses(), judged at the
    same moment)."""
    by_order: dict[str, dict[tuple, ClockChange]] = {}
    # New or changed: the set difference runs in C. Into an empty store everything is new (no set needed).
    for key, status in (after.items() - before.items()) if before else after.items():
        was = before.get(key)
        if was is not None or status in NEW_WORTH_LISTING:
            _add(by_order, key, was, status)
    for key in before.keys() - after.keys():
        if before[key] in GONE_WORTH_LISTING:
            _add(by_order, key, before[key], None)
    orders = [OrderChanges(order, sorted(changes.values(), key=_change_order)) for order, changes in by_order.items()]
    orders.sort(key=lambda order: (min(_RANK[change.after] for change in order.changes), order.order_id))
    return StatusChanges(orders)


def _add(by_order: dict, key: ClockKey, before: str | None, after: str | None) -> None:
    # Sub-orders of one ship clock change together: the order lists the change once.
    kind, order, after_sale, tracking, _ = key
    change = ClockChange(kind, before, after, tracking, after_sale)
    by_order.setdefault(order, {}).setdefault((kind, after_sale, tracking, before, after), change)


def _change_order(change: ClockChange) -> tuple:
    kind = _KIND_ORDER.get(change.kind, len(_KIND_ORDER))
    return _RANK[change.after], kind, change.tracking_no or "", change.after_sale_id or "", _RANK[change.before]


def describe_order(order: OrderChanges) -> str:
    """`订单 6917…：发货 未到期 → 已超时；揽收（SF1001） 新增 需要核对`."""
    who = f"订单 {order.order_id}" if order.order_id else "没有订单号的售后"
    return f"{who}：" + "；".join(describe_change(change) for change in order.changes)


def describe_change(change: ClockChange) -> str:
    clock = CLOCKS.get(change.kind, change.kind)
    which = change.after_sale_id and f"售后 {change.after_sale_id}" or change.tracking_no
    if which:
        clock += f"（{which}）"
    if change.before is None:
        return f"{clock} 新增 {STATUSES[change.after]}"
    after = STATUSES[change.after] if change.after else "不再计时"
    return f"{clock} {STATUSES[change.before]} → {after}"
