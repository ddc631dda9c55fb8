"""The engine's quick ways give the very clocks the plain ways give.

The rule book plans the daily rule once per (start day, clock, promise type) for clocks no promo window or
rule-book switch touches (rules.book.RuleBook, quick=True); the engine skips the parcels of completed orders
that no courier sheet lists, and orders its clocks by urgency with a sort by order id only among clocks due
at the same moment (engine.in_clock_order). Each is checked against the plain way on varied records: dates
on both sides of every pack boundary and promo window, payments at the 16:00 cutoff, with and without a
promised ship time, both merchant types, every promise type, provinces with and without a regional notice,
shared parcels, scans and after-sales of every kind.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines import engine
from shopguard.core.deadlines.engine import Deadline, compute_clocks, in_clock_order
from shopguard.core.records import AfterSale, OrderLine, Package, Tracking
from shopguard.core.resources import resource_dir
from shopguard.core.rules.book import ClockContext, RuleBook
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import EngineSettings
from tests.core.rules.test_packs import REGIONAL

# Days on both sides of each boundary of the shipped and optional packs and the regional notice.
DAYS = (
    "2023-10-30", "2023-10-31", "2023-11-14", "2023-11-15", "2023-11-30", "2023-12-01",  # 双11 2023
    "2024-02-01", "2024-02-02", "2024-02-20", "2024-02-21",  # 春节 2024
    "2025-09-28", "2025-09-29", "2025-09-30",  # the daily rule book changes
    "2026-02-10", "2026-02-11", "2026-02-15", "2026-02-16", "2026-02-20", "2026-02-21", "2026-02-24",
    "2026-02-25", "2026-02-26",  # 春节 2026 and its fair
    "2026-07-19", "2026-07-20", "2026-07-25", "2026-07-26",  # the regional notice
    "2026-11-20", "2026-11-26",
)  # fmt: skip
TIMES = ("00:00:00", "09:30:00", "15:59:59", "16:00:00", "16:00:01", "23:59:59")
PROVINCES = (("河南省", "郑州市"), ("河南省", "洛阳市"), ("广东省", "深圳市"), ("新疆维吾尔自治区", "乌鲁木齐市"),
             ("浙江省", None), (None, None))  # fmt: skip
ORDER_STATUSES = ("待发货", "已发货", "已完成", "交易成功", "已关闭", "待支付")
AFTER_SALE_STATUSES = (None, "退款成功", "售后中", "商家拒绝")
SETTINGS = [
    EngineSettings("domestic", "same-day", "河南"),
    EngineSettings("domestic", "next-day", None),
    EngineSettings("global", "48h", "广东省/深圳市"),
    EngineSettings("global", "same-day", "新疆"),
]


@functools.cache
def all_packs(folder) -> list:
    """Every shipped pack, the optional 春节 fair and the regional notice; the 2026 packs once answered."""
    notice = folder / "rain.toml"
    notice.write_text(REGIONAL, encoding="utf-8")
    packs = load_packs([resource_dir() / "rules-optional" / "douyin-spring-fair-2026.toml", notice])
    return packs


def answered(packs: list, answer: str) -> list:
    return [dataclasses.replace(pack, answer=answer) if pack.question else pack for pack in packs]


def moment(rng: random.Random) -> datetime:
    day, time = rng.choice(DAYS), rng.choice(TIMES) if rng.random() < 0.5 else f"{rng.randrange(24):02d}:17:42"
    return datetime.fromisoformat(f"{day} {time}").replace(tzinfo=BEIJING)


def maybe(rng: random.Random, value, chance: float = 0.75):
    return value if rng.random() < chance else None


def records(seed: int, count: int = 300) -> tuple[list[OrderLine], list[AfterSale], dict[str, Tracking]]:
    rng = random.Random(seed)
    orders, after_sales, tracking = [], [], {}
    for n in range(count):
        paid = maybe(rng, moment(rng), 0.9)
        anchor = paid or moment(rng)
        submitted = maybe(rng, anchor - timedelta(minutes=rng.choice((0, 3, 60 * 30))), 0.6)
        promised = maybe(rng, anchor + timedelta(hours=rng.choice((24, 48, 72, 240, 300))), 0.5)
        shipped = maybe(rng, anchor + timedelta(hours=rng.choice((1, 10, 30, 60))), 0.6)
        tracking_no = f"SF{rng.randrange(count // 2)}"  # some parcels shared by several orders
        packages = (Package(tracking_no, "顺丰速运", maybe(rng, (f"P{n % 7}",), 0.3) or ()),) if shipped else ()
        if rng.random() < 0.1:
            packages = ()
        province, city = rng.choice(PROVINCES)
        order_id = f"69{rng.randrange(count // 3):06d}"  # several sub-orders to many orders
        orders.append(OrderLine(order_id, f"{order_id}-{n}", f"商品{n % 5}", None,
                                maybe(rng, Decimal(rng.choice(("39", "59.90", "1200", "8000")))), province, city,
                                None, paid, promised, shipped, rng.choice(ORDER_STATUSES),
                                rng.choice(AFTER_SALE_STATUSES), packages, submitted_at=submitted,
                                product_id=f"P{n % 7}"))  # fmt: skip
        if shipped and rng.random() < 0.7:
            picked = maybe(rng, shipped + timedelta(hours=rng.choice((-5, 2, 23, 30, 50))))
            first_sort = maybe(rng, shipped + timedelta(hours=rng.choice((20, 40, 60))), 0.5)
            last = maybe(rng, shipped + timedelta(hours=rng.choice((10, 70, 130))), 0.6)
            signed = maybe(rng, shipped + timedelta(hours=rng.choice((50, 100))), 0.3)
            tracking[tracking_no] = Tracking(tracking_no, "顺丰速运", picked, first_sort, signed, last)
        if rng.random() < 0.3:
            applied = moment(rng)
            return_no = maybe(rng, f"YT{n}")
            signed_return = maybe(rng, applied + timedelta(days=rng.choice((1, 3, 8))), 0.5)
            if return_no and signed_return:
                tracking[return_no] = Tracking(return_no, signed_at=signed_return)
            after_sales.append(AfterSale(
                f"AS{n}", order_id, f"{order_id}-{n}", "商品", rng.choice(("退货退款", "换货", "仅退款")),
                rng.choice(("待商家收货", "售后成功", "换货成功", "售后关闭")), applied,
                maybe(rng, applied + timedelta(hours=5)), return_no,
                maybe(rng, applied + timedelta(hours=20)), maybe(rng, applied + timedelta(days=3), 0.3),
                maybe(rng, applied + timedelta(days=4), 0.2), None, maybe(rng, f"EX{n}", 0.2),
                maybe(rng, "已签收", 0.3),
            ))  # fmt: skip
    return orders, after_sales, tracking


class PlainBook(RuleBook):
    def __init__(self, packs, settings):
        super().__init__(packs, settings, quick=False)


def plain_sort(deadlines: list[Deadline]) -> list[Deadline]:
    """The order Clocks describes, by three stable sorts, the plain way."""
    ordered = sorted(deadlines, key=lambda deadline: deadline.order_id or "")
    ordered.sort(key=lambda deadline: deadline.due or datetime.max.replace(tzinfo=BEIJING))
    ordered.sort(key=lambda deadline: engine._URGENCY[deadline.status])
    return ordered


@pytest.mark.parametrize("seed", range(4))
def test_quick_rule_book_gives_the_clocks_of_the_full_look(seed, tmp_path_factory, monkeypatch):
    packs = all_packs(tmp_path_factory.mktemp("packs"))
    orders, after_sales, tracking = records(seed)
    settings = SETTINGS[seed]
    rules_seen = set()
    for pack_set in (packs, answered(packs, "yes"), answered(packs, "no")):
        for at in (datetime(2023, 11, 10, 12, tzinfo=BEIJING), datetime(2025, 9, 29, 0, 30, tzinfo=BEIJING),
                   datetime(2026, 2, 18, tzinfo=BEIJING), datetime(2026, 11, 27, 9, tzinfo=BEIJING)):  # fmt: skip
            quick = compute_clocks(orders, after_sales, tracking, pack_set, settings, at).deadlines
            with monkeypatch.context() as patch:
                patch.setattr(engine, "RuleBook", PlainBook)
                plain = compute_clocks(orders, after_sales, tracking, pack_set, settings, at).deadlines
            assert quick == plain
            rules_seen |= {deadline.rule.split("/")[0] for deadline in quick}
    # The records reach the daily books on both sides of the switch and the promos, not just one rule.
    promos = {"douyin-double11-2023", "rain-henan"} if settings.merchant == "domestic" else set()
    assert {"douyin-daily-2023", "douyin-daily-2025-09", *promos} <= rules_seen


@pytest.mark.parametrize("seed", range(4))
def test_parcels_skipped_unscanned_give_the_clocks_of_the_full_look(seed):
    """A parcel of a completed order that no courier sheet lists is skipped at once (engine._parcels). An
    empty courier record for it sends it the full way instead: the clocks must be the same."""
    orders, after_sales, tracking = records(seed)
    at = datetime(2026, 11, 27, 9, tzinfo=BEIJING)
    unlisted = {p.tracking_no for line in orders for p in line.packages if p.tracking_no not in tracking}
    full_way = {**tracking, **{number: Tracking(number) for number in unlisted}}
    skipped = compute_clocks(orders, after_sales, tracking, load_packs(), SETTINGS[seed], at).deadlines
    assert skipped == compute_clocks(orders, after_sales, full_way, load_packs(), SETTINGS[seed], at).deadlines
    assert any(line.order_status in engine.ORDER_COMPLETED and line.packages[0].tracking_no in unlisted
               for line in orders if line.shipped_at and line.packages)  # fmt: skip


def test_the_day_plan_is_kept_per_day_clock_and_promise_type():
    """Each clock below would get the plan of the one before it if its key left out the day, the clock or
    the promise type: the quick book must still agree with the full look on each."""
    packs = load_packs()
    quick, plain = RuleBook(packs, EngineSettings()), RuleBook(packs, EngineSettings(), quick=False)

    def at(text):
        return datetime.fromisoformat(text).replace(tzinfo=BEIJING)

    promised = ClockContext(promised_ship_at=at("2026-11-23 10:00:00"))
    calls = [
        ("ship", at("2026-11-20 10:00:00"), promised),  # promise type "promised" ...
        ("ship", at("2026-11-20 11:00:00"), ClockContext()),  # ... then same-day, the same day
        ("pickup", at("2026-11-20 12:00:00"), ClockContext()),  # another clock, the same day
        ("ship", at("2025-09-28 10:00:00"), ClockContext()),  # the 2023 daily book ...
        ("ship", at("2025-09-29 10:00:00"), ClockContext()),  # ... the next day, the 2025 one
    ]
    answers = []
    for clock, start, context in calls:
        events = {"paid_at": start, "submitted_at": start, "shipped_at": start}
        until = start + timedelta(hours=1)
        answer = quick.resolve(clock, start, events, context, until)
        assert answer == plain.resolve(clock, start, events, context, until)
        answers.append((answer.rule.ref, answer.due))
    assert len(set(answers)) == len(calls)  # five different answers: none could be another's


def test_clock_order_is_the_plain_three_sorts():
    rng = random.Random(7)
    statuses = list(engine._URGENCY)
    dues = [None, *(datetime(2026, 11, 20, 23, 59, 59, tzinfo=BEIJING) + timedelta(hours=h) for h in range(4))]
    start = datetime(2026, 11, 20, tzinfo=BEIJING)
    deadlines = []
    for n in range(2000):
        order_id, due, status = rng.choice((None, "A", "B", "C")), rng.choice(dues), rng.choice(statuses)
        deadlines.append(Deadline("ship", order_id, None, None, start, due, None, status, None, "r", "t", f"{n}"))
    ordered = in_clock_order(list(deadlines))
    assert [d.explanation for d in ordered] == [d.explanation for d in plain_sort(deadlines)]
    assert len(ordered) == len(deadlines)
