"""Exports built from the rule texts to catch a deadline later than the platform's, or a clock left out.

Every case runs `shopguard` as a process on real files (CSV as 抖店 writes it, .xlsx where noted), and most
go through the store too (`shopguard import` then `shopguard triage`), so the new columns are kept.
"""

import json

import pytest

from tests.exports import after_sale_row, order_row, tracking_row, write_csv, write_xlsx
from tests.processes import run

SAFE_READING = "原文有两种理解，按较早的截止时间提醒"


def triage(files, at, *flags):
    result = run("triage", *files, "--at", at, "--format", "json", *flags)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def stored_triage(tmp_path, files, at, *flags):
    """The same files through the store: import, then triage from what was kept."""
    data_dir = tmp_path / "store"
    imported = run("import", *files, "--data-dir", data_dir)
    assert imported.returncode == 0, imported.stderr
    result = run("triage", "--data-dir", data_dir, "--at", at, "--format", "json", *flags)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def clocks_of(data, kind):
    return [d for d in data["deadlines"] if d["kind"] == kind]


def only(data, kind):
    found = clocks_of(data, kind)
    assert len(found) == 1, found
    return found[0]


def orders_file(tmp_path, rows, name="1699750800_订单导出.csv"):
    return write_csv(tmp_path / name, rows)


# --- 1. the safe reading ----------------------------------------------------------------------------------


def test_paid_at_exactly_16_00_00_ships_the_same_day(tmp_path):
    rows = [order_row(order_id="6917926768823643751", paid="2026-11-20 16:00:00"),
            order_row(order_id="6917926768823643761", paid="2026-11-20 16:00:01")]  # fmt: skip
    data = triage([orders_file(tmp_path, rows)], "2026-11-20 18:00:00", "--promise", "same-day")
    due = {d["order_id"]: d for d in clocks_of(data, "ship")}
    assert due["6917926768823643751"]["due"] == "2026-11-20T23:59:59+08:00"  # before: 11-21 23:59:59
    assert SAFE_READING in due["6917926768823643751"]["explanation"]
    assert due["6917926768823643761"]["due"] == "2026-11-21T23:59:59+08:00"


def return_files(tmp_path, applied, signed, kind="退货退款", logistics_status=None, shipped="2023-11-03 10:00:00"):
    order = order_row(paid="2023-10-25 10:00:00", shipped="2023-10-26 10:00:00", status="已完成",
                      packages="SF1000000000001-顺丰速运,纯棉T恤-3788410999938351943,1;")  # fmt: skip
    after = after_sale_row(applied=applied, type=kind, return_shipped=shipped, return_no="SF2000000000001")
    if logistics_status is not None:
        after["退货物流状态"] = logistics_status
    files = [orders_file(tmp_path, [order]), write_xlsx(tmp_path / "售后单导出.xlsx", [after])]
    if signed:
        files.append(write_csv(tmp_path / "快递轨迹.csv", [tracking_row("SF2000000000001", signed=signed)]))
    return files


@pytest.mark.parametrize("kind, clock", [("退货退款", "return_refund"), ("换货", "exchange")])
def test_double11_72h_needs_the_whole_after_sale_in_the_window(tmp_path, kind, clock):
    # Applied on 10-30, before the window; the return is signed for inside it: the daily 48 h still applies.
    before = stored_triage(tmp_path, return_files(tmp_path, "2023-10-30 10:00:00", "2023-11-05 10:00:00", kind),
                           "2023-11-06 10:00:00")  # fmt: skip
    refund = only(before, clock)
    assert refund["due"] == "2023-11-07T10:00:00+08:00"  # before this fix: 11-08 10:00, 24 h too late
    assert SAFE_READING in refund["explanation"] and "售后申请时间不在" in refund["explanation"]
    # Applied inside the window too: 72 h.
    inside = triage(return_files(tmp_path, "2023-11-01 10:00:00", "2023-11-05 10:00:00", kind), "2023-11-06 10:00:00")
    assert only(inside, clock)["due"] == "2023-11-08T10:00:00+08:00"


