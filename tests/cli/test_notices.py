"""Platform notices from the command line, on real order export CSVs and a real store.

A notice lists places, a window of 承诺发货时间 and what it grants; it applies to every triage once saved.
"""

import json

from tests.exports import order_row, write_csv
from tests.processes import run

WINDOW = "2026-07-20 00:00:00..2026-07-22 23:59:59"
AT = "2026-07-21 10:00:00"


def row(index, province, city, district, promised, paid="2026-07-19 10:00:00", **shipped):
    ids = dict(order_id=f"69179267688236437{index:02d}", sub_order_id=f"69179267688236438{index:02d}")
    return order_row(**ids, paid=paid, promised=promised, province=province, **shipped) | {"市": city, "区": district}


def oid(index):
    return f"69179267688236437{index:02d}"


ORDERS = [
    row(0, "广东省", "深圳市", "南山区", "2026-07-21 10:00:00"),  # buyer outside the places
    row(1, "广东省", "汕头市", "潮阳区", "2026-07-21 10:00:00"),  # buyer in 汕头
    row(2, "广东省", "汕头市", "金平区", "2026-07-22 23:59:59"),  # last second of the window
    row(3, "广东省", "汕头市", "金平区", "2026-07-23 00:00:00"),  # first second outside
    row(4, "河南省", "郑州市", "金水区", "2026-07-19 23:59:59"),  # one second before the window
]


def add(*extra):
    return run("notices", "add", "--title", "台风“杜苏芮”影响，平台发货及服务调整公告", "--places",
               "河南省/郑州市,广东省/汕头市", "--promised", WINDOW, *extra)  # fmt: skip


def ship(orders_csv, *extra):
    result = run("triage", orders_csv, "--at", AT, "--format", "json", *extra)
    assert result.returncode == 0, result.stderr
    return {d["order_id"]: d for d in json.loads(result.stdout)["deadlines"] if d["kind"] == "ship"}


def test_covered_by_ship_from_for_some_and_by_buyer_address_for_others(tmp_path, isolated_home):
    orders = write_csv(tmp_path / "orders.csv", ORDERS)
    saved = add("--match", "either", "--ship-by", "2026-07-25 23:59:59", "--exempt")
    assert saved.returncode == 0, saved.stderr
    assert "已保存公告 #1" in saved.stdout
    # A shop in 浙江: only the buyers in 汕头 are covered, and only inside the window.
    clocks = ship(orders, "--shop-province", "浙江省")
    assert clocks[oid(0)]["rule"] == "douyin-daily-2025-09/ship-promised"
    for inside in (1, 2):
        assert clocks[oid(inside)]["rule"] == "notice-1/ship"
        assert clocks[oid(inside)]["due"] == "2026-07-25T23:59:59+08:00"
        assert "台风" in clocks[oid(inside)]["explanation"] and "平台主动豁免" in clocks[oid(inside)]["explanation"]
    assert clocks[oid(3)]["due"] == "2026-07-23T00:00:00+08:00" and clocks[oid(3)]["rule"].startswith("douyin-")
    assert clocks[oid(4)]["rule"].startswith("douyin-")
    # A shop shipping from 郑州: the 深圳 buyer is covered too, by where the parcel leaves from.
    clocks = ship(orders, "--shop-province", "河南省/郑州市")
    assert clocks[oid(0)]["rule"] == "notice-1/ship" and clocks[oid(0)]["due"] == "2026-07-25T23:59:59+08:00"


def test_match_on_one_side_only_and_a_vague_ship_from(tmp_path, isolated_home):
    orders = write_csv(tmp_path / "orders.csv", ORDERS)
    assert add("--match", "buyer", "--extend-days", "3", "--exempt").returncode == 0
    clocks = ship(orders, "--shop-province", "河南省/郑州市")
    assert clocks[oid(0)]["rule"].startswith("douyin-")  # ships from 郑州, but the notice counts the buyer
    assert clocks[oid(1)]["rule"] == "notice-1/ship" and clocks[oid(1)]["due"] == "2026-07-24T10:00:00+08:00"
    run("notices", "remove", "1")
    assert add("--match", "ship-from", "--ship-by", "2026-07-25", "--exempt").returncode == 0
    clocks = ship(orders, "--shop-province", "河南省")  # province only: cannot tell 郑州 from 洛阳
    assert clocks[oid(0)]["due"] == "2026-07-21T10:00:00+08:00"
    assert "不够详细" in clocks[oid(0)]["explanation"] and "广东省/汕头市" in clocks[oid(0)]["explanation"]


def test_exempt_without_a_new_time_exempts_the_covered_clocks(tmp_path, isolated_home):
    orders = write_csv(tmp_path / "orders.csv", ORDERS)
    assert add("--match", "buyer", "--exempt").returncode == 0
    clocks = ship(orders)
    assert clocks[oid(1)]["status"] == "exempt" and clocks[oid(1)]["due"] is None
    assert "不考核发货时效" in clocks[oid(1)]["explanation"]
    assert clocks[oid(0)]["status"] == "pending"


