"""What the window builds from a triage before showing it: the search index and each order's clocks. At 200,000
orders this takes seconds, so a load on the worker builds it there (store_sync) and the window only shows it:
every pass over all the clocks the window needs when a list arrives is made here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from shopguard.core.deadlines.engine import Deadline, shipped_penalty_tables
from shopguard.core.triage.filter import GroupSummary, SearchIndex
from shopguard.core.triage.notices import Notice, merchant_notices
from shopguard.core.triage.session import StoreTriage
from shopguard.core.triage.shop_risk import ShopRisk, shop_risk
from shopguard.ui import side_counts


class ClocksByOrder(Mapping):
    """Each order's clocks, kept as their places in the list (the table finds an order's rows by them)."""

    def __init__(self, deadlines: list[Deadline]):
        self.deadlines = deadlines
        self.places: dict[str, list[int]] = {}
        for place, deadline in enumerate(deadlines):
            self.places.setdefault(deadline.order_id or "", []).append(place)

    def __getitem__(self, order_id: str) -> list[Deadline]:
        deadlines = self.deadlines
        return [deadlines[place] for place in self.places[order_id]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)


@dataclass(slots=True)
class ListData:
    index: SearchIndex
    by_order: ClocksByOrder
    couriers: list[str]
    after_sale_types: list[str]
    counts: GroupSummary  # the side list's counts of the unfiltered list
    risk: ShopRisk  # the shop-risk gauge's day (half a second at 200,000 clocks)
    notices: list[Notice]  # the banner's sentences


def prepare(result: StoreTriage) -> ListData:
    deadlines = result.triage.deadlines
    index = SearchIndex(deadlines, result.after_sale_types, handled_apart=True)  # 已处理 in a group of its own
    return ListData(
        index,
        ClocksByOrder(deadlines),
        sorted({d.courier for d in deadlines if d.courier}),
        sorted(set(result.after_sale_types.values())),
        side_counts.count_unfiltered(index),
        shop_risk(deadlines, result.triage.as_of, shipped_penalty_tables()),
        merchant_notices(result.triage),
    )