def test_cross_border_merchants_get_no_double11_after_sales_extension(tmp_path):
    files = return_files(tmp_path, "2023-11-01 10:00:00", "2023-11-05 10:00:00")
    domestic = triage(files, "2023-11-06 10:00:00")
    global_buy = triage(files, "2023-11-06 10:00:00", "--merchant", "cross-border")
    assert only(domestic, "return_refund")["due"] == "2023-11-08T10:00:00+08:00"
    assert only(global_buy, "return_refund")["due"] == "2023-11-07T10:00:00+08:00"
    assert "只适用于国内商家" in only(global_buy, "return_refund")["explanation"]
    # Return never received: 7 days, not 10, for 全球购 (the return here was signed, so the clock is met).
    assert only(global_buy, "return_receipt")["due"] == "2023-11-10T10:00:00+08:00"
    assert only(domestic, "return_receipt")["due"] == "2023-11-13T10:00:00+08:00"


def test_a_stall_spanning_the_2025_rule_book_switch_exists_with_the_earliest_due(tmp_path):
    order = order_row(paid="2025-09-26 10:00:00", shipped="2025-09-27 10:00:00", status="已发货", province="浙江省",
                      packages="YT1000000000001-圆通速递,纯棉T恤-3788410999938351943,1;")  # fmt: skip
    track = tracking_row("YT1000000000001", picked="2025-09-27 18:00:00", last_update="2025-09-28 08:00:00")
    files = [orders_file(tmp_path, [order]), write_csv(tmp_path / "快递轨迹.csv", [track])]
    stall = only(stored_triage(tmp_path, files, "2025-09-30 12:00:00", "--shop-province", "浙江"), "transit")
    # Before this fix: no transit clock at all (the 2023 book in force at its start sets no stall limit).
    assert (stall["status"], stall["due"]) == ("overdue", "2025-09-30T08:00:00+08:00")
    assert stall["rule"] == "douyin-daily-2025-09/transit-stall"


# --- 2. wrong or missing clocks -------------------------------------------------------------------------------


def test_a_parcel_shared_by_orders_either_side_of_a_window_edge_is_due_at_the_earliest(tmp_path):
    packages = "YT2000000000001-圆通速递,纯棉T恤-3788410999938351943,1;"
    rows = [
        # Shipped inside the Double 11 window (pickup 48 h) ...
        order_row(order_id="6917926768823643751", paid="2023-11-14 09:00:00", shipped="2023-11-14 23:00:00",
                  status="已发货", packages=packages),
        # ... and merged into the same parcel after the window closed (pickup 24 h).
        order_row(order_id="6917926768823643761", paid="2023-11-14 22:00:00", shipped="2023-11-15 01:00:00",
                  status="已发货", packages=packages),
    ]  # fmt: skip
    data = stored_triage(tmp_path, [orders_file(tmp_path, rows)], "2023-11-15 12:00:00")
    pickup = only(data, "pickup")
    assert pickup["due"] == "2023-11-16T01:00:00+08:00"  # before this fix: 11-16 23:00, 22 h late
    assert pickup["start"] == "2023-11-15T01:00:00+08:00"
    assert "合并发货" in pickup["explanation"] and "6917926768823643761" in pickup["explanation"]
    assert pickup["rule"] == "douyin-daily-2023/pickup-24h"


def test_a_parcel_listed_on_every_sub_order_row_takes_its_own_sub_orders_ship_time(tmp_path):
    both = ("YT3000000000001-圆通速递,纯棉T恤-1111111111111111111,1;"
            "YT3000000000002-圆通速递,保暖袜-2222222222222222222,1;")  # fmt: skip
    rows = [
        order_row(sub_order_id="6917926768823643711", paid="2026-11-18 09:00:00", shipped="2026-11-18 10:00:00",
                  status="已发货", packages=both),
        order_row(sub_order_id="6917926768823643712", product="保暖袜", paid="2026-11-18 09:00:00",
                  shipped="2026-11-20 10:00:00", status="已发货", packages=both),
    ]  # fmt: skip
    rows[0]["商品ID"], rows[1]["商品ID"] = "1111111111111111111", "2222222222222222222"
    data = stored_triage(tmp_path, [orders_file(tmp_path, rows)], "2026-11-20 12:00:00")
    starts = {d["tracking_no"]: (d["start"], d["sub_order_ids"]) for d in clocks_of(data, "pickup")}
    assert starts == {
        "YT3000000000001": ("2026-11-18T10:00:00+08:00", ["6917926768823643711"]),
        # before this fix: 11-18 10:00, the other sub-order's ship time (a false alarm two days early)
        "YT3000000000002": ("2026-11-20T10:00:00+08:00", ["6917926768823643712"]),
    }


