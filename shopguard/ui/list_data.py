"""What the window builds from a triage before showing it: the search index and each order's clocks. At 200,000
orders this takes seconds, so a load on the worker builds it there (store_sync) and the window only shows it."""

from __future__ import annotations

from dataclasses import dataclass

from shopguard.core.deadlines.engine import Deadline
from shopguard.core.triage.filter import GroupSummary, SearchIndex
from shopguard.core.triage.session import StoreTriage
from shopguard.ui import side_counts


@dataclass(slots=True)
class ListData:
    index: SearchIndex
    by_order: dict[str, list[Deadline]]
    couriers: list[str]
    after_sale_types: list[str]
    counts: GroupSummary | None = None  # the side list's counts of the unfiltered list


def prepare(result: StoreTriage) -> ListData:
    deadlines = result.triage.deadlines
    by_order: dict[str, list[Deadline]] = {}
    for deadline in deadlines:
        by_order.setdefault(deadline.order_id or "", []).append(deadline)
    index = SearchIndex(deadlines, result.after_sale_types, handled_apart=True)  # 已处理 in a group of its own
    return ListData(
        index,
        by_order,
        sorted({d.courier for d in deadlines if d.courier}),
        sorted(set(result.after_sale_types.values())),
        side_counts.count_unfiltered(index),
    )
