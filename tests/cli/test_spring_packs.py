"""The shipped 春节 packs at their edges, from real order export CSVs through `shopguard triage`.

Each window is tried at its last second inside and its first second outside; outside, the daily rule holds.
Both packs depend on the merchant (春节买不停 joined? own 春节延迟发货 dates?): they apply only once the merchant
answers "no" (`shopguard rules answer`); unanswered or "yes", the daily deadlines hold.
"""

import json

from tests.exports import order_row, write_csv
from tests.processes import run


def ship_clocks(tmp_path, rows, at, *extra):
    orders = write_csv(tmp_path / "orders.csv", rows)
    result = run("triage", orders, "--at", at, "--format", "json", "--promise", "48h", *extra)
    assert result.returncode == 0, result.stderr
    return {d["order_id"]: d for d in json.loads(result.stdout)["deadlines"] if d["kind"] == "ship"}


def answer(pack_id, reply):
    result = run("rules", "answer", pack_id, reply)
    assert result.returncode == 0, result.stderr
    return result.stdout


def numbered(index: int) -> str:
    return f"69179267688236437{index:02d}"


def sub_order(index: int) -> str:
    return f"69179267688236438{index:02d}"


def test_2024_untagged_orders_paid_in_the_window_ship_by_0222(tmp_path, isolated_home):
    assert "已启用" in answer("douyin-spring-2024", "no")
    paid = ["2024-02-01 23:59:59", "2024-02-02 00:00:00", "2024-02-20 23:59:59", "2024-02-21 00:00:00"]
    rows = [order_row(order_id=numbered(i), sub_order_id=sub_order(i), paid=moment) for i, moment in enumerate(paid)]
    clocks = ship_clocks(tmp_path, rows, "2024-02-10 10:00:00")
    before, first, last, after = (clocks[numbered(i)] for i in range(4))
    assert before["rule"] == after["rule"] == "douyin-daily-2023/ship-48h"
    assert before["due"] == "2024-02-03T23:59:59+08:00" and after["due"] == "2024-02-23T00:00:00+08:00"
    for inside in (first, last):
        assert inside["rule"] == "douyin-spring-2024/ship-by-0222"
        assert inside["due"] == "2024-02-22T23:59:59+08:00"
        assert "春节" in inside["explanation"] and "2024-02-02 00:00:00 至 2024-02-20 23:59:59" in inside["explanation"]


def test_2024_unanswered_or_joined_keeps_the_daily_deadline_and_says_what_the_extension_would_be(
    tmp_path, isolated_home
):
    paid = ["2024-02-02 00:00:00", "2024-02-20 23:59:59", "2024-02-21 00:00:00"]
    rows = [order_row(order_id=numbered(i), sub_order_id=sub_order(i), paid=moment) for i, moment in enumerate(paid)]
    unanswered = ship_clocks(tmp_path, rows, "2024-02-10 10:00:00")
    listed = run("rules", "list")
    assert "待回答：2024 年春节你的订单有没有参加「春节买不停」？" in listed.stdout
    for i, due in ((0, "2024-02-04T00:00:00+08:00"), (1, "2024-02-22T23:59:59+08:00")):
        clock = unanswered[numbered(i)]
        assert (clock["rule"], clock["due"]) == ("douyin-daily-2023/ship-48h", due)
    # The first order's daily 48 h ends 02-04; the extension would give 02-22: said, with where to confirm.
    said = unanswered[numbered(0)]["explanation"]
    assert "有没有参加「春节买不停」" in said and "还没有回答" in said
    assert "2024-02-22 23:59:59" in said and "抖店后台" in said
    assert "shopguard rules answer douyin-spring-2024 no" in said
    assert "春节买不停" not in unanswered[numbered(2)]["explanation"]  # outside the window: nothing to say
    # The second order's daily due equals the pack's: nothing later to warn about, the pack time is used.
    assert "还没有回答" not in unanswered[numbered(1)]["explanation"]

    assert "不适用" in answer("douyin-spring-2024", "yes")
    joined = ship_clocks(tmp_path, rows, "2024-02-10 10:00:00")
    assert joined[numbered(0)]["rule"] == "douyin-daily-2023/ship-48h"
    assert joined[numbered(0)]["due"] == "2024-02-04T00:00:00+08:00"
    assert "春节买不停" not in joined[numbered(0)]["explanation"]
    assert "不适用（按你的回答）" in run("rules", "list").stdout

    answer("douyin-spring-2024", "no")
    untagged = ship_clocks(tmp_path, rows, "2024-02-10 10:00:00")
    assert untagged[numbered(0)]["due"] == "2024-02-22T23:59:59+08:00"
    answer("douyin-spring-2024", "unset")  # taken back: the daily deadline again, not a cached 02-22
    again = ship_clocks(tmp_path, rows, "2024-02-10 10:00:00")
    assert again[numbered(0)]["due"] == "2024-02-04T00:00:00+08:00"


