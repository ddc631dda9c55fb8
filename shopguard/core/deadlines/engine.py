"""The deadline engine: every penalty clock of every order, parcel and after-sale, judged at one moment.

Clocks and their start → done events:
  ship            支付完成时间 (due: 承诺发货时间 or the promise type)  → 发货时间
  pickup          发货时间 → 揽收时间                       (per parcel)
  first_sort      揽收时间 → 首个分拨中心时间               (per parcel)
  transit         latest scan → 签收时间                    (per parcel, only while in transit)
  return_refund   退货签收 → 商家退款时间                   (退货退款)
  exchange        退货签收 → exchange parcel picked up or 售后完结时间 (换货)
  return_receipt  退货发货时间 → return signed or after-sale ended
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from shopguard.core.bulk import collector_paused
from shopguard.core.clock import BEIJING
from shopguard.core.records import AfterSale, OrderLine, Tracking
from shopguard.core.rules.book import ClockContext, RuleBook
from shopguard.core.rules.packs import CLOCKS, RulePack
from shopguard.core.settings import EngineSettings

STATUSES = {
    "overdue": "已超时",
    "pending": "未到期",
    "missed": "已超时完成",
    "met": "按时完成",
    "exempt": "豁免",
    # Not computable, or the data contradicts itself (explanation says what is missing): never left out.
    "unknown": "需要核对",
}
ORDER_NOT_SHIPPABLE = {"已关闭", "已取消", "待支付", "待付款"}
ORDER_COMPLETED = {"已完成", "交易成功"}
ORDER_SHIPPED = {"已发货", *ORDER_COMPLETED}
AFTER_SALE_ENDED = {"售后关闭", "售后成功", "换货成功", "退款成功", "已关闭", "已完成"}
RETURN_TYPES = {"退货退款", "换货"}
DONE_TIME_UNKNOWN = "已完成，但导出中没有完成时间，无法判断是否按时"


@dataclass(slots=True)
class Deadline:
    kind: str
    order_id: str | None
    after_sale_id: str | None
    tracking_no: str | None
    start: datetime
    due: datetime | None
    done: datetime | None
    status: str
    seconds_left: int | None
    rule: str  # "<pack id>/<rule id>"
    rule_title: str  # e.g. "双11 2023: 揽收48小时"
    explanation: str
    verified: bool = True
    sub_order_ids: tuple[str, ...] = ()
    product: str | None = None
    courier: str | None = None
    # What the merchant added in the store (see store.snapshot.annotate).
    handled: bool = False
    note: str | None = None
    correction: str | None = None


@dataclass(slots=True)
class Triage:
    as_of: datetime
    deadlines: list[Deadline]
    packs: list[RulePack]
    notices: list[str] = field(default_factory=list)


# Why a clock was not computed: (order id, clock kind or NO_PAYMENT, name of the daily pack in force or "").
Gap = tuple[str | None, str, str]
NO_PAYMENT = "no_payment"


@dataclass(slots=True)
class Clocks:
    """What the engine computed: most urgent first, and clocks equally urgent by order id, then in the order
    the engine made them. So the clocks of orders computed apart merge into the very list a computation of
    all of them gives (merge_by_urgency)."""

    deadlines: list[Deadline]
    gaps: list[Gap]


def judge(due: datetime | None, done: datetime | None, done_known: bool, as_of: datetime) -> tuple[str, int | None]:
    """Status and seconds left. A due time is met up to and including its last second."""
    if due is None:
        return "exempt", None
    if done is not None:
        return ("met" if done <= due else "missed"), None
    if done_known:  # finished, but the export does not say when
        return "met", None
    # Floor, not int(): half a second past the due time is overdue, not "0 seconds left".
    left = math.floor((due - as_of).total_seconds())
    return ("pending" if left >= 0 else "overdue"), left


def judge_again(deadlines: list[Deadline], as_of: datetime) -> None:
    """Judge clocks computed at another moment at `as_of` (only pending and overdue ones can change)."""
    for deadline in deadlines:
        if deadline.status in ("pending", "overdue"):
            deadline.status, deadline.seconds_left = judge(deadline.due, None, False, as_of)


# A clock that cannot be judged may already be late: right after the overdue ones.
_URGENCY = {"overdue": 0, "unknown": 1, "pending": 2, "missed": 3, "met": 4, "exempt": 5}
_NEVER = datetime.max.replace(tzinfo=BEIJING)


def sort_by_urgency(deadlines: list[Deadline]) -> None:
    """Most urgent first: overdue, then pending, by due time; finished and exempt clocks last.

    Two stable sorts on simple keys: far cheaper than one sort on a tuple key at 200,000 clocks.
    """
    deadlines.sort(key=lambda deadline: deadline.due or _NEVER)
    deadlines.sort(key=lambda deadline: _URGENCY[deadline.status])


def _urgency_key(deadline: Deadline) -> tuple:
    return _URGENCY[deadline.status], deadline.due or _NEVER, deadline.order_id or ""


def merge_by_urgency(kept: list[Deadline], added: list[Deadline]) -> list[Deadline]:
    """One list of two that are each most urgent first (as Clocks) and share no order."""
    if len(added) * 16 > len(kept):  # many: one sort of both is cheaper than a search for each
        merged = kept + added
        merged.sort(key=_urgency_key)
        return merged
    merged: list[Deadline] = []
    start = 0
    for deadline in added:
        end = bisect.bisect_left(kept, _urgency_key(deadline), lo=start, key=_urgency_key)
        merged += kept[start:end]
        merged.append(deadline)
        start = end
    merged += kept[start:]
    return merged


@dataclass(slots=True)
class _Parcel:
    order_id: str
    shipped_at: datetime
    courier: str | None
    product: str | None
    province: str | None
    city: str | None
    completed: bool
    sub_order_ids: list[str]


NO_CONTEXT = ClockContext()


class _Builder:
    def __init__(self, book: RuleBook, as_of: datetime):
        self.book = book
        self.as_of = as_of
        self.deadlines: list[Deadline] = []
        self.gaps: list[Gap] = []
        self._explanations: dict[tuple, str] = {}

    def add(
        self,
        kind,
        start,
        events,
        context=NO_CONTEXT,
        done=None,
        done_known=False,
        note=None,
        *,
        order_id,
        after_sale_id,
        tracking_no,
        sub_order_ids=(),
        product=None,
        courier=None,
    ):
        """Append the clock's deadline and return it; None (and a notice) when no rule covers it."""
        resolution = self.book.resolve(kind, start, events, context)
        if resolution is None:
            pack = self.book.daily_pack_at(start)
            self.gaps.append((order_id, kind, pack.name if pack else ""))
            return None
        rule = resolution.rule
        status, left = judge(resolution.due, done, done_known, self.as_of)
        if done is None and done_known and note is None:
            note = DONE_TIME_UNKNOWN
        # Positional: keyword construction of this 19-field record costs three times as much.
        deadline = Deadline(
            kind,
            order_id,
            after_sale_id,
            tracking_no,
            start,
            resolution.due,
            done,
            status,
            left,
            rule.ref,
            rule.title,
            self._explanation(rule, resolution.reasons, note),
            rule.verified,
            sub_order_ids,
            product,
            courier,
        )
        self.deadlines.append(deadline)
        return deadline

    def _explanation(self, rule, reasons: tuple[str, ...], note: str | None) -> str:
        # Few distinct sentences serve 200,000 clocks: build each once and share it.
        key = (rule.ref, reasons, note)
        text = self._explanations.get(key)
        if text is None:
            grounds = "；".join((*reasons, *([note] if note else [])))
            text = self._explanations[key] = f"{rule.explain}依据：{grounds}。" if grounds else rule.explain
        return text