def test_a_return_without_its_ship_time_starts_at_approval(tmp_path):
    files = return_files(tmp_path, "2023-11-01 10:00:00", signed=None, shipped="-")
    receipt = only(stored_triage(tmp_path, files, "2023-11-06 10:00:00"), "return_receipt")
    # Approved (同意售后申请时间 = the application time in this export) on 11-01: 10 days in the window.
    assert (receipt["start"], receipt["due"]) == ("2023-11-01T10:00:00+08:00", "2023-11-11T10:00:00+08:00")
    assert "按同意售后申请时间起算" in receipt["explanation"]


def test_a_return_signed_for_by_status_only_starts_the_refund_clock_at_the_earliest_possible_time(tmp_path):
    files = return_files(tmp_path, "2023-11-01 10:00:00", signed=None, logistics_status="已签收")
    refund = only(stored_triage(tmp_path, files, "2023-11-06 10:00:00"), "return_refund")
    # The return left on 11-03 10:00, so it cannot have been signed for earlier: 48 h (the signed-for time is
    # unknown, so the Double 11 window cannot be tested either).
    assert (refund["start"], refund["due"]) == ("2023-11-03T10:00:00+08:00", "2023-11-05T10:00:00+08:00")
    assert refund["status"] == "overdue" and "已签收但没有签收时间" in refund["explanation"]


def test_a_return_signed_for_by_status_with_no_time_at_all_is_a_row_to_check(tmp_path):
    after = after_sale_row(applied="-", return_shipped="-")
    after.update({"同意售后申请时间": "-", "退货物流状态": "已签收"})
    files = [write_csv(tmp_path / "售后单导出.csv", [after])]
    refund = only(triage(files, "2023-11-06 10:00:00"), "return_refund")
    assert (refund["status"], refund["due"], refund["bucket"]) == ("unknown", None, "check")
    assert refund["explanation"].startswith("无法计算：退货物流状态为已签收")


def test_a_sorting_scan_without_pickup_time_still_runs_sorting_and_transit_clocks(tmp_path):
    order = order_row(paid="2026-11-18 09:00:00", shipped="2026-11-18 10:00:00", status="已发货",
                      packages="YT4000000000001-圆通速递,纯棉T恤-3788410999938351943,1;")  # fmt: skip
    track = tracking_row("YT4000000000001", first_sort="2026-11-18 20:00:00", last_update="2026-11-19 06:00:00")
    files = [orders_file(tmp_path, [order]), write_csv(tmp_path / "快递轨迹.csv", [track])]
    data = stored_triage(tmp_path, files, "2026-11-20 12:00:00", "--shop-province", "广东")
    assert only(data, "pickup")["status"] == "met"  # the sorting scan came before the pickup deadline
    sort = only(data, "first_sort")
    assert (sort["start"], sort["status"]) == ("2026-11-18T10:00:00+08:00", "met")
    transit = only(data, "transit")  # before this fix: neither clock existed
    assert (transit["start"], transit["due"]) == ("2026-11-19T06:00:00+08:00", "2026-11-21T06:00:00+08:00")