def test_a_notice_that_needs_filing_keeps_the_due_time_and_marks_it(tmp_path, isolated_home):
    orders = write_csv(tmp_path / "orders.csv", ORDERS)
    assert add("--match", "buyer", "--ship-by", "2026-07-25 23:59:59", "--needs-filing").returncode == 0
    clocks = ship(orders)
    covered = clocks[oid(1)]
    assert covered["rule"] == "notice-1/ship" and covered["due"] == "2026-07-21T10:00:00+08:00"
    assert "可报备" in covered["explanation"] and "报备助手" in covered["explanation"]
    table = run("triage", orders, "--at", AT).stdout
    assert "可报备" in table


def test_add_previews_the_covered_open_orders_from_the_store_and_the_cache_follows(tmp_path, isolated_home):
    parcel = "773012345678904-申通快递,纯棉T恤-3788410999938351943,1;"
    shipped = row(5, "广东省", "汕头市", "潮阳区", "2026-07-21 12:00:00", status="已发货",
                  shipped="2026-07-20 18:00:00", packages=parcel)  # fmt: skip
    orders = write_csv(tmp_path / "orders.csv", [*ORDERS, shipped])
    assert run("import", orders).returncode == 0
    assert run("settings", "shop_province", "浙江省").returncode == 0

    def stored(index):
        data = json.loads(run("triage", "--at", AT, "--format", "json").stdout)
        return next(d for d in data["deadlines"] if d["kind"] == "ship" and d["order_id"] == oid(index))

    assert stored(1)["due"] == "2026-07-21T10:00:00+08:00"  # computed and kept in the clock cache
    dry = add("--match", "buyer", "--ship-by", "2026-07-25 23:59:59", "--exempt", "--at", AT, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "覆盖 2 个未完成订单" in dry.stdout and oid(1) in dry.stdout and oid(2) in dry.stdout
    assert "2026-07-21 10:00:00 → 2026-07-25 23:59:59" in dry.stdout
    assert oid(0) not in dry.stdout and oid(5) not in dry.stdout  # outside, and already shipped
    assert "未保存" in dry.stdout and not (isolated_home / "notices.json").exists()
    assert stored(1)["due"] == "2026-07-21T10:00:00+08:00"
    saved = add("--match", "buyer", "--ship-by", "2026-07-25 23:59:59", "--exempt", "--at", AT)
    assert "覆盖 2 个未完成订单" in saved.stdout and "已保存公告 #1" in saved.stdout
    assert stored(1)["due"] == "2026-07-25T23:59:59+08:00" and stored(1)["rule"] == "notice-1/ship"
    assert run("notices", "remove", "1").returncode == 0
    assert stored(1)["due"] == "2026-07-21T10:00:00+08:00"


def test_list_json_remove_and_ids_never_reused(tmp_path, isolated_home):
    add("--match", "either", "--ship-by", "2026-07-25", "--exempt")
    add("--match", "buyer", "--extend-days", "7", "--needs-filing")
    listed = json.loads(run("notices", "list", "--format", "json").stdout)
    assert [(n["id"], n["match"], n["needs_filing"]) for n in listed] == [(1, "either", False), (2, "buyer", True)]
    assert listed[0]["ship_by"] == "2026-07-25 23:59:59" and listed[0]["places"] == ["河南/郑州", "广东/汕头"]
    assert listed[1]["extend_days"] == 7 and listed[1]["from"] == "2026-07-20 00:00:00"
    assert run("notices", "remove", "2").returncode == 0
    add("--match", "buyer", "--exempt")
    assert [n["id"] for n in json.loads(run("notices", "list", "--format", "json").stdout)] == [1, 3]
    table = run("notices", "list").stdout
    assert "公告：台风" in table and "（#3）" in table and "不考核发货时效（平台主动豁免）" in table


def test_bad_input_is_a_chinese_message_and_exit_2(tmp_path, isolated_home):
    cases = [
        (("--match", "buyer", "--ship-by", "明天", "--exempt"), "新的最晚发货时间「明天」不是时间"),
        (("--match", "buyer", "--extend-days", "90", "--exempt"), "顺延天数应为 1 到 30 天"),
        (("--match", "buyer", "--ship-by", "2026-07-01", "--exempt"), "早于窗口开始"),
    ]
    for extra, message in cases:
        result = add(*extra)
        assert result.returncode == 2 and message in result.stderr, result.stderr
    swapped = run("notices", "add", "--title", "T", "--places", "河南省/郑州市/金水区/某街道/x", "--match", "buyer",
                  "--promised", "2026-07-22..2026-07-20", "--exempt")  # fmt: skip
    assert swapped.returncode == 2 and "层级太多" in swapped.stderr and "早于开始" in swapped.stderr
    no_dots = run("notices", "add", "--title", "T", "--places", "河南", "--match", "buyer", "--promised",
                  "2026-07-20", "--exempt")  # fmt: skip
    assert no_dots.returncode == 2 and "开始..结束" in no_dots.stderr
    missing = run("notices", "remove", "9")
    assert missing.returncode == 2 and "没有编号为 9 的公告" in missing.stderr
    (isolated_home / "notices.json").write_text("{not json", encoding="utf-8")
    for args in (("notices", "list"), ("triage", "--demo")):
        broken = run(*args)
        assert broken.returncode == 2 and "公告文件已损坏" in broken.stderr
    assert not list(isolated_home.glob("*.partial"))
