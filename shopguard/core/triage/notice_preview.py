"""Which open orders a notice would cover, shown before it is saved: each covered ship clock, before and after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shopguard.core.rules.notices import Notice, notice_pack
from shopguard.core.rules.user_packs import all_packs
from shopguard.core.store.database import Store
from shopguard.core.triage.session import triage_store

OPEN = ("pending", "overdue", "unknown")


@dataclass(frozen=True, slots=True)
class CoveredClock:
    order_id: str
    product: str | None
    due_before: datetime | None
    due_after: datetime | None  # None: exempt
    status_after: str


def preview_notice(store: Store, notice: Notice, as_of: datetime) -> list[CoveredClock]:
    """The open ship clocks the notice takes over, as the triage would show them once it is saved."""
    before: dict[str | None, datetime | None] = {}
    for d in triage_store(store, as_of).triage.deadlines:
        if d.kind == "ship" and d.status in OPEN:  # sub-orders may be one clock or several: the earliest
            earlier = before.get(d.order_id, d.due)
            before[d.order_id] = d.due if earlier is None or (d.due is not None and d.due < earlier) else earlier
    candidate = notice_pack(notice)
    packs = [*all_packs(store.directory), candidate]
    after = triage_store(store, as_of, packs=packs, keep=False).triage.deadlines
    ref = candidate.rules[0].ref
    covered = [
        CoveredClock(d.order_id, d.product, before[d.order_id], d.due, d.status)
        for d in after
        if d.rule == ref and d.order_id in before
    ]
    return sorted(covered, key=lambda clock: clock.order_id or "")
