"""The window's import summary: what each file brought, the orders whose clocks the import changed, and the
problems in a table (file, row, column, message), capped as the importer keeps them, as the merchant reads it."""

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from shopguard.core.imports.importer import LISTED_PROBLEMS
from shopguard.core.store import status_changes
from shopguard.ui import import_summary as import_summary_module
from shopguard.ui.app import create_window
from tests.exports import ORDER_HEADERS, order_row, write_csv

PENDING, TO_CHECK = "6917926768823643751", "6917926768823643761"


@pytest.fixture
def summaries(monkeypatch):
    shown = []
    monkeypatch.setattr(import_summary_module.ImportSummary, "exec", lambda self: shown.append(self))
    return shown


def import_and_wait(qtbot, window, paths):
    window.import_files([str(path) for path in paths])
    qtbot.waitUntil(lambda: not window.import_running(), timeout=60000)


def table_rows(table) -> list[tuple[str, ...]]:
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def test_the_summary_lists_status_changes_and_new_orders_to_check(qtbot, tmp_path, summaries):
    window = create_window(tmp_path / "data")  # judged now: a promise in 2099 is still to come
    qtbot.addWidget(window)
    first = order_row(order_id=PENDING, paid="2023-11-01 10:00:00", promised="2099-01-01 10:00:00")
    import_and_wait(qtbot, window, [write_csv(tmp_path / "1699750800_orders.csv", [first])])
    assert summaries[0].changes_label.text() == "这次导入没有改变任何时钟的状态。"
    assert summaries[0].changes_view is None

    moved_up = order_row(order_id=PENDING, paid="2023-11-01 10:00:00", promised="2023-11-02 10:00:00")
    unreadable = order_row(order_id=TO_CHECK, paid="2023-11-31 10:00:00")
    import_and_wait(qtbot, window, [write_csv(tmp_path / "1699837200_orders.csv", [moved_up, unreadable])])

    summary = summaries[1]
    assert summary.files_label.text() == "1699837200_orders.csv（订单导出）：2 行，新增 1，更新 1，未变 0，问题 1"
    assert summary.changes_label.text() == "这次导入改变了 2 个订单的时钟状态，其中 1 个现在需要核对："
    assert summary.changes_view.toPlainText().splitlines() == [
        f"订单 {PENDING}：发货 未到期 → 已超时",
        f"订单 {TO_CHECK}：发货 新增 需要核对",
    ]
    assert summary.problems_label.text() == "有 1 个问题，详见下方（每条写明文件、行和列）。"
    (row,) = table_rows(summary.problems_table)
    assert row[:3] == ("1699837200_orders.csv", "3", "支付完成时间")
    assert row[3].startswith("时间「2023-11-31 10:00:00」不存在")
    assert [summary.problems_table.horizontalHeaderItem(c).text() for c in range(4)] == ["文件", "行", "列", "问题"]
    assert summary.not_listed_label.isHidden()
    assert summary.text().splitlines()[:2] == [summary.files_label.text(), summary.changes_label.text()]


def test_a_long_list_of_changed_orders_shows_them_all_unwrapped(qtbot, tmp_path, summaries):
    listed = status_changes.LISTED
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}", paid="坏") for n in range(listed + 3)]
    import_and_wait(qtbot, window, [write_csv(tmp_path / "orders.csv", rows)])
    summary = summaries[0]
    assert (
        summary.changes_label.text()
        == f"这次导入改变了 {listed + 3} 个订单的时钟状态，其中 {listed + 3} 个现在需要核对："
    )
    lines = summary.changes_view.toPlainText().splitlines()
    assert lines[:listed] == [f"订单 69{n:017d}：发货 新增 需要核对" for n in range(listed)]
    assert lines[listed:] == ["……还有 3 个订单，请在列表中查看"]
    # A line never breaks inside a number or an order id: no wrapping anywhere, a scroll bar instead.
    assert summary.changes_view.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert not summary.problems_table.wordWrap() and not summary.files_label.wordWrap()
    problems = [row[1:3] for row in table_rows(summary.problems_table)]
    assert problems == [(f"{n + 2}", "支付完成时间") for n in range(listed + 3)]


def test_thousands_of_problems_show_the_kept_ones_and_say_how_many_more(qtbot, tmp_path, summaries):
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    bad_rows = 1_500
    path = tmp_path / "orders.csv"
    line = "\t订单号坏了,\t6817926768823643759" + ",\t-" * (len(ORDER_HEADERS) - 2) + "\r\n"
    path.write_text(",".join(ORDER_HEADERS) + "\r\n" + line * bad_rows, encoding="utf-8-sig")
    import_and_wait(qtbot, window, [path, tmp_path / "missing.csv"])
    summary = summaries[0]
    rows = table_rows(summary.problems_table)
    assert len(rows) == LISTED_PROBLEMS + 1  # the kept problems of orders.csv, and missing.csv's
    assert rows[0][:3] == ("orders.csv", "2", "主订单编号") and rows[-1] == (
        "missing.csv",
        "整个文件",
        "",
        "找不到文件",
    )
    assert summary.not_listed_label.text() == "……还有 500 个问题没有列出"
    assert summary.not_listed_label.isVisibleTo(summary)
    assert summary.problems_label.text() == "有 1,501 个问题，详见下方（每条写明文件、行和列）。"
    assert (
        summary.files_label.text().splitlines()[0]
        == "orders.csv（订单导出）：1,500 行，新增 0，更新 0，未变 0，问题 1,500"
    )
