"""`shopguard import` as a whole process on a real store: what an import changed, and junk that never
becomes an order."""

import json
import sqlite3

from shopguard.core.store.database import DB_NAME
from tests.exports import order_row, write_csv
from tests.processes import run

AT = ("--at", "2023-11-12 10:00:00")
FIRST, SECOND = "6917926768823643751", "6917926768823643761"


def test_the_import_summary_lists_the_orders_whose_clocks_changed(tmp_path):
    data = ("--data-dir", tmp_path / "data")
    yesterday = write_csv(tmp_path / "1699750800_orders.csv", [
        order_row(order_id=FIRST, paid="2023-11-11 08:00:00", promised="2023-11-12 12:00:00"),
        order_row(order_id=SECOND, paid="2023-11-10 08:00:00", promised="2023-11-11 12:00:00"),
    ])  # fmt: skip
    first = run("import", yesterday, *AT, *data)
    assert first.returncode == 0, first.stderr
    assert f"这次导入改变了 1 个订单的时钟状态：\n  订单 {SECOND}：发货 新增 已超时\n" in first.stdout

    today = write_csv(tmp_path / "1699837200_orders.csv", [
        order_row(order_id=FIRST, paid="2023-11-31 08:00:00", promised="2023-11-12 12:00:00"),  # impossible
        order_row(order_id=SECOND, paid="2023-11-10 08:00:00", promised="2023-11-11 12:00:00",
                  shipped="2023-11-11 10:00:00", status="已发货"),
    ])  # fmt: skip
    second = run("import", today, *AT, *data)

    assert second.returncode == 0, second.stderr
    # The unreadable payment time was kept, so the first order's clock is still pending: not listed.
    assert f"这次导入改变了 1 个订单的时钟状态：\n  订单 {SECOND}：发货 已超时 → 按时完成\n" in second.stdout
    assert "保留已导入的值「2023-11-11 08:00:00」" in second.stdout
    triage = json.loads(run("triage", *AT, "--format", "json", *data).stdout)
    ship = {d["order_id"]: d for d in triage["deadlines"] if d["kind"] == "ship"}
    assert ship[FIRST]["start"] == "2023-11-11T08:00:00+08:00" and ship[FIRST]["status"] == "pending"


def test_nothing_changed_says_so(tmp_path):
    orders = write_csv(tmp_path / "orders.csv", [order_row(paid="2023-11-12 08:00:00", promised="2023-11-13 08:00:00")])
    result = run("import", orders, *AT, "--data-dir", tmp_path / "data")
    assert "这次导入没有改变任何时钟的状态。" in result.stdout


def test_a_row_without_order_number_or_with_junk_ids_never_stops_the_import(tmp_path):
    rows = [order_row(order_id=FIRST), order_row(order_id="-", sub_order_id="6917926768823643009"),
            order_row(order_id="合计", sub_order_id="-"), order_row(order_id=SECOND)]  # fmt: skip
    result = run("import", write_csv(tmp_path / "orders.csv", rows), *AT, "--data-dir", tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "orders.csv（订单导出）：4 行；新增 2" in result.stdout
    assert "orders.csv 第 3 行 「主订单编号」列：「主订单编号」为空，此行未导入" in result.stdout
    assert "orders.csv 第 4 行 「主订单编号」列：「合计」不是编号" in result.stdout
    with sqlite3.connect(tmp_path / "data" / DB_NAME) as db:
        assert sorted(row[0] for row in db.execute("SELECT order_id FROM order_lines")) == [FIRST, SECOND]
