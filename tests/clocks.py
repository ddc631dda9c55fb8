"""Clocks that need checking (status "unknown", 需要核对) as the engine makes them from real files, in the three
shapes it makes them: the demo's own stall clock, which no rule covers (start known, no due time); and, from
one more order export written next to the demo's, a ship clock with no start time (no due time either) and a
ship clock whose data contradicts itself (due time known, whether it was met not)."""

from __future__ import annotations

from pathlib import Path

from shopguard.core.deadlines.engine import Triage, compute_deadlines
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.imports.importer import import_files
from shopguard.core.rules.packs import load_packs
from tests.exports import order_row, write_csv

# The demo's parcel 43100000000009 (order 951) has stalled since 2023-10-30, under the 2023 daily book,
# which sets no stall limit.
NO_RULE_ORDER = "6917880231000000951"
NO_RULE_TRACKING = "43100000000009"
NO_RULE = (
    "无法计算：ShopGuard 里没有适用于 2023-10-30 的平台中转时效"
    "（「抖音日常规则（2023 版，据双11商家指南）」没有规定中转时限），"
    "请先在抖店里查看这个订单；在规则日历里补上这段时间的中转时效后就能算出来。"
)

# Waiting to be shipped, but the export has neither a payment, a submission nor a promised ship time.
NO_START_ORDER = "6917880231000009051"
NO_START_PRODUCT = "智能手环"
NO_START = (
    "无法计算：没有可用的支付完成时间、订单提交时间或承诺发货时间（导出中没有，或无法识别，见导入问题）；"
    "请在抖店订单详情核对支付时间，或导出含「支付完成时间」列的订单表。"
)

# Marked 已发货, but with neither a ship time nor a parcel: due at its promised ship time, met or not unknown.
CONTRADICTION_ORDER = "6917880231000009151"
CONTRADICTION_PRODUCT = "电热水壶"
CONTRADICTION = (  # how its explanation starts; the rule's own explanation follows
    "需要核对：订单状态为「已发货」，但导出中既没有发货时间也没有本子订单的快递单号，无法判断是否按时发货，"
    "请在抖店订单详情核对。"
)

ORDERS_TO_CHECK = "1699754430_订单导出.csv"


def write_orders_to_check(folder: Path) -> Path:
    """The order export with the two orders whose ship clocks need checking, as 抖店 writes it."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        order_row(order_id=NO_START_ORDER, product=NO_START_PRODUCT, paid="-", status="待发货"),
        order_row(order_id=CONTRADICTION_ORDER, product=CONTRADICTION_PRODUCT, paid="2023-11-11 09:00:00",
                  promised="2023-11-12 20:00:00", status="已发货"),
    ]  # fmt: skip
    return write_csv(folder / ORDERS_TO_CHECK, rows)


def demo_files_with_clocks_to_check(folder: Path) -> list[Path]:
    return [*demo_files(), write_orders_to_check(folder)]


def demo_triage_with_unknown_clocks(folder: Path) -> Triage:
    """The demo and the order export above, judged at the demo's moment: three clocks to check."""
    imported = import_files(demo_files_with_clocks_to_check(folder))
    assert not imported.problems, imported.problems
    return compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
    )