def test_2024_pack_is_for_domestic_merchants_only(tmp_path, isolated_home):
    answer("douyin-spring-2024", "no")
    clocks = ship_clocks(tmp_path, [order_row(paid="2024-02-10 10:00:00")], "2024-02-10 11:00:00",
                         "--merchant", "cross-border")  # fmt: skip
    clock = clocks["6917926768823643751"]
    assert clock["rule"] == "douyin-daily-2023/ship-48h" and clock["due"] == "2024-02-12T10:00:00+08:00"


def spring_2026_row(index, submitted, paid, promised="-"):
    return order_row(order_id=numbered(index), sub_order_id=sub_order(index), paid=paid, promised=promised) | {
        "订单提交时间": submitted
    }


def test_2026_defaults_by_order_time_at_every_edge(tmp_path, isolated_home):
    answer("douyin-spring-2026", "no")
    rows = [
        spring_2026_row(0, "2026-02-15 23:59:59", "2026-02-15 23:59:59"),  # before: daily 48 h
        spring_2026_row(1, "2026-02-16 00:00:00", "2026-02-16 00:00:00"),  # first second: by 02-24
        spring_2026_row(2, "2026-02-20 23:59:59", "2026-02-20 23:59:59"),  # last second: by 02-24
        spring_2026_row(3, "2026-02-21 00:00:00", "2026-02-21 00:00:00"),  # 72 h from payment
        spring_2026_row(4, "2026-02-24 23:59:59", "2026-02-24 23:59:59"),  # last second of 72 h
        spring_2026_row(5, "2026-02-25 00:00:00", "2026-02-25 00:00:00"),  # after: daily 48 h
        # Ordered on 除夕 eve, paid on 除夕: the two readings differ, the earlier (daily) one is used.
        spring_2026_row(6, "2026-02-15 23:50:00", "2026-02-16 00:05:00"),
    ]
    clocks = ship_clocks(tmp_path, rows, "2026-02-18 10:00:00")
    due = {i: (clocks[numbered(i)]["rule"], clocks[numbered(i)]["due"]) for i in range(7)}
    assert due[0] == ("douyin-daily-2025-09/ship-48h", "2026-02-17T23:59:59+08:00")
    assert due[1] == due[2] == ("douyin-spring-2026/ship-by-0224", "2026-02-24T23:59:59+08:00")
    assert due[3] == ("douyin-spring-2026/ship-72h", "2026-02-24T00:00:00+08:00")
    assert due[4] == ("douyin-spring-2026/ship-72h", "2026-02-27T23:59:59+08:00")
    assert due[5] == ("douyin-daily-2025-09/ship-48h", "2026-02-27T00:00:00+08:00")
    assert due[6] == ("douyin-daily-2025-09/ship-48h", "2026-02-18T00:05:00+08:00")
    assert "较早的截止时间" in clocks[numbered(6)]["explanation"]
    assert "假设" in clocks[numbered(1)]["explanation"]


def test_2026_unanswered_or_own_dates_keeps_the_daily_deadlines_and_says_so(tmp_path, isolated_home):
    rows = [
        spring_2026_row(1, "2026-02-16 00:00:00", "2026-02-16 00:00:00"),  # defaults: by 02-24
        spring_2026_row(3, "2026-02-21 00:00:00", "2026-02-21 00:00:00"),  # defaults: 72 h
    ]
    for reply in (None, "yes"):
        if reply:
            answer("douyin-spring-2026", reply)
        clocks = ship_clocks(tmp_path, rows, "2026-02-18 10:00:00")
        first, later = clocks[numbered(1)], clocks[numbered(3)]
        assert (first["rule"], first["due"]) == ("douyin-daily-2025-09/ship-48h", "2026-02-18T00:00:00+08:00")
        assert (later["rule"], later["due"]) == ("douyin-daily-2025-09/ship-48h", "2026-02-23T00:00:00+08:00")
        if reply is None:
            assert "春节延迟发货" in first["explanation"] and "2026-02-24 23:59:59" in first["explanation"]
            assert "2026-02-24 00:00:00" in later["explanation"] and "按日常时限提醒" in later["explanation"]
        else:
            assert "春节延迟发货" not in first["explanation"] + later["explanation"]


