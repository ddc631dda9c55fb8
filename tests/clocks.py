"""Clocks that need checking (status "unknown", 需要核对), made from demo clocks the way the engine marks them:
no due time when the start cannot be read, a known due time when only the data after it contradicts itself.
Every front end is tested on these until the engine produces them from the exports themselves."""

from __future__ import annotations

from shopguard.core.deadlines.engine import Deadline, Triage, compute_deadlines, sort_by_urgency
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.imports.importer import import_files
from shopguard.core.rules.packs import load_packs

# Demo order 351 is paid and not shipped: without a readable payment time its ship-by cannot be computed.
NO_PAYMENT_ORDER = "6917880231000000351"
NO_PAYMENT = (
    "支付完成时间「2023-11-31 25:61」无法识别，算不出发货截止时间。"
    "请在抖店后台 → 订单 → 订单管理 核对该订单的支付时间，再在 ShopGuard 里手动更正。"
)
# Demo order 951's parcel: a pickup scan before the ship time cannot both be true.
CONTRADICTION_ORDER = "6917880231000000951"
CONTRADICTION = (
    "揽收时间（2023-10-27 08:00:00）早于发货时间（2023-10-27 09:00:00），数据前后矛盾，无法判断是否按时揽收。"
    "请在快递官网核对揽收时间，再手动更正。"
)


def make_unknown(deadline: Deadline, explanation: str, keep_due: bool = False) -> Deadline:
    deadline.status, deadline.seconds_left, deadline.done = "unknown", None, None
    deadline.due = deadline.due if keep_due else None
    deadline.explanation = explanation
    return deadline


def mark_unknown_clocks(deadlines: list[Deadline]) -> list[Deadline]:
    """The ship clock of order 351 (no due) and the pickup clock of order 951 (due known) need checking, where
    they are in `deadlines`; the list is sorted again. Returns the clocks marked."""
    marked = []
    for deadline in deadlines:
        if (deadline.order_id, deadline.kind) == (NO_PAYMENT_ORDER, "ship"):
            marked.append(make_unknown(deadline, NO_PAYMENT))
        elif (deadline.order_id, deadline.kind) == (CONTRADICTION_ORDER, "pickup"):
            marked.append(make_unknown(deadline, CONTRADICTION, keep_due=True))
    sort_by_urgency(deadlines)
    return marked


def demo_triage_with_unknown_clocks() -> Triage:
    imported = import_files(demo_files())
    triage = compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
    )
    mark_unknown_clocks(triage.deadlines)
    return triage
