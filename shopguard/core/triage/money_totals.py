"""Money at risk across the list: totals per urgency group, and the list ordered by what is at stake."""

from __future__ import annotations

from decimal import Decimal

from shopguard.core.deadlines.engine import Deadline
from shopguard.core.triage.buckets import OPEN, bucket_of

ZERO = Decimal("0.00")


def money_at_risk(deadline: Deadline) -> Decimal:
    """What the clock can still cost; 0 when nothing, or when it is not known (that shows as "—", not 0)."""
    return Decimal(deadline.money_at_risk) if deadline.money_at_risk else ZERO


def open_money_at_risk(deadline: Deadline) -> Decimal:
    """What an open clock can still cost (finished clocks' money is in money_incurred): 0 for those."""
    return money_at_risk(deadline) if deadline.money_at_risk and deadline.status in OPEN else ZERO


def totals_per_bucket(deadlines: list[Deadline]) -> dict[str, Decimal]:
    """Money at risk of the open clocks in each urgency group."""
    return add_up(map(open_money_at_risk, deadlines), map(bucket_of, deadlines))


def add_up(amounts, groups) -> dict[str, Decimal]:
    """Amounts summed per group (pairs in step); groups with nothing at stake are left out."""
    totals: dict[str, Decimal] = {}
    for amount, group in zip(amounts, groups, strict=True):
        if amount:
            totals[group] = totals.get(group, ZERO) + amount
    return totals


def money_order(deadline: Deadline) -> tuple[bool, Decimal]:
    """Sort key: open clocks with the most at stake first; a stable sort keeps equal amounts in urgency order."""
    return deadline.status not in OPEN, -money_at_risk(deadline)


def by_money_at_risk(deadlines: list[Deadline]) -> list[Deadline]:
    """Open clocks with the most at stake first, equal amounts in their order of urgency; finished ones last."""
    return sorted(deadlines, key=money_order)


def rows_by_money_at_risk(rows: list[int], amounts: list[Decimal]) -> list[int]:
    """The same order for rows in urgency order (indexes into the deadlines whose open_money_at_risk are
    `amounts`): finished clocks count 0, and as they come after the open ones, they stay after them."""
    return sorted(rows, key=lambda i: -amounts[i])


def incurred_so_far(deadline: Deadline) -> str | None:
    """What is deducted already when it is part of the amount at risk (not nothing, not all of it)."""
    incurred = deadline.money_incurred
    if incurred and Decimal(incurred) > 0 and incurred != deadline.money_at_risk:
        return incurred
    return None


def describe_money(deadline: Deadline) -> str:
    """¥36.00, or ¥36.00（已 ¥12.00） once part of it is incurred; "—" when not known."""
    if deadline.money_at_risk is None:
        return "—"
    incurred = incurred_so_far(deadline)
    return f"¥{deadline.money_at_risk}（已 ¥{incurred}）" if incurred else f"¥{deadline.money_at_risk}"
