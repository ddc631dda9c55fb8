"""What a late clock can cost, in the window's detail pane (real window, real store, real export)."""

from datetime import datetime

from shopguard.core.clock import BEIJING
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.ui.main_window import MainWindow
from tests.exports import MONEY_1200, MONEY_BEFORE_TABLE, money_order, write_csv


def test_the_detail_pane_shows_the_deduction_and_the_rule_behind_it(qtbot, tmp_path):
    rows = [
        money_order(MONEY_1200),
        money_order(MONEY_BEFORE_TABLE),
    ]  # fmt: skip
    export = write_csv(tmp_path / "1699750800_订单导出.csv", rows)
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        import_into_store(store, [export], backups_kept=0)
    window = MainWindow(data_dir, lambda: datetime(2026, 11, 27, 12, 0, tzinfo=BEIJING))
    qtbot.addWidget(window)
    window.reload()
    row = next(r for r in range(window.model.rowCount()) if window.model.deadline_at(r).order_id.endswith("761"))
    window.table.selectRow(row)
    text = window.detail.browser.toPlainText()
    # ¥12.00 is incurred by the lateness so far, not yet taken: never 已扣 (deducted)
    assert (
        "可能扣款：¥36.00（其中 ¥12.00 已产生，将被扣除）" in text
        and "已扣" not in text
        and "aHwH9wK4Je2N" in text
        and "3%" in text
    )
    row = next(r for r in range(window.model.rowCount()) if window.model.deadline_at(r).order_id.endswith("781"))
    window.table.selectRow(row)
    assert "扣款：未知（该时期的扣款标准未知" in window.detail.browser.toPlainText()