def compute_deadlines(
    orders: list[OrderLine],
    after_sales: list[AfterSale],
    tracking: dict[str, Tracking],
    packs: list[RulePack],
    settings: EngineSettings,
    as_of: datetime,
) -> Triage:
    """Every clock, most urgent first, with notices for the clocks that could not be computed."""
    clocks = compute_clocks(orders, after_sales, tracking, packs, settings, as_of)
    return Triage(as_of, clocks.deadlines, packs, describe_gaps(clocks.gaps))


def compute_clocks(
    orders: list[OrderLine],
    after_sales: list[AfterSale],
    tracking: dict[str, Tracking],
    packs: list[RulePack],
    settings: EngineSettings,
    as_of: datetime,
) -> Clocks:
    """The clocks of these records, judged at `as_of` and in the order Clocks describes.

    Pass the records in the order they were stored: where several sub-orders share a parcel, its clocks
    take their order id and product from the first one.
    """
    builder = _Builder(RuleBook(packs, settings), as_of)
    with collector_paused():
        _ship_clocks(orders, builder)
        for tracking_no, parcel in _parcels(orders).items():
            _parcel_clocks(tracking_no, parcel, tracking.get(tracking_no), builder)
        for after_sale in after_sales:
            _after_sale_clocks(after_sale, tracking, builder)
    deadlines = builder.deadlines
    deadlines.sort(key=lambda deadline: deadline.order_id or "")  # stable: the engine's order within an order
    sort_by_urgency(deadlines)
    return Clocks(deadlines, builder.gaps)


