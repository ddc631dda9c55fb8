"""Issue 16 through the CLI on real 抖店 exports: products near a ban, which clocks count as late on a day, the
`--at` day in Beijing time, and the money edges of the "Done when" list (2026-11 dates, table of 2026-08-10)."""

import json
from datetime import datetime, timedelta

from tests.exports import order_row, write_csv
from tests.processes import run

AT = "2026-11-20 18:00:00"
BAN = "商品封禁，货款冻结 7 天"
SHIPPED = "YT{:013d}-圆通速递,纯棉T恤-{},1;"


def row(n, product_id="3788410999938351943", late=True, sub=0, order=None, after_sale=None, **fields):
    """An order line paid 11-19 10:00 and promised for 11-20 12:00: unshipped at 18:00 when `late`, shipped
    at 09:00 otherwise."""
    values = dict(
        order_id=order or f"69179267688{n:08d}",
        sub_order_id=f"6917926768{sub}{n:08d}",
        paid="2026-11-19 10:00:00",
        promised="2026-11-20 12:00:00",
        shipped="-" if late else "2026-11-20 09:00:00",
        status="待发货" if late else "已发货",
        packages="-" if late else SHIPPED.format(n * 10 + sub, product_id),
    )
    values.update(fields)
    line = order_row(**values)
    if product_id is not None:
        line["商品ID"] = product_id
    if after_sale is not None:
        line["售后状态"] = after_sale
    return line


def triage(tmp_path, rows, at=AT, name="1699750800_订单导出.csv"):
    path = write_csv(tmp_path / name, rows)
    result = run("triage", path, "--at", at, "--format", "json")
    assert result.returncode == 0, result.stderr
    table = run("triage", path, "--at", at)
    assert table.returncode == 0, table.stderr
    return json.loads(result.stdout), table.stdout


def test_a_product_with_half_its_orders_and_100_late_is_banned_while_the_shop_is_not(tmp_path):
    rows = [row(n, late=n < 100) for n in range(200)]  # product A: 200 due, 100 late
    rows += [row(1000 + n, product_id="3788410999938350001", late=n < 10) for n in range(300)]  # B: 10 late of 300
    data, table = triage(tmp_path, rows)
    products = data["product_risk"]["products"]
    assert [p["product_id"] for p in products] == ["3788410999938351943"]  # B is nowhere near: not listed
    a = products[0]
    assert (a["ship_due"], a["ship_late"], a["late_rate"], a["level"]) == (200, 100, "0.5000", BAN)
    assert "aHwH9wK4Je2N" in data["product_risk"]["source"] and data["product_risk"]["day"] == "2026-11-20"
    # The shop: 110 late of 500 is 22% and fewer than 200: no shop sanction.
    assert (data["shop_risk"]["ship_late"], data["shop_risk"]["level"]) == (110, None)
    line = "今日商品风险：「纯棉T恤」（商品ID 3788410999938351943）应发货 200 单，已超时 100 单（50.00%）"
    line += f"，已达到处罚线：{BAN}"
    assert line in table


def test_one_late_order_short_of_the_product_line_says_how_many_more(tmp_path):
    data, table = triage(tmp_path, [row(n, late=n < 99) for n in range(198)])  # 50% but 99 late
    (product,) = data["product_risk"]["products"]
    assert (product["level"], product["next_level"], product["late_until_next_level"]) == (None, BAN, 1)
    assert "再超时 1 单将触发：商品封禁" in table
    # 100 late of 201 is 49.75%: the rate is short by one order (101 of 201 is 50.25%).
    data, _ = triage(tmp_path, [row(n, late=n < 100) for n in range(201)], name="b.csv")
    (product,) = data["product_risk"]["products"]
    assert (product["level"], product["late_until_next_level"]) == (None, 1)


def test_far_from_the_line_no_product_line_in_the_morning_list(tmp_path):
    data, table = triage(tmp_path, [row(n, late=n < 20) for n in range(300)])  # needs 150 late: 20 is not half
    assert data["product_risk"]["products"] == [] and "今日商品风险" not in table


def test_sub_orders_of_one_product_count_each_when_that_is_closer_to_the_ban(tmp_path):
    # 60 orders, each with two sub-orders of the product, 50 of them unshipped: 50 late orders (too few), but
    # 100 late sub-orders of 120: the sub-order reading reaches the ban, and it is the one used.
    rows = [row(n, late=n < 50, sub=sub) for n in range(60) for sub in (0, 1)]
    (product,) = triage(tmp_path, rows)[0]["product_risk"]["products"]
    assert (product["counted"], product["ship_due"], product["ship_late"], product["level"]) == (
        "sub_orders", 120, 100, BAN)  # fmt: skip


def test_an_order_late_for_one_sub_order_counts_as_a_late_order_when_that_is_closer(tmp_path):
    # 100 orders: one sub-order unshipped, two shipped in time. Per sub-order 100 of 300 (33%); per order 100
    # of 100: the order reading reaches the ban.
    rows = [row(n, late=sub == 0, sub=sub) for n in range(100) for sub in (0, 1, 2)]
    (product,) = triage(tmp_path, rows)[0]["product_risk"]["products"]
    assert (product["counted"], product["ship_due"], product["ship_late"], product["level"]) == (
        "orders", 100, 100, BAN)  # fmt: skip


