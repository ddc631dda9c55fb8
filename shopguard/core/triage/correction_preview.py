"""What a manual time correction would do to an order's clocks, before it is saved: each clock's due time and
status before and after, so the merchant confirms a change they have seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shopguard.core.clock import now
from shopguard.core.deadlines.engine import Deadline, Triage, compute_clocks
from shopguard.core.filing.effects import apply_filings
from shopguard.core.filing.storage import load_filings
from shopguard.core.store.annotate import CORRECTION_KINDS, AnnotationError, Correction, correction_target
from shopguard.core.store.database import Store
from shopguard.core.store.snapshot import apply_corrections, load_order_lines, load_snapshot
from shopguard.core.triage.session import rules_in_use


@dataclass(frozen=True, slots=True)
class ClockChange:
    before: Deadline
    after: Deadline | None  # None: the clock is gone (e.g. a correction that removes the parcel's start)

    @property
    def changed(self) -> bool:
        after = self.after
        return after is None or (after.due, after.status) != (self.before.due, self.before.status)


def preview_correction(
    store: Store, order_id: str, kind_name: str, at: datetime, as_of: datetime, target: str | None = None
) -> list[ClockChange]:
    """Every clock of the order as it is and as it would be with `at` for this kind of time (AnnotationError
    when the correction cannot be made, with the same message saving it would give); `target`: the parcel or
    after-sale, as for annotate.set_time."""
    kind = CORRECTION_KINDS.get(kind_name)
    if kind is None:
        raise AnnotationError(f"不认识的时间类型「{kind_name}」")
    with store.reading():
        target = correction_target(store, order_id, kind, target)
        settings, packs = rules_in_use(store)
        before_records, after_records = load_snapshot(store, order_id), load_snapshot(store, order_id)
        filings = load_filings(store)
        correction = Correction(order_id, kind, target, at, now())
        after_records.corrections = [c for c in after_records.corrections if (c.kind, c.target) != (kind, target)]
        after_records.corrections.append(correction)
        apply_corrections(after_records)

        def clocks(records) -> list[Deadline]:
            computed = compute_clocks(records.orders, records.after_sales, records.tracking, packs, settings, as_of)
            triage = Triage(as_of, [d for d in computed.deadlines if d.order_id == order_id], packs)
            apply_filings(triage, filings, as_of, lambda subs: load_order_lines(store, subs))
            return triage.deadlines

        before, after = clocks(before_records), clocks(after_records)
    later = {(d.kind, d.after_sale_id, d.tracking_no): d for d in after}
    return [ClockChange(d, later.get((d.kind, d.after_sale_id, d.tracking_no))) for d in before]
