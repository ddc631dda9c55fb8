"""The real window under pytest-qt (offscreen): table, filters, countdown, detail pane, imports."""

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from shopguard.core.clock import BEIJING
from shopguard.core.demo import DEMO_AS_OF
from shopguard.core.store.database import Store
from shopguard.core.store.snapshot import load_snapshot
from shopguard.ui import import_flow as import_flow_module
from shopguard.ui import import_summary as import_summary_module
from shopguard.ui import main_window as main_window_module
from shopguard.ui.app import create_window
from shopguard.ui.deadline_model import COLUMN_LEFT, COLUMN_NOTE, COLUMN_STATUS, DEADLINE_ROLE, DeadlineTableModel
from tests.clocks import NO_RULE
from tests.exports import order_row, write_csv
from tests.ui.helpers import Dialogs


def test_model_passes_qt_model_checks(demo_window, qtmodeltester):
    qtmodeltester.check(demo_window.model)
    tester = QAbstractItemModelTester(demo_window.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    demo_window.search.setText("手机")  # resets are checked while the tester watches
    demo_window.sort_by(4)
    demo_window.search.setText("")
    assert tester is not None and demo_window.model.rowCount() == 39


def test_demo_shows_every_clock_most_urgent_first_with_bucket_counts(demo_window):
    model = demo_window.model
    first = model.index(0, 0).data(DEADLINE_ROLE)
    assert first.status == "overdue"
    assert model.index(0, COLUMN_LEFT).data() == "已超时 14天"
    labels = [demo_window.bucket_list.item(row).text() for row in range(demo_window.bucket_list.count())]
    assert labels == [
        "全部  39", "已超时  4", "需要核对  1", "6小时内  1", "24小时内  2", "24小时后  4", "已处理  0",
        "已完成/豁免  27", "需要报备？  6",  # 5 overdue or due within 24 h, and the stall to check
    ]  # fmt: skip
    statuses = [model.index(row, 0).data(DEADLINE_ROLE).status for row in range(6)]
    assert statuses == ["overdue"] * 4 + ["unknown", "pending"]
    stall = model.index(4, 0).data(DEADLINE_ROLE)  # under the 2023 book, which sets no stall limit
    assert (stall.order_id, stall.kind, stall.tracking_no, stall.status, stall.due) == (
        "6917880231000000951", "transit", "43100000000009", "unknown", None
    )  # fmt: skip
    assert stall.explanation == NO_RULE
    assert "规则包" not in stall.explanation
    assert {model.index(row, 0).data(DEADLINE_ROLE).kind for row in range(model.rowCount())} == {
        "ship", "pickup", "first_sort", "transit", "return_refund", "exchange", "return_receipt",
    }  # fmt: skip
    assert "演示数据" in demo_window.status.text() and "2023-11-12 10:00:00" in demo_window.status.text()


def test_buckets_kind_filter_and_search(demo_window):
    demo_window.bucket_list.setCurrentRow(1)  # 已超时
    assert demo_window.model.rowCount() == 4
    demo_window.bucket_list.setCurrentRow(0)
    demo_window.kind_box.setCurrentIndex(demo_window.kind_box.findData("pickup"))
    assert {demo_window.model.deadline_at(r).kind for r in range(demo_window.model.rowCount())} == {"pickup"}
    demo_window.kind_box.setCurrentIndex(0)
    demo_window.search.setText("yt7300000000005")  # tracking numbers, any case
    assert {demo_window.model.deadline_at(r).order_id for r in range(demo_window.model.rowCount())} == {
        "6917880231000000551"
    }
    demo_window.search.setText("保暖内衣")
    assert demo_window.model.rowCount() > 0
    assert all("保暖内衣" in demo_window.model.deadline_at(r).product for r in range(demo_window.model.rowCount()))


def test_sorting_by_a_column_and_back(demo_window):
    demo_window.sort_by(0)  # 订单号 ascending
    ids = [demo_window.model.deadline_at(r).order_id for r in range(demo_window.model.rowCount())]
    assert ids == sorted(ids)
    demo_window.sort_by(0)  # descending
    ids = [demo_window.model.deadline_at(r).order_id for r in range(demo_window.model.rowCount())]
    assert ids == sorted(ids, reverse=True)


def test_tick_repaints_only_the_visible_countdown_rows(qtbot, tmp_path):
    moment = [datetime(2026, 11, 20, 9, tzinfo=BEIJING)]
    model = DeadlineTableModel(lambda: moment[0])
    from shopguard.core.deadlines.engine import Deadline

    due = datetime(2026, 11, 20, 10, tzinfo=BEIJING)
    deadlines = [
        Deadline("ship", str(n), None, None, due - timedelta(hours=1), due, None, "pending", 3600, "p/r", "t", "e")
        for n in range(500)
    ]
    model.set_deadlines(deadlines, list(range(500)))
    changes = []
    model.dataChanged.connect(
        lambda top, bottom, roles: changes.append((top.row(), bottom.row(), top.column(), bottom.column()))
    )
    model.tick(10, 40)
    assert changes == [(10, 40, COLUMN_LEFT, COLUMN_STATUS)]
    assert model.index(10, COLUMN_LEFT).data() == "还剩 1小时"
    moment[0] += timedelta(hours=1, seconds=1)
    model.tick(10, 40)
    assert model.index(10, COLUMN_LEFT).data() == "已超时 不到1分"
    assert model.index(10, COLUMN_STATUS).data().endswith("已超时")


def test_window_tick_uses_the_rows_on_screen(demo_window):
    changes = []
    demo_window.model.dataChanged.connect(lambda top, bottom, roles: changes.append((top.row(), bottom.row())))
    demo_window.tick()
    ((first, last),) = changes
    assert first == 0 and 0 < last < demo_window.model.rowCount()
    assert last == demo_window.table.rowAt(demo_window.table.viewport().height() - 1)


def test_detail_pane_shows_the_order_and_saves_handled_and_notes(demo_window):
    demo_window.table.selectRow(1)
    deadline = demo_window.model.deadline_at(1)
    html = demo_window.detail.browser.toPlainText()
    assert f"订单 {deadline.order_id}" in html and "怎么做" in html and "抖店后台" in html
    demo_window.detail.note_edit.setText("已联系网点")
    demo_window.detail.note_edit.returnPressed.emit()
    demo_window.detail.handled_button.click()
    with Store.open(demo_window.data_dir) as store:
        snapshot = load_snapshot(store)
    assert snapshot.notes[deadline.order_id] == "已联系网点"
    assert deadline.order_id in snapshot.handled
    row = demo_window.model.rows.index(demo_window.index.deadlines.index(deadline))
    assert demo_window.model.index(row, COLUMN_NOTE).data().startswith("【已处理】")


def test_manual_correction_recomputes_off_the_gui_thread_and_is_shown(demo_window, qtbot, monkeypatch):
    order_id = "6917880231000000551"  # picked up never scanned in the demo

    def pickup_clock():
        return next(d for d in demo_window.by_order[order_id] if d.kind == "pickup")

    dialogs = Dialogs(monkeypatch, "更正")
    demo_window.correct_time(order_id, "pickup", DEMO_AS_OF - timedelta(hours=30))
    assert "揽收" in dialogs.shown[0]  # asked first, with the clocks before and after
    assert "重新计算" in demo_window.status.text()  # the window stays usable meanwhile
    qtbot.waitUntil(lambda: pickup_clock().status == "met", timeout=20000)
    pickup = pickup_clock()
    assert pickup.status == "met" and "手动更正" in pickup.correction


def test_empty_store_shows_the_welcome_page(qtbot, tmp_path):
    window = create_window(tmp_path / "empty")
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.welcome


def import_and_wait(qtbot, window, paths, monkeypatch):
    shown = []
    monkeypatch.setattr(import_summary_module.ImportSummary, "exec", lambda self: shown.append(self.text()))
    window.import_files([str(p) for p in paths])
    assert window.import_running()
    qtbot.waitUntil(lambda: not window.import_running(), timeout=20000)
    return shown


def test_import_runs_in_the_background_and_summarises(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    orders = write_csv(tmp_path / "orders.csv", [order_row(), order_row(order_id="6917926768823643761", paid="坏")])
    shown = import_and_wait(qtbot, window, [orders], monkeypatch)
    assert "orders.csv（订单导出）：2 行，新增 2" in shown[0] and "问题 1" in shown[0]
    assert window.pages.currentWidget() is window.splitter
    assert window.model.rowCount() == 2  # the order without a payment time has a ship clock to check
    unreadable = next(window.model.deadline_at(r) for r in range(2) if window.model.deadline_at(r).status == "unknown")
    assert (unreadable.order_id, unreadable.kind, unreadable.start, unreadable.due) == (
        "6917926768823643761", "ship", None, None
    )  # fmt: skip


def test_dropping_files_imports_them(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    orders = write_csv(tmp_path / "orders.csv", [order_row()])
    shown = []
    monkeypatch.setattr(import_summary_module.ImportSummary, "exec", lambda self: shown.append(self.text()))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(orders))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert window.model.rowCount() == 1


def test_cancelled_import_keeps_the_store_unchanged(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}") for n in range(5000)]
    big = write_csv(tmp_path / "big.csv", rows)
    real_import = import_flow_module.import_into_store

    def import_then_press_cancel(*args, **kwargs):
        window.cancel_import()  # as if the merchant pressed 取消导入 while the file is being read
        return real_import(*args, **kwargs)

    monkeypatch.setattr(import_flow_module, "import_into_store", import_then_press_cancel)
    window.import_files([str(big)])
    qtbot.waitUntil(lambda: not window.import_running(), timeout=20000)
    assert "导入已取消" in window.status.text()
    with Store.open(window.data_dir) as store:
        assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 0
    qtbot.waitUntil(lambda: not window.sync.loading, timeout=20000)
    assert "导入已取消" in window.status.text()  # still there after the list loaded again
    monkeypatch.setattr(main_window_module, "STATUS_NOTE_MS", 300)  # five minutes in the window
    window.set_status_note("导入已取消（again）")
    window.show_status()
    assert window.status.text().startswith("导入已取消（again）")
    qtbot.waitUntil(lambda: "导入已取消" not in window.status.text(), timeout=5000)  # then gone, not all day


def test_window_remembers_its_size_and_columns(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    window.show()
    window.resize(window.width(), 480)  # the offscreen screen is 800x600: vary what fits on it
    window.table.setColumnWidth(1, 222)
    qtbot.waitUntil(lambda: window.height() == 480)
    window.close()
    again = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(again)
    assert again.height() == 480 and again.table.columnWidth(1) == 222


def test_unexpected_errors_are_logged_and_shown_without_stopping(qtbot, tmp_path, monkeypatch):
    from shopguard.ui import error_handler

    log_path = error_handler.setup_logging(tmp_path)
    shown = []
    monkeypatch.setattr(error_handler.QMessageBox, "exec", lambda self: shown.append(self.detailedText()))
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        error_handler.show_unexpected_error(type(error), error, error.__traceback__, log_path)
    assert "RuntimeError: boom" in shown[0]
    assert "RuntimeError: boom" in Path(log_path).read_text(encoding="utf-8")


def test_settings_dialog_saves_and_the_clocks_follow(demo_window, monkeypatch):
    from shopguard.core.rules.packs import load_packs
    from shopguard.ui.settings_dialog import SettingsDialog

    with Store.open(demo_window.data_dir) as store:
        dialog = SettingsDialog(store, load_packs(), demo_window.data_dir)
        assert dialog.province.currentData() == "浙江"  # the demo's shop province, as stored
        dialog.merchant.setCurrentIndex(dialog.merchant.findData("cross-border"))
        for row in range(dialog.packs.count()):
            item = dialog.packs.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "douyin-double11-2023":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()
        assert store.setting("merchant") == "cross-border"
        assert store.setting("disabled_packs") == "douyin-double11-2023"
    demo_window.reload()
    rules = {d.rule.split("/")[0] for d in demo_window.index.deadlines}
    assert "douyin-double11-2023" not in rules
    assert "双11 大促" not in demo_window.status.text()


def test_unrecognised_columns_are_mapped_once_and_the_file_imports(qtbot, tmp_path, monkeypatch):
    from shopguard.ui import mapping_dialog

    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    rows = [{"订单": "6917926768823643751", "子单": "6917926768823643759", "付款": "2023-11-01 10:00:00"}]
    erp = write_csv(tmp_path / "erp.csv", rows)
    summaries = []
    monkeypatch.setattr(import_summary_module.ImportSummary, "exec", lambda self: summaries.append(self.text()))

    def answer(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("orders"))
        for field, header in (("order_id", "订单"), ("sub_order_id", "子单"), ("paid_at", "付款")):
            dialog.boxes[field].setCurrentIndex(dialog.boxes[field].findData(header))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(mapping_dialog.MappingDialog, "exec", answer)
    window.import_files([str(erp)])
    qtbot.waitUntil(lambda: len(summaries) == 2, timeout=20000)  # first: not recognised; then: imported
    assert "未导入" in summaries[0] and "新增 1" in summaries[1]
    assert window.model.rowCount() == 1 and window.model.deadline_at(0).kind == "ship"


def test_welcome_page_opens_the_demo_in_its_own_store(qtbot, tmp_path):
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    window.welcome.demo_requested.emit()
    qtbot.addWidget(window.demo_window)
    assert window.demo_window.demo and window.demo_window.model.rowCount() == 39
    assert window.demo_window.data_dir == tmp_path / "data" / "demo"
    with Store.open(window.data_dir) as store:  # the merchant's own store stays empty
        assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 0


def test_counts_follow_the_clock_once_a_minute(qtbot, tmp_path):
    moment = [DEMO_AS_OF]
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    window.clock = lambda: moment[0]
    assert window.bucket_list.item(1).text() == "已超时  4"
    moment[0] = DEMO_AS_OF + timedelta(hours=5)  # the 14:00 ship-by has now run out
    window.rebucket()
    assert window.bucket_list.item(1).text() == "已超时  5"


def test_moving_the_data_folder_copies_the_database_and_is_used_next_start(demo_window, tmp_path, monkeypatch):
    from shopguard.core.datadir import data_dir
    from shopguard.core.rules.packs import load_packs
    from shopguard.ui import settings_dialog

    monkeypatch.delenv("SHOPGUARD_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    target = tmp_path / "usb" / "ShopGuard"
    monkeypatch.setattr(settings_dialog.QFileDialog, "getExistingDirectory", lambda *args: str(target))
    monkeypatch.setattr(settings_dialog.QMessageBox, "information", lambda *args: None)
    with Store.open(demo_window.data_dir) as store:
        dialog = settings_dialog.SettingsDialog(store, load_packs(), demo_window.data_dir)
        dialog.pick_folder()
        dialog.accept()
    assert data_dir() == target
    with Store.open(target) as moved:
        assert moved.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 14


def test_a_painted_cell_gets_from_the_one_call_for_all_roles_what_each_role_gives_on_its_own(demo_window):
    """The delegates ask the model for every role at once (multiData); it must answer as data() does."""
    model, delegate = demo_window.model, QStyledItemDelegate()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == (index.data() or "")
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            if background is not None:
                assert option.backgroundBrush.color() == background.color()
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)
            if foreground is not None:
                assert option.palette.text().color() == foreground.color()