def test_without_a_product_id_column_the_product_name_is_used(tmp_path):
    rows = [row(n, product_id=None, late=n < 100) for n in range(200)]
    (product,) = triage(tmp_path, rows)[0]["product_risk"]["products"]
    assert (product["product_id"], product["product"], product["level"]) == (None, "纯棉T恤", BAN)


def test_the_draft_threshold_of_60_is_not_used(tmp_path):
    # 60 late of 120 would reach the switched-off draft (≥60); the rule in force needs 100.
    (product,) = triage(tmp_path, [row(n, late=n < 60) for n in range(120)])[0]["product_risk"]["products"]
    assert (product["level"], product["late_until_next_level"]) == (None, 40)


def test_before_any_sanction_table_there_is_no_product_risk_and_it_says_so(tmp_path):
    rows = [row(n, late=n < 150, paid="2026-07-01 10:00:00", promised="2026-07-03 10:00:00") for n in range(200)]
    risk = triage(tmp_path, rows, at="2026-07-03 18:00:00")[0]["product_risk"]
    assert risk == {"day": "2026-07-03", "products": [], "source": "该时期的商品处罚标准未知"}


def test_doubtful_and_late_shipped_clocks_count_as_late_and_refunded_ones_are_not_due(tmp_path):
    rows = [row(n, late=n < 200) for n in range(690)]  # 200 unshipped
    # 5 shipped after their due time (missed) and 5 "已发货" with neither ship time nor parcel (需要核对)
    rows += [row(700 + n, late=False, shipped="2026-11-20 13:00:00") for n in range(5)]
    rows += [row(800 + n, late=False, shipped="-", packages="-") for n in range(5)]
    # 100 refunded before shipping: nothing to ship, not among the day's orders
    rows += [row(900 + n, late=True, after_sale="退款成功") for n in range(100)]
    data, _ = triage(tmp_path, rows)
    risk = data["shop_risk"]
    assert (risk["ship_due"], risk["ship_late"], risk["late_rate"]) == (700, 210, "0.3000")
    assert risk["level"] == "店铺 7 天内每天最多 0 单（停止售卖）"
    assert "无法判断是否按时发货的都算超时" in risk["source"]


def test_at_with_another_time_zone_is_the_beijing_day(tmp_path):
    # 2026-11-20 17:30 UTC is 11-21 01:30 in Beijing: the day is the 21st, whose clocks are counted.
    rows = [row(n, late=n < 210, promised="2026-11-21 00:30:00", paid="2026-11-20 10:00:00") for n in range(700)]
    rows += [row(5000 + n, late=True) for n in range(50)]  # due on the 20th: not that day's orders
    risk = triage(tmp_path, rows, at="2026-11-20T17:30:00+00:00")[0]["shop_risk"]
    assert (risk["day"], risk["ship_due"], risk["ship_late"]) == ("2026-11-21", 700, 210)
    assert risk["level"] == "店铺 7 天内每天最多 0 单（停止售卖）"


def money_row(n, amount, promise_hours, shipped="-", sub=0, order=None):
    """Paid 2026-11-20 10:00, promised `promise_hours` later; shipped at `shipped` or not at all."""
    hours = (datetime(2026, 11, 20, 10) + timedelta(hours=promise_hours)).strftime("%Y-%m-%d %H:%M:%S")
    return row(n, late=shipped == "-", sub=sub, order=order, paid="2026-11-20 10:00:00", promised=hours,
               amount=amount, shipped=shipped)  # fmt: skip


def test_money_edges_on_a_real_export(tmp_path):
    rows = [
        money_row(1, "39.00", 48, shipped="2026-11-24 10:00:00"),  # due 11-22 10:00, shipped exactly 48 h late
        money_row(2, "39.00", 48, shipped="2026-11-24 10:00:01"),  # 48 h and 1 s late: 缺货, 1% → min ¥2
        money_row(3, "10.00", 300),  # >240 h promise: 5% = 0.50 → min ¥5
        money_row(4, "150.50", 300),  # 5% = 7.525 → 7.53 (half up to the fen)
        money_row(5, "150.30", 300),  # 7.515 → 7.52
        money_row(6, "999,999.00", 300),  # → max ¥50
        money_row(7, "120.00", 120, order="6917926768800000077"),  # two sub-orders of one order, one clock:
        money_row(8, "99.90", 120, sub=1, order="6917926768800000077"),  # 3% of 219.90 = 6.597 → 6.60
    ]
    data, _ = triage(tmp_path, rows, at="2026-11-25 10:00:00")
    ship = {}
    for d in data["deadlines"]:
        if d["kind"] == "ship":
            ship.setdefault(d["order_id"], []).append(d)
    money = {order[-2:]: [(d["money_at_risk"], d["money_incurred"]) for d in clocks] for order, clocks in ship.items()}
    assert money["01"] == [("0.00", "0.00")]
    assert money["02"] == [("2.00", "2.00")]
    assert money["03"][0][0] == "5.00" and money["04"][0][0] == "7.53" and money["05"][0][0] == "7.52"
    assert money["06"][0][0] == "50.00"
    assert money["77"] == [("6.60", None)]  # one clock for both sub-orders, on their summed amount
    (merged,) = ship["6917926768800000077"]
    assert len(merged["sub_order_ids"]) == 2