def test_refunded_before_shipping_has_no_open_ship_clock_and_a_refund_request_keeps_it(tmp_path):
    refunded = order_row(order_id="6917926768823643751", paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00")
    requested = order_row(order_id="6917926768823643761", paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00")
    refunded["售后状态"], requested["售后状态"] = "退款成功", "退款中"
    data = stored_triage(tmp_path, [orders_file(tmp_path, [refunded, requested])], "2026-11-22 10:00:00")
    ships = {d["order_id"]: d for d in clocks_of(data, "ship")}
    assert ships["6917926768823643751"]["status"] == "exempt"  # before this fix: overdue, a false alarm
    assert "发货前已退款" in ships["6917926768823643751"]["explanation"]
    assert ships["6917926768823643761"]["status"] == "overdue"
    assert "退款成功前仍须按时发货" in ships["6917926768823643761"]["explanation"]


def test_shipped_status_without_ship_time_or_parcel_needs_checking(tmp_path):
    row = order_row(paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00", status="已发货")
    ship = only(triage([orders_file(tmp_path, [row])], "2026-11-22 10:00:00"), "ship")
    assert (ship["status"], ship["bucket"]) == ("unknown", "check")  # before this fix: met
    assert "既没有发货时间也没有本子订单的快递单号" in ship["explanation"]


def test_a_waybill_scanned_before_the_order_was_paid_is_flagged(tmp_path):
    order = order_row(paid="2026-11-20 09:00:00", shipped="2026-11-20 10:00:00", status="已发货",
                      packages="YT5000000000001-圆通速递,纯棉T恤-3788410999938351943,1;")  # fmt: skip
    track = tracking_row("YT5000000000001", picked="2026-11-02 15:00:00", last_update="2026-11-03 09:00:00")
    files = [orders_file(tmp_path, [order]), write_csv(tmp_path / "快递轨迹.csv", [track])]
    pickup = only(stored_triage(tmp_path, files, "2026-11-20 12:00:00"), "pickup")
    assert pickup["status"] == "unknown"  # before this fix: met
    assert "疑似重复使用旧运单号" in pickup["explanation"] and "虚假发货" in pickup["explanation"]


def test_an_export_without_payment_times_starts_the_ship_clock_at_submission(tmp_path):
    headers = ["主订单编号", "子订单编号", "选购商品", "订单提交时间", "订单状态", "快递信息"]
    rows = [
        {"主订单编号": "6917926768823643751", "子订单编号": "6917926768823643759", "选购商品": "纯棉T恤",
         "订单提交时间": "2026-11-20 08:59:00", "订单状态": "待发货", "快递信息": "-"},
        {"主订单编号": "6917926768823643761", "子订单编号": "6917926768823643769", "选购商品": "纯棉T恤",
         "订单提交时间": "-", "订单状态": "待发货", "快递信息": "-"},
    ]  # fmt: skip
    files = [write_csv(tmp_path / "1699750800_订单导出.csv", rows, headers=headers)]
    data = stored_triage(tmp_path, files, "2026-11-20 12:00:00", "--promise", "48h")
    ships = {d["order_id"]: d for d in clocks_of(data, "ship")}
    # Before this fix: an empty list with one hint line, although both orders wait to be shipped.
    submitted = ships["6917926768823643751"]
    assert (submitted["start"], submitted["due"]) == ("2026-11-20T08:59:00+08:00", "2026-11-22T08:59:00+08:00")
    assert "按订单提交时间起算" in submitted["explanation"]
    nothing = ships["6917926768823643761"]
    assert (nothing["status"], nothing["start"], nothing["due"]) == ("unknown", None, None)
    assert "没有可用的支付完成时间、订单提交时间" in nothing["explanation"]
    assert data["notices"] == []


# --- 3. nothing silently dropped, messages in Chinese ---------------------------------------------------------


def test_unknown_clocks_are_rows_in_every_output(tmp_path):
    row = order_row(paid="-", status="待发货")
    files = [orders_file(tmp_path, [row])]
    table = run("triage", *files, "--at", "2026-11-20 12:00:00")
    assert table.returncode == 0 and "6917926768823643751" in table.stdout
    csv_out = run("triage", *files, "--at", "2026-11-20 12:00:00", "--format", "csv")
    assert "unknown" in csv_out.stdout and "6917926768823643751" in csv_out.stdout


def test_an_impossible_date_is_reported_in_chinese(tmp_path):
    row = order_row(paid="2023-11-31 10:00:00")
    data = triage([orders_file(tmp_path, [row])], "2023-11-20 12:00:00")
    messages = " ".join(problem["message"] for problem in data["problems"])
    assert "2023 年 11 月没有 31 日" in messages
    assert not any(word in messages for word in ("day", "month", "range", "must"))
    # The order is still on the list: its ship clock cannot start, and says so.
    assert only(data, "ship")["status"] == "unknown"