def test_2026_without_order_time_keeps_the_daily_deadline_and_says_why(tmp_path, isolated_home):
    answer("douyin-spring-2026", "no")
    clocks = ship_clocks(tmp_path, [order_row(paid="2026-02-17 10:00:00")], "2026-02-17 11:00:00")
    clock = clocks["6917926768823643751"]
    assert clock["rule"] == "douyin-daily-2025-09/ship-48h" and clock["due"] == "2026-02-19T10:00:00+08:00"
    assert "缺少下单时间" in clock["explanation"]


def test_a_later_own_promise_is_cut_to_the_notice_time_and_said(tmp_path, isolated_home):
    answer("douyin-spring-2026", "no")
    row = spring_2026_row(0, "2026-02-17 10:00:00", "2026-02-17 10:00:00", promised="2026-03-01 10:00:00")
    clock = ship_clocks(tmp_path, [row], "2026-02-18 10:00:00")[numbered(0)]
    assert clock["due"] == "2026-02-24T23:59:59+08:00" and "较早的截止时间" in clock["explanation"]


def test_the_new_year_fair_table_applies_only_once_imported(tmp_path, isolated_home):
    from shopguard.core.resources import resource_dir

    answer("douyin-spring-2026", "no")

    rows = [
        spring_2026_row(0, "2026-02-13 00:00:00", "2026-02-13 00:00:00"),
        spring_2026_row(1, "2026-02-15 23:59:59", "2026-02-15 23:59:59"),
        spring_2026_row(2, "2026-02-22 23:59:59", "2026-02-22 23:59:59"),
        spring_2026_row(3, "2026-02-23 00:00:00", "2026-02-23 00:00:00"),
    ]
    plain = ship_clocks(tmp_path, rows, "2026-02-13 10:00:00")
    assert plain[numbered(0)]["rule"] == "douyin-daily-2025-09/ship-48h"
    fair = resource_dir() / "rules-optional" / "douyin-spring-fair-2026.toml"
    imported = run("rules", "import", fair)
    assert imported.returncode == 0, imported.stderr
    clocks = ship_clocks(tmp_path, rows, "2026-02-13 10:00:00")
    assert (clocks[numbered(0)]["rule"], clocks[numbered(0)]["due"]) == (
        "douyin-spring-fair-2026/ship-by-0225", "2026-02-25T23:59:59+08:00")  # fmt: skip
    assert clocks[numbered(1)]["due"] == "2026-02-25T23:59:59+08:00"
    # The fair and the defaults agree on 02-21 … 02-22 (72 h): either may be named, the time is the same.
    assert clocks[numbered(2)]["due"] == "2026-02-25T23:59:59+08:00"
    assert clocks[numbered(2)]["rule"] in ("douyin-spring-fair-2026/ship-72h-0221", "douyin-spring-2026/ship-72h")
    # From 02-23 a fair order is back to 48 h, not the defaults' 72 h.
    assert (clocks[numbered(3)]["rule"], clocks[numbered(3)]["due"]) == (
        "douyin-spring-fair-2026/ship-48h-0223", "2026-02-25T00:00:00+08:00")  # fmt: skip


def test_an_answer_recomputes_the_clocks_kept_in_the_store(tmp_path, isolated_home):
    """Imported orders keep their clocks between runs (clock_cache): an answer must not be served stale ones."""
    row = spring_2026_row(1, "2026-02-16 00:00:00", "2026-02-16 00:00:00")
    imported = run("import", write_csv(tmp_path / "orders.csv", [row]))
    assert imported.returncode == 0, imported.stderr

    def stored_due():
        result = run("triage", "--at", "2026-02-18 10:00:00", "--format", "json", "--promise", "48h")
        assert result.returncode == 0, result.stderr
        return next(d["due"] for d in json.loads(result.stdout)["deadlines"] if d["order_id"] == numbered(1))

    assert stored_due() == "2026-02-18T00:00:00+08:00"
    answer("douyin-spring-2026", "no")
    assert stored_due() == "2026-02-24T23:59:59+08:00"
    answer("douyin-spring-2026", "yes")
    assert stored_due() == "2026-02-18T00:00:00+08:00"
