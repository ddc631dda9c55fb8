"""What filings do to the triage: an approved filing exempts the clocks it covered (or moves their due time
when the platform granted a new one), and a filing that must be submitted soon is called out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import (
    Deadline,
    Triage,
    attach_money,
    judge,
    sort_by_urgency,
)
from shopguard.core.filing.catalogue import FILING_TYPES
from shopguard.core.filing.coverage import CoverageRow
from shopguard.core.filing.model import STATUSES, Filing
from shopguard.core.filing.plan import filing_window, is_near
from shopguard.core.records import OrderLine

# The order lines (with the amount paid) of some sub-orders, read from the store only when a due time moved.
OrderLines = Callable[[set[str]], list[OrderLine]]


def apply_filings(
    triage: Triage,
    filings: list[tuple[Filing, list[CoverageRow]]],
    as_of: datetime,
    order_lines: OrderLines | None = None,
) -> None:
    granted = {}
    marks: dict[tuple, str] = {}
    for filing, coverage in filings:
        label = filing.label
        if filing.status == "approved":
            for row in coverage:
                if row.covered:
                    granted[(row.order_id, row.kind, row.tracking_no)] = filing
        elif filing.status in ("draft", "ready"):
            window = filing_window(filing, coverage, as_of)
            if is_near(window, as_of):
                triage.notices.append(
                    f"{label} #{filing.id}（{FILING_TYPES[filing.type]}，{STATUSES[filing.status]}）"
                    f"须在 {format_time(window.latest)} 前提交"
                )
            elif window.kind == "appeal" and window.latest is None:  # the 报备 window passed: no time to show
                triage.notices.append(f"报备 #{filing.id} 的时限已过，不能再报备：收到违规通知后 7 天内申诉")
        elif filing.status == "filed":  # submitted, not yet answered: the table says so until it ends
            for row in coverage:
                if row.covered:
                    marks[(row.order_id, row.kind, row.tracking_no)] = f"已{label} #{filing.id}"
        _evidence_clock(triage, filing, label, as_of)
    if marks:
        for deadline in triage.deadlines:
            deadline.filing_mark = marks.get((deadline.order_id, deadline.kind, deadline.tracking_no))
    if not granted:
        return
    moved: list[Deadline] = []
    for deadline in triage.deadlines:
        filing = granted.get((deadline.order_id, deadline.kind, deadline.tracking_no))
        if filing is None:
            continue
        if filing.new_due is not None and deadline.status == "unknown":
            # A new due time does not tell whether the clock was met: what made it 需要核对 is still missing.
            deadline.due = filing.new_due
            moved.append(deadline)
            effect = f"平台调整考核时间为 {format_time(filing.new_due)}；是否按时仍需核对"
        elif filing.new_due is not None:
            deadline.due = filing.new_due
            deadline.status, deadline.seconds_left = judge(filing.new_due, deadline.done, False, as_of)
            moved.append(deadline)
            effect = f"平台调整考核时间为 {format_time(filing.new_due)}"
        else:  # excused whatever the data says: an unknown clock too is no longer penalised
            deadline.status, deadline.seconds_left = "exempt", None
            if deadline.money_basis is not None:  # nothing is deducted for an excused clock
                deadline.money_at_risk, deadline.money_incurred, deadline.money_steps = "0.00", None, ()
                deadline.money_basis = f"报备 #{filing.id} 已通过，免除判罚"
            effect = "平台免除判罚"
        ticket = f"，工单 {filing.ticket}" if filing.ticket else ""
        deadline.explanation = f"{deadline.explanation}报备 #{filing.id} 已通过{ticket}：{effect}。"
        deadline.rule_title = f"{deadline.rule_title}（报备 #{filing.id} 已通过）"
    _price_again(moved, order_lines, as_of)
    sort_by_urgency(triage.deadlines)


def _evidence_clock(triage: Triage, filing: Filing, label: str, as_of: datetime) -> None:
    """The platform asked for evidence: 24 h from the request, while the filing is still open."""
    if filing.evidence_due is None or filing.status not in ("draft", "ready", "filed"):
        return
    if as_of <= filing.evidence_due:
        triage.notices.append(
            f"{label} #{filing.id} 须在 {format_time(filing.evidence_due)} 前补交证据（平台要求举证后 24 小时内）"
        )
    else:
        triage.notices.append(f"{label} #{filing.id} 的举证期限 {format_time(filing.evidence_due)} 已过")


def _price_again(moved: list[Deadline], order_lines: OrderLines | None, as_of: datetime) -> None:
    """A new due time changes what a clock costs: the table in force, the promise tier (due minus payment)
    and when each step is passed. The money of the old due time must not stay on the clock."""
    priced = [deadline for deadline in moved if deadline.money_basis is not None]
    for deadline in priced:
        deadline.money_at_risk = deadline.money_incurred = None
        deadline.money_steps = ()
        deadline.money_basis = "考核时间已调整，扣款未重新计算（没有订单金额）"
    if priced and order_lines is not None:
        lines = order_lines({sub for deadline in priced for sub in deadline.sub_order_ids})
        attach_money(priced, lines, as_of)
