"""What each late clock costs, through the CLI on real exports (issue 16's worked examples, 2026-11 dates)."""

import json

from tests.exports import MONEY_39, MONEY_1200, MONEY_8000, MONEY_BEFORE_TABLE, money_order, order_row, write_csv
from tests.processes import run


def clocks(data, kind="ship"):
    return {d["order_id"]: d for d in data["deadlines"] if d["kind"] == kind}


def orders(tmp_path):
    rows = [
        money_order(MONEY_39),
        money_order(MONEY_1200),
        money_order(MONEY_8000, amount="8000"),  # written without a separator or cents
        money_order(MONEY_BEFORE_TABLE),  # no amount, and it says so
    ]  # fmt: skip
    return write_csv(tmp_path / "1699750800_订单导出.csv", rows)


def test_the_worked_examples_from_a_file(tmp_path):
    result = run("triage", orders(tmp_path), "--at", "2026-11-21 10:00:00", "--format", "json")
    ship = clocks(json.loads(result.stdout))
    assert ship["6917926768823643751"]["money_at_risk"] == "2.00"
    assert ship["6917926768823643761"]["money_at_risk"] == "36.00"
    assert ship["6917926768823643771"]["money_at_risk"] == "50.00"
    assert all(ship[order]["money_incurred"] is None for order in ship if order != "6917926768823643781")
    assert "aHwH9wK4Je2N" in ship["6917926768823643761"]["money_basis"]
    before = ship["6917926768823643781"]
    assert before["money_at_risk"] is None and "扣款标准未知" in before["money_basis"]


def test_kept_clocks_carry_the_money_and_what_is_incurred_follows_the_moment(tmp_path):
    data_dir = tmp_path / "store"
    assert run("import", orders(tmp_path), "--data-dir", data_dir).returncode == 0

    def ship_at(moment):
        result = run("triage", "--data-dir", data_dir, "--at", moment, "--format", "json")
        return clocks(json.loads(result.stdout))["6917926768823643761"]

    first = ship_at("2026-11-21 10:00:00")  # computed, then kept
    assert (first["money_at_risk"], first["money_incurred"]) == ("36.00", None)
    late = ship_at("2026-11-27 12:00:00")  # from the kept clocks: 2 h late, the first tier (1%)
    assert (late["status"], late["money_at_risk"], late["money_incurred"]) == ("overdue", "36.00", "12.00")
    very_late = ship_at("2026-11-29 10:00:01")  # 48 h and 1 s late: 缺货, 3%
    assert very_late["money_incurred"] == "36.00"
    csv_text = run("triage", "--data-dir", data_dir, "--at", "2026-11-29 10:00:01", "--format", "csv").stdout
    header = csv_text.splitlines()[0].split(",")
    assert "money_at_risk" in header and "money_incurred" in header


def day_of_orders(tmp_path, due_count, late_count):
    """`due_count` orders promised for 2026-11-20 12:00; the first `late_count` still unshipped at 18:00."""
    rows = []
    for n in range(due_count):
        late = n < late_count
        parcel = f"YT{n:013d}-圆通速递,纯棉T恤-3788410999938351943,1;"
        rows.append(order_row(order_id=f"69179267688{n:08d}", sub_order_id=f"69179267689{n:08d}",
                              paid="2026-11-19 10:00:00", promised="2026-11-20 12:00:00",
                              shipped="-" if late else "2026-11-20 09:00:00", status="待发货" if late else "已发货",
                              packages="-" if late else parcel))  # fmt: skip
    path = write_csv(tmp_path / f"1699750800_{due_count}_{late_count}.csv", rows)
    result = run("triage", path, "--at", "2026-11-20 18:00:00", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["shop_risk"], run("triage", path, "--at", "2026-11-20 18:00:00").stdout


def test_a_day_with_30_percent_and_200_late_orders_stops_the_shop(tmp_path):
    risk, table = day_of_orders(tmp_path, 700, 210)
    assert (risk["day"], risk["ship_due"], risk["ship_late"], risk["late_rate"]) == ("2026-11-20", 700, 210, "0.3000")
    assert risk["level"] == "店铺 7 天内每天最多 0 单（停止售卖）" and risk["next_level"] is None
    assert "已达到处罚线：店铺 7 天内每天最多 0 单" in table


def test_one_late_order_short_of_the_line_says_how_many_more(tmp_path):
    risk, table = day_of_orders(tmp_path, 700, 209)
    assert (risk["level"], risk["late_until_next_level"]) == (None, 1)
    assert risk["next_level"] == "店铺 7 天内每天最多 0 单（停止售卖）"
    assert "再超时 1 单将触发" in table
    # 30% of 600 is 180, but fewer than 200 late orders never stop the shop: 200 is the line.
    risk, _ = day_of_orders(tmp_path, 600, 199)
    assert (risk["level"], risk["late_until_next_level"]) == (None, 1)


def test_the_morning_list_shows_the_money_and_sorts_by_it(tmp_path):
    path = orders(tmp_path)
    table = run("triage", path, "--at", "2026-11-27 12:00:00").stdout
    assert "可能扣款" in table and "¥36.00（已 ¥12.00）" in table  # 2 h late on a 7-day promise: 1% incurred
    assert "【已超时】4 个，可能扣款合计 ¥88.00" in table  # 2 + 36 + 50, the July order has no known amount
    by_money = json.loads(run("triage", path, "--at", "2026-11-21 10:00:00", "--format", "json", "--sort", "money")
                          .stdout)["deadlines"]  # fmt: skip
    assert [d["money_at_risk"] for d in by_money if d["kind"] == "ship"][:3] == ["50.00", "36.00", "2.00"]
    by_urgency = json.loads(run("triage", path, "--at", "2026-11-21 10:00:00", "--format", "json").stdout)
    assert [d["order_id"] for d in by_urgency["deadlines"]][0] == "6917926768823643781"  # overdue since July
