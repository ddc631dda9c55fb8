"""The window's import summary lists the orders whose clocks the import changed, as the merchant reads it."""

import pytest

from shopguard.ui import import_summary as import_summary_module
from shopguard.ui.app import create_window
from tests.exports import order_row, write_csv

PENDING, TO_CHECK = "6917926768823643751", "6917926768823643761"


@pytest.fixture
def summaries(monkeypatch):
    shown = []
    monkeypatch.setattr(import_summary_module.ImportSummary, "exec", lambda self: shown.append(self))
    return shown


def import_and_wait(qtbot, window, paths):
    window.import_files([str(path) for path in paths])
    qtbot.waitUntil(lambda: not window.import_running(), timeout=20000)


def test_the_summary_lists_status_changes_and_new_orders_to_check(qtbot, tmp_path, summaries):
    window = create_window(tmp_path / "data")  # judged now: a promise in 2099 is still to come
    qtbot.addWidget(window)
    first = order_row(order_id=PENDING, paid="2023-11-01 10:00:00", promised="2099-01-01 10:00:00")
    import_and_wait(qtbot, window, [write_csv(tmp_path / "1699750800_orders.csv", [first])])
    assert "这次导入没有改变任何时钟的状态。" in summaries[0].text()

    moved_up = order_row(order_id=PENDING, paid="2023-11-01 10:00:00", promised="2023-11-02 10:00:00")
    unreadable = order_row(order_id=TO_CHECK, paid="2023-11-31 10:00:00")
    import_and_wait(qtbot, window, [write_csv(tmp_path / "1699837200_orders.csv", [moved_up, unreadable])])

    lines = summaries[1].text().splitlines()
    assert lines[-3:] == [
        "这次导入改变了 2 个订单的时钟状态，其中 1 个现在需要核对：",
        f"订单 {PENDING}：发货 未到期 → 已超时",
        f"订单 {TO_CHECK}：发货 新增 需要核对",
    ]
    assert "「支付完成时间」列：时间「2023-11-31 10:00:00」不存在" in summaries[1].detailedText()


def test_a_long_list_shows_the_first_orders_and_all_of_them_in_the_details(qtbot, tmp_path, summaries):
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}", paid="坏") for n in range(13)]
    import_and_wait(qtbot, window, [write_csv(tmp_path / "orders.csv", rows)])
    summary = summaries[0]
    text = summary.text().splitlines()
    heading = text.index("这次导入改变了 13 个订单的时钟状态，其中 13 个现在需要核对：")
    assert len(text) - heading == 1 + import_summary_module.SHOWN_FIRST + 1
    assert text[-1] == "……（全部列在下方）"
    details = summary.detailedText()
    assert all(f"订单 69{n:017d}：发货 新增 需要核对" in details for n in range(13))
    assert "「支付完成时间」列：无法识别的时间「坏」" in details
