"""Every clock, every rule and both edges of every promo window, judged by the engine."""

from datetime import datetime, timedelta

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines, judge
from shopguard.core.records import AfterSale, OrderLine, Package, Tracking
from shopguard.core.rules.packs import load_pack, load_packs
from shopguard.core.settings import EngineSettings

PACKS = load_packs()
LATE = datetime(2030, 1, 1, tzinfo=BEIJING)


def bj(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def line(n=1, paid=None, promised=None, shipped=None, status="已发货", packages=("SF1",), province="广东省"):
    return OrderLine(
        order_id=f"69179267688236437{n:02d}",
        sub_order_id=f"69179267688236438{n:02d}",
        product="T恤",
        province=province,
        paid_at=bj(paid) if paid else None,
        promised_ship_at=bj(promised) if promised else None,
        shipped_at=bj(shipped) if shipped else None,
        order_status=status,
        packages=tuple(Package(no, "顺丰速运") for no in packages),
    )


def scans(no="SF1", picked=None, first_sort=None, signed=None, last=None):
    return Tracking(
        no,
        picked_up_at=bj(picked) if picked else None,
        first_sort_at=bj(first_sort) if first_sort else None,
        signed_at=bj(signed) if signed else None,
        last_update_at=bj(last) if last else None,
    )


DEFAULTS = EngineSettings()


def clocks(orders=(), after_sales=(), tracking=(), at=LATE, settings=DEFAULTS, packs=PACKS):
    triage = compute_deadlines(
        list(orders), list(after_sales), {t.tracking_no: t for t in tracking}, packs, settings, at
    )
    return triage


def one(kind, **kwargs):
    found = [d for d in clocks(**kwargs).deadlines if d.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- statuses -------------------------------------------------------------------------------------------


def test_judge_statuses_and_the_inclusive_last_second():
    due = bj("2023-11-12 10:00:00")
    assert judge(due, None, False, due) == ("pending", 0)
    assert judge(due, None, False, due + timedelta(seconds=1)) == ("overdue", -1)
    assert judge(due, None, False, due + timedelta(milliseconds=500)) == ("overdue", -1)  # "now" has microseconds
    assert judge(due, None, False, due - timedelta(milliseconds=500)) == ("pending", 0)
    assert judge(due, due, False, LATE) == ("met", None)
    assert judge(due, due + timedelta(seconds=1), False, LATE) == ("missed", None)
    assert judge(None, None, False, LATE) == ("exempt", None)
    assert judge(due, None, True, LATE) == ("met", None)


# --- ship-by ----------------------------------------------------------------------------------------------


def test_ship_due_is_the_promised_time_and_done_is_the_ship_time():
    order = line(paid="2026-11-20 09:00:00", promised="2026-11-22 09:00:00", shipped="2026-11-21 18:00:00")
    deadline = one("ship", orders=[order])
    assert deadline.due == bj("2026-11-22 09:00:00")
    assert deadline.done == bj("2026-11-21 18:00:00") and deadline.status == "met"
    assert deadline.rule == "douyin-daily-2025-09/ship-promised"


@pytest.mark.parametrize(
    "promise, paid, due, rule",
    [
        ("same-day", "2026-11-20 15:59:59", "2026-11-20 23:59:59", "ship-same-day"),
        # "paid before 16:00": 16:00:00 itself counts as before, the earlier of the two readings
        ("same-day", "2026-11-20 16:00:00", "2026-11-20 23:59:59", "ship-same-day"),
        ("same-day", "2026-11-20 16:00:01", "2026-11-21 23:59:59", "ship-same-day"),
        ("next-day", "2026-11-20 00:00:01", "2026-11-21 23:59:59", "ship-next-day"),
        ("next-day", "2026-11-30 23:00:00", "2026-12-01 23:59:59", "ship-next-day"),
        ("48h", "2026-11-20 16:30:00", "2026-11-22 16:30:00", "ship-48h"),
    ],
)
def test_ship_due_by_promise_type_without_promised_time(promise, paid, due, rule):
    order = line(paid=paid, status="待发货", packages=())
    deadline = one("ship", orders=[order], settings=EngineSettings(promise=promise), at=bj(paid))
    assert deadline.due == bj(due)
    assert deadline.rule == f"douyin-daily-2025-09/{rule}"
    assert deadline.status == "pending"
    assert "按设置的发货类型" in deadline.explanation
    assert ("原文有两种理解，按较早的截止时间提醒" in deadline.explanation) == paid.endswith("16:00:00")


def test_ship_clock_skips_closed_orders_and_groups_sub_orders_of_one_order():
    first = line(1, paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00", status="待发货", packages=())
    second = line(1, paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00", status="待发货", packages=())
    second.sub_order_id = "6917926768823643899"
    closed = line(2, paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00", status="已关闭", packages=())
    ships = [d for d in clocks(orders=[first, second, closed]).deadlines if d.kind == "ship"]
    assert len(ships) == 1
    assert ships[0].sub_order_ids == (first.sub_order_id, second.sub_order_id)
    assert ships[0].status == "overdue"


def test_shipped_order_without_ship_time_is_not_reported_overdue():
    order = line(paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00", status="已发货")
    deadline = one("ship", orders=[order])
    assert deadline.status == "met" and deadline.done is None
    assert "无法判断是否按时" in deadline.explanation


def test_shipped_status_without_ship_time_or_parcel_is_not_met_but_needs_checking():
    order = line(paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00", status="已发货", packages=())
    deadline = one("ship", orders=[order])
    assert (deadline.status, deadline.seconds_left, deadline.due) == ("unknown", None, bj("2026-11-21 09:00:00"))
    assert deadline.explanation.startswith("需要核对：订单状态为「已发货」，但导出中既没有发货时间也没有本子订单的")
    assert "已完成" not in deadline.explanation  # not "done with the time unknown": that is what is in doubt


def test_daily_pack_is_chosen_at_the_clock_start_to_the_second():
    before = line(paid="2025-09-28 23:59:59", promised="2025-09-30 10:00:00", status="待发货", packages=())
    after = line(2, paid="2025-09-29 00:00:00", promised="2025-09-30 10:00:00", status="待发货", packages=())
    ships = {d.order_id: d for d in clocks(orders=[before, after]).deadlines}
    assert ships[before.order_id].rule == "douyin-daily-2023/ship-promised"
    assert ships[after.order_id].rule == "douyin-daily-2025-09/ship-promised"


# --- pickup and first sorting centre (Double 11 tests the SHIP time) ------------------------------------


@pytest.mark.parametrize(
    "shipped, hours, rule",
    [
        ("2023-10-30 23:59:59", 24, "douyin-daily-2023/pickup-24h"),
        ("2023-10-31 00:00:00", 48, "douyin-double11-2023/pickup-48h"),
        ("2023-11-14 23:59:59", 48, "douyin-double11-2023/pickup-48h"),
        ("2023-11-15 00:00:00", 24, "douyin-daily-2023/pickup-24h"),
    ],
)
def test_pickup_window_edges(shipped, hours, rule):
    deadline = one("pickup", orders=[line(shipped=shipped)], at=bj(shipped))
    assert deadline.due == bj(shipped) + timedelta(hours=hours)
    assert deadline.rule == rule
    assert deadline.status == "pending" and deadline.seconds_left == hours * 3600


def test_pickup_extension_is_for_domestic_merchants_only():
    order = line(shipped="2023-11-05 10:00:00")
    deadline = one("pickup", orders=[order], settings=EngineSettings(merchant="cross-border"))
    assert deadline.rule == "douyin-daily-2023/pickup-24h"


def test_pickup_met_missed_and_overdue():
    on_time = line(1, shipped="2023-11-20 10:00:00", packages=("A1",))
    late = line(2, shipped="2023-11-20 10:00:00", packages=("A2",))
    never = line(3, shipped="2023-11-20 10:00:00", packages=("A3",))
    tracking = [scans("A1", picked="2023-11-21 10:00:00"), scans("A2", picked="2023-11-21 10:00:01")]
    result = {
        d.tracking_no: d
        for d in clocks(orders=[on_time, late, never], tracking=tracking).deadlines
        if d.kind == "pickup"
    }
    assert result["A1"].status == "met"
    assert result["A2"].status == "missed"
    assert result["A3"].status == "overdue"
    assert "揽收数据" in result["A3"].explanation


@pytest.mark.parametrize(
    "shipped, hours",
    [
        ("2023-10-30 23:59:59", 24),
        ("2023-10-31 00:00:00", 48),
        ("2023-11-14 23:59:59", 48),
        ("2023-11-15 00:00:00", 24),
    ],
)
def test_first_sort_starts_at_pickup_but_tests_the_window_on_the_ship_time(shipped, hours):
    picked = (bj(shipped) + timedelta(hours=5)).strftime("%Y-%m-%d %H:%M:%S")
    deadline = one("first_sort", orders=[line(shipped=shipped)], tracking=[scans(picked=picked)], at=bj(picked))
    assert deadline.start == bj(picked)
    assert deadline.due == bj(picked) + timedelta(hours=hours)


def test_parcel_shared_by_two_sub_orders_has_one_set_of_clocks():
    first = line(1, shipped="2023-11-20 10:00:00", packages=("SF9",))
    second = line(1, shipped="2023-11-20 11:00:00", packages=("SF9", "SF10"))
    second.sub_order_id = "6917926768823643899"
    pickups = [d for d in clocks(orders=[first, second]).deadlines if d.kind == "pickup"]
    assert sorted(d.tracking_no for d in pickups) == ["SF10", "SF9"]
    sf9 = next(d for d in pickups if d.tracking_no == "SF9")
    assert sf9.start == bj("2023-11-20 10:00:00")  # the earliest ship time of the parcel
    assert sf9.sub_order_ids == (first.sub_order_id, second.sub_order_id)


def test_completed_order_without_tracking_has_no_logistics_clocks():
    done = line(shipped="2023-11-20 10:00:00", status="已完成")
    assert [d.kind for d in clocks(orders=[done]).deadlines] == []


def test_completed_order_on_a_courier_sheet_keeps_its_logistics_clocks():
    done = line(shipped="2023-11-20 10:00:00", status="已完成")
    scanned = scans(picked="2023-11-20 18:00:00", first_sort="2023-11-21 06:00:00")
    kinds = sorted(d.kind for d in clocks(orders=[done], tracking=[scanned]).deadlines)
    assert kinds == ["first_sort", "pickup"]


# --- transit stall ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shop, buyer, hours",
    [
        ("浙江省", "浙江省", 48),
        ("浙江省", "上海市", 48),
        ("北京市", "河北省", 48),
        ("浙江省", "广东省", 72),
        ("浙江省", "新疆维吾尔自治区", 120),
        ("西藏自治区", "广东省", 120),
        (None, "广东省", 48),
    ],
)
def test_transit_stall_limits_by_route(shop, buyer, hours):
    order = line(shipped="2026-11-20 10:00:00", province=buyer)
    parcel = scans(picked="2026-11-20 12:00:00", first_sort="2026-11-20 20:00:00", last="2026-11-21 08:00:00")
    deadline = one("transit", orders=[order], tracking=[parcel], settings=EngineSettings(shop_province=shop))
    assert deadline.start == bj("2026-11-21 08:00:00")
    assert deadline.due == bj("2026-11-21 08:00:00") + timedelta(hours=hours)
    assert deadline.rule == "douyin-daily-2025-09/transit-stall"


def test_transit_stall_is_exempt_for_double11_shipments_and_unruled_under_the_2023_book():
    inside = line(1, shipped="2023-11-14 23:59:59", packages=("IN1",))
    outside = line(2, shipped="2023-11-15 00:00:00", packages=("OUT1",))
    tracking = [scans("IN1", picked="2023-11-15 08:00:00"), scans("OUT1", picked="2023-11-15 08:00:00")]
    triage = clocks(orders=[inside, outside], tracking=tracking, at=bj("2023-11-20 10:00:00"))
    transit = {d.tracking_no: d for d in triage.deadlines if d.kind == "transit"}
    assert (transit["IN1"].status, transit["IN1"].due) == ("exempt", None)
    # No rule for it is a row of its own, never a count in a notice.
    unruled = transit["OUT1"]
    assert (unruled.status, unruled.due, unruled.seconds_left) == ("unknown", None, None)
    assert unruled.explanation.startswith("无法计算：ShopGuard 里没有适用于 2023-11-15 的平台中转时效")
    assert "没有规定中转时限" in unruled.explanation and not unruled.verified
    assert triage.notices == []


def test_a_stall_still_running_when_a_new_rule_book_takes_effect_falls_under_it():
    # Stalled since 2025-09-28 under the 2023 book (no stall limit); the 2025-09 book takes effect on 09-29.
    order = line(shipped="2025-09-27 10:00:00", province="浙江省")
    parcel = scans(picked="2025-09-27 18:00:00", last="2025-09-28 08:00:00")
    settings = EngineSettings(shop_province="浙江")
    stalled = one("transit", orders=[order], tracking=[parcel], settings=settings, at=bj("2025-09-30 12:00:00"))
    assert stalled.due == bj("2025-09-30 08:00:00") and stalled.status == "overdue"
    assert stalled.rule == "douyin-daily-2025-09/transit-stall"
    assert "跨越规则书切换时取最早的截止时间" in stalled.explanation
    # Judged before the switch, the same stall has no limit yet: a row that says so.
    before = one("transit", orders=[order], tracking=[parcel], settings=settings, at=bj("2025-09-28 20:00:00"))
    assert before.status == "unknown"
    # A rule book cannot be broken before it is in force: a stall that began long before ends due at its start.
    old = scans(picked="2025-09-20 18:00:00", last="2025-09-21 08:00:00")
    older = line(shipped="2025-09-20 10:00:00", province="浙江省")
    long_stalled = one("transit", orders=[older], tracking=[old], settings=settings, at=bj("2025-09-30 12:00:00"))
    assert long_stalled.due == bj("2025-09-29 00:00:00")


def test_signed_parcel_has_no_transit_clock():
    order = line(shipped="2026-11-20 10:00:00")
    parcel = scans(picked="2026-11-20 12:00:00", first_sort="2026-11-20 20:00:00", signed="2026-11-23 08:00:00")
    assert "transit" not in [d.kind for d in clocks(orders=[order], tracking=[parcel]).deadlines]


# --- after-sales ------------------------------------------------------------------------------------------


def sale(type="退货退款", applied="2023-11-01 10:00:00", return_shipped="2023-11-02 10:00:00", **kwargs):
    return AfterSale(
        after_sale_id="7301000000000000001",
        order_id="6917926768823643701",
        type=type,
        applied_at=bj(applied) if applied else None,
        return_tracking_no="R1",
        return_shipped_at=bj(return_shipped) if return_shipped else None,
        **{key: bj(value) for key, value in kwargs.items()},
    )


@pytest.mark.parametrize(
    "signed, hours",
    [
        ("2023-10-30 23:59:59", 48),
        ("2023-10-31 00:00:00", 72),
        ("2023-11-30 23:59:59", 72),
        ("2023-12-01 00:00:00", 48),
    ],
)
@pytest.mark.parametrize("kind, type", [("return_refund", "退货退款"), ("exchange", "换货")])
def test_refund_and_exchange_after_return_signed_window_edges(signed, hours, kind, type):
    deadline = one(kind, after_sales=[sale(type)], tracking=[scans("R1", signed=signed)], at=bj(signed))
    assert deadline.start == bj(signed)
    assert deadline.due == bj(signed) + timedelta(hours=hours)
    assert deadline.after_sale_id == "7301000000000000001" and deadline.tracking_no == "R1"


def test_refund_done_is_the_refund_time():
    refunded = sale(refunded_at="2023-12-03 00:00:00")
    deadline = one("return_refund", after_sales=[refunded], tracking=[scans("R1", signed="2023-12-01 00:00:00")])
    assert deadline.status == "met" and deadline.done == bj("2023-12-03 00:00:00")
    late = sale(refunded_at="2023-12-03 00:00:01")
    deadline = one("return_refund", after_sales=[late], tracking=[scans("R1", signed="2023-12-01 00:00:00")])
    assert deadline.status == "missed"


def test_exchange_done_when_the_new_parcel_is_picked_up():
    exchange = sale("换货")
    exchange.exchange_tracking_no = "X1"
    tracking = [scans("R1", signed="2023-12-05 10:00:00"), scans("X1", picked="2023-12-06 10:00:00")]
    deadline = one("exchange", after_sales=[exchange], tracking=tracking)
    assert deadline.done == bj("2023-12-06 10:00:00") and deadline.status == "met"


@pytest.mark.parametrize(
    "applied, days",
    [
        ("2023-10-30 23:59:59", 7),
        ("2023-10-31 00:00:00", 10),
        ("2023-11-30 23:59:59", 10),
        ("2023-12-01 00:00:00", 7),
    ],
)
def test_return_never_signed_tests_the_application_time(applied, days):
    # The return ships well after the window: only the application time decides.
    return_shipped = "2023-12-10 10:00:00"
    deadline = one("return_receipt", after_sales=[sale(applied=applied, return_shipped=return_shipped)])
    assert deadline.start == bj(return_shipped)
    assert deadline.due == bj(return_shipped) + timedelta(days=days)
    assert deadline.status == "overdue"


def test_return_receipt_closes_when_signed_or_when_the_after_sale_ends():
    signed = one("return_receipt", after_sales=[sale()], tracking=[scans("R1", signed="2023-11-05 10:00:00")])
    assert signed.status == "met" and signed.done == bj("2023-11-05 10:00:00")
    ended = one("return_receipt", after_sales=[sale(finished_at="2023-11-06 10:00:00")])
    assert ended.status == "met"


def test_refund_only_after_sales_have_no_return_clocks():
    assert clocks(after_sales=[sale("已发货仅退款")]).deadlines == []


def test_missing_application_time_falls_back_to_the_daily_limit_and_says_so():
    deadline = one("return_receipt", after_sales=[sale(applied=None, return_shipped="2023-11-02 10:00:00")])
    assert deadline.due == bj("2023-11-09 10:00:00")
    assert "缺少售后申请时间" in deadline.explanation


# --- ordering ---------------------------------------------------------------------------------------------


def test_most_urgent_first():
    at = bj("2026-11-20 12:00:00")
    overdue = line(1, paid="2026-11-19 09:00:00", promised="2026-11-20 09:00:00", status="待发货", packages=())
    soon = line(2, paid="2026-11-19 09:00:00", promised="2026-11-20 13:00:00", status="待发货", packages=())
    later = line(3, paid="2026-11-19 09:00:00", promised="2026-11-22 13:00:00", status="待发货", packages=())
    done = line(
        4,
        paid="2026-11-19 09:00:00",
        promised="2026-11-20 13:00:00",
        shipped="2026-11-19 10:00:00",
        packages=(),
    )
    order = [d.order_id[-2:] for d in clocks(orders=[later, done, soon, overdue], at=at).deadlines]
    assert order == ["01", "02", "03", "04"]


def _daily_pack(tmp_path, pack_id, start, transit_hours=None):
    transit = (
        f'[[rules]]\nid = "stall"\nclock = "transit"\nhours = {transit_hours}\nsame_area_hours = {transit_hours}\n'
        f'remote_hours = {transit_hours}\nsame_area_groups = []\nremote_provinces = []\nlabel = "停滞"\n'
        'explain = "停滞时限。"\n'
        if transit_hours
        else ""
    )
    path = tmp_path / f"{pack_id}.toml"
    path.write_text(
        f'schema = 1\nid = "{pack_id}"\nname = "{pack_id}"\nplatform = "douyin"\nkind = "daily"\n'
        f'[source]\ntitle = "t"\ndate = "2020-01-01"\n[effective]\nfrom = "{start}"\n'
        '[[rules]]\nid = "pickup"\nclock = "pickup"\nhours = 24\nlabel = "揽收"\nexplain = "揽收时限。"\n' + transit,
        encoding="utf-8",
    )
    return load_pack(path)


def test_a_switch_before_the_latest_one_is_found_too(tmp_path):
    # Three books; the stall spans only the middle switch (2021-06-01), not the latest (2022-01-01).
    packs = [
        _daily_pack(tmp_path, "a", "2020-01-01 00:00:00"),
        _daily_pack(tmp_path, "b", "2021-06-01 00:00:00", transit_hours=48),
        _daily_pack(tmp_path, "c", "2022-01-01 00:00:00", transit_hours=72),
    ]
    order = line(shipped="2021-05-29 10:00:00")
    parcel = scans(picked="2021-05-29 18:00:00", last="2021-05-30 08:00:00")
    stall = one("transit", orders=[order], tracking=[parcel], packs=packs, at=bj("2021-06-10 12:00:00"))
    assert (stall.rule, stall.due) == ("b/stall", bj("2021-06-01 08:00:00"))