def describe_gaps(gaps: list[Gap]) -> list[str]:
    """One notice per reason a set of clocks could not be computed."""
    notices = []
    no_payment = sum(kind == NO_PAYMENT for _, kind, _ in gaps)
    if no_payment:
        notices.append(f"{no_payment} 个未发货子订单既没有支付完成时间也没有承诺发货时间，无法计算发货截止时间")
    unruled = Counter((kind, pack_name) for _, kind, pack_name in gaps if kind != NO_PAYMENT)
    for (kind, pack_name), count in sorted(unruled.items()):
        where = f"「{pack_name}」" if pack_name else "任何已启用的日常规则包"
        notices.append(f"{count} 个{CLOCKS[kind]}时钟未计算：{where}没有规定该时限，请在规则包中补充")
    return notices


def _ship_clocks(orders: list[OrderLine], builder: _Builder) -> None:
    by_order: dict[str, list[Deadline]] = {}
    for line in orders:
        if line.order_status in ORDER_NOT_SHIPPABLE:
            continue
        start = line.paid_at or line.promised_ship_at
        if start is None:
            if line.shipped_at is None:
                builder.gaps.append((line.order_id, NO_PAYMENT, ""))
            continue
        deadline = builder.add(
            "ship",
            start,
            {"paid_at": line.paid_at, "promised_ship_at": line.promised_ship_at},
            ClockContext(line.promised_ship_at),
            done=line.shipped_at,
            # Shipped by its status or its parcels even when the export lacks the 发货时间 column.
            done_known=line.order_status in ORDER_SHIPPED or bool(line.packages),
            order_id=line.order_id,
            after_sale_id=None,
            tracking_no=None,
            sub_order_ids=(line.sub_order_id,),
            product=line.product,
        )
        if deadline is None:
            continue
        # Sub-orders of one order with the same deadline and ship time are one clock for the merchant.
        siblings = by_order.get(line.order_id)
        if siblings is None:
            by_order[line.order_id] = [deadline]  # most orders have one sub-order: no search at all
            continue
        same = (deadline.due, deadline.done, deadline.rule)
        twin = next((d for d in siblings if (d.due, d.done, d.rule) == same), None)
        if twin is None:
            siblings.append(deadline)
        else:
            builder.deadlines.pop()
            twin.sub_order_ids += (line.sub_order_id,)


