"""`shopguard import` as a whole process on a real store: what an import changed, and junk that never
becomes an order."""

import json
import sqlite3

import openpyxl

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


ENCRYPTED = {
    "收件人": "##QxSl2L7pzmNnY0cEg0MDkzNDk0MDk0MDk=##",
    "收件人手机号": "$1R9a/lyTgQ8wVMl0j3c8dDN4AUs+8Fx7PwVxFk7d8kU=$YcE3ShrUtn1Fs7f+GnFzWnlbhi0=$1$$",
    "详细地址": "#6qMy#vKdqqjmPOxLwgXzK4pC7xTQKwRrbP5h+w1qQ9uA2Qh8=#1##",
}


def test_odd_characters_and_encrypted_buyer_fields_never_reach_the_morning_report(tmp_path):
    data = ("--data-dir", tmp_path / "data")
    rows = [
        order_row(order_id=FIRST, product="T恤\x00加厚\x0b\x1b款", paid="2023-11-12 08:00:00",
                  promised="2023-11-13 08:00:00", province="广东\x1f省") | ENCRYPTED,
        order_row(order_id=SECOND, product="羊毛围巾\u0085\ufffe", paid="2023-11-12 08:00:00",
                  promised="2023-11-13 08:00:00") | {"收件人": "张**", "收件人手机号": "13812341234"},
    ]  # fmt: skip
    assert run("import", write_csv(tmp_path / "orders.csv", rows), *AT, *data).returncode == 0
    with sqlite3.connect(tmp_path / "data" / DB_NAME) as db:
        for table in ("order_lines", "import_problems"):
            for row in db.execute(f"SELECT * FROM {table}"):
                text = "".join(value for value in row if isinstance(value, str))
                assert text.isprintable(), row  # no control character, no non-character is stored
                assert not any(secret in text for secret in ENCRYPTED.values()), row

    report = run("report", "--with-buyer", "--out", tmp_path / "晨报.xlsx", *AT, *data)

    assert report.returncode == 0, report.stderr
    workbook = openpyxl.load_workbook(tmp_path / "晨报.xlsx")
    # the printed to-do list holds name, phone and address in one cell, a line each
    cells = [line for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row if cell
             for line in str(cell).split("\n")]  # fmt: skip
    assert "T恤加厚款" in cells and "羊毛围巾" in cells and "张**" in cells and "138****1234" in cells
    assert not any("#" in cell or "$" in cell for cell in cells if "（已加密）" not in cell)
    assert "（已加密）" in cells


def test_a_broken_rule_pack_of_the_merchants_never_stops_an_import(tmp_path):
    (tmp_path / "data" / "rules").mkdir(parents=True)
    (tmp_path / "data" / "rules" / "618.toml").write_text("id = \n", encoding="utf-8")  # half-edited by hand
    result = run("import", write_csv(tmp_path / "orders.csv", [order_row()]), *AT, "--data-dir", tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "orders.csv（订单导出）：1 行；新增 1" in result.stdout
    assert "无法比较导入前后的时钟状态" in result.stdout