def _parcels(orders: list[OrderLine]) -> dict[str, _Parcel]:
    parcels: dict[str, _Parcel] = {}
    for line in orders:
        if line.shipped_at is None:
            continue
        for package in line.packages:
            parcel = parcels.get(package.tracking_no)
            if parcel is None:
                parcels[package.tracking_no] = _Parcel(
                    line.order_id,
                    line.shipped_at,
                    package.courier,
                    line.product,
                    line.province,
                    line.city,
                    line.order_status in ORDER_COMPLETED,
                    [line.sub_order_id],
                )
            else:
                parcel.shipped_at = min(parcel.shipped_at, line.shipped_at)
                parcel.sub_order_ids.append(line.sub_order_id)
    return parcels


def _parcel_clocks(tracking_no: str, parcel: _Parcel, scans: Tracking | None, builder: _Builder) -> None:
    ids = dict(
        order_id=parcel.order_id,
        after_sale_id=None,
        tracking_no=tracking_no,
        sub_order_ids=tuple(parcel.sub_order_ids),
        product=parcel.product,
        courier=(scans.courier if scans and scans.courier else parcel.courier),
    )
    scans = scans or Tracking(tracking_no)
    picked_up, first_sort, signed = scans.picked_up_at, scans.first_sort_at, scans.signed_at
    events = {
        "shipped_at": parcel.shipped_at,
        "picked_up_at": picked_up,
        "first_sort_at": first_sort,
        "last_update_at": scans.last_update_at,
    }
    # A later scan or a completed order proves the earlier step happened, even when its time is unknown.
    moved_on = parcel.completed or signed is not None
    if picked_up is not None or not (moved_on or first_sort is not None):
        note = None if picked_up or scans.last_update_at else "尚未导入该单号的揽收数据，请导入快递轨迹表核对"
        builder.add("pickup", parcel.shipped_at, events, done=picked_up, note=note, **ids)
    if picked_up is None:
        return
    buyer = ClockContext(buyer_province=parcel.province, buyer_city=parcel.city)
    if first_sort is not None or not moved_on:
        builder.add("first_sort", picked_up, events, buyer, done=first_sort, **ids)
    if moved_on:
        return  # delivered: a stall can no longer be penalised
    last_scan = max(t for t in (picked_up, first_sort, scans.last_update_at) if t is not None)
    builder.add("transit", last_scan, events, buyer, **ids)


def _after_sale_clocks(after_sale: AfterSale, tracking: dict[str, Tracking], builder: _Builder) -> None:
    if after_sale.type not in RETURN_TYPES:
        return
    ids = dict(
        order_id=after_sale.order_id,
        after_sale_id=after_sale.after_sale_id,
        tracking_no=after_sale.return_tracking_no,
        sub_order_ids=(after_sale.sub_order_id,) if after_sale.sub_order_id else (),
        product=after_sale.product,
    )
    returned = tracking.get(after_sale.return_tracking_no) if after_sale.return_tracking_no else None
    signed = returned.signed_at if returned else None
    ended_at = min((t for t in (after_sale.finished_at, after_sale.closed_at) if t is not None), default=None)
    ended = ended_at is not None or after_sale.status in AFTER_SALE_ENDED
    events = {
        "applied_at": after_sale.applied_at,
        "return_shipped_at": after_sale.return_shipped_at,
        "return_signed_at": signed,
    }
    if after_sale.return_shipped_at is not None:
        closed = min((t for t in (signed, ended_at) if t is not None), default=None)
        builder.add("return_receipt", after_sale.return_shipped_at, events, done=closed, done_known=ended, **ids)
    if signed is None:
        return
    if after_sale.type == "退货退款":
        done = after_sale.refunded_at or ended_at
        builder.add("return_refund", signed, events, done=done, done_known=ended, **ids)
    else:
        exchange = tracking.get(after_sale.exchange_tracking_no) if after_sale.exchange_tracking_no else None
        done = (exchange.picked_up_at if exchange else None) or ended_at
        shipped_exchange = after_sale.exchange_tracking_no is not None
        note = "已上传换货物流单号（发出时间未知，按已处理计）" if shipped_exchange and done is None else None
        builder.add("exchange", signed, events, done=done, done_known=ended or shipped_exchange, note=note, **ids)
