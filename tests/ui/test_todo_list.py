"""The window as a to-do list (real window on the demo's real store file): corrections with a confirmation and
an undo, a detail pane that follows the list, the 已处理 group, counts that follow the filters, sorting, the
right-click menu and the keyboard."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from shopguard.core.clock import BEIJING
from shopguard.core.store import annotate
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.snapshot import load_snapshot
from shopguard.ui.app import create_window
from shopguard.ui.deadline_model import COLUMN_NOTE, COLUMN_STATUS, COLUMNS, HANDLED_COLOUR
from shopguard.ui.main_window import MainWindow
from tests.exports import order_row, write_csv
from tests.ui.helpers import ORDER, Dialogs, shown_deadlines

PICKUP_ORDER = "6917880231000000551"  # its parcel was never scanned in: the pickup clock is overdue
SHIP_ORDER = "6917880231000000151"  # overdue ship clock
COLUMN_STATUS_SORT = next(i for i, (name, _) in enumerate(COLUMNS) if name == "status")
COLUMN_PRODUCT = next(i for i, (name, _) in enumerate(COLUMNS) if name == "product")


@pytest.fixture
def window(demo_window):
    return demo_window


def row_of(window, order_id, kind=None):
    return next(r for r, d in enumerate(shown_deadlines(window)) if d.order_id == order_id and kind in (None, d.kind))


def labels(window) -> dict[str, str]:
    """Side list: group name -> what follows it."""
    items = [window.bucket_list.item(r).text() for r in range(window.bucket_list.count())]
    return {text.split("  ")[0]: text.split("  ", 1)[1] for text in items}


def group_row(window, name) -> int:
    return next(r for r in range(window.bucket_list.count()) if window.bucket_list.item(r).text().startswith(name))


def demo_store(window):
    return Store.open(window.data_dir)


# --- 手动更正时间 -------------------------------------------------------------------------------------------------
def test_the_correction_starts_empty_and_needs_a_selection_and_a_time(window):
    detail = window.detail
    assert detail.order_id is None and not detail.correct_button.isEnabled()
    window.table.selectRow(row_of(window, PICKUP_ORDER, "pickup"))
    assert detail.time_edit.text() == "" and not detail.correct_button.isEnabled()  # no pre-filled "now"
    detail.time_edit.setText("2023-11-10 12:00")
    assert detail.correct_button.isEnabled()
    window.table.selectRow(row_of(window, SHIP_ORDER))  # another order: what was typed for the first goes
    assert detail.time_edit.text() == "" and not detail.correct_button.isEnabled()


def test_a_time_that_is_not_a_time_is_told_in_the_pane(window, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    window.table.selectRow(row_of(window, PICKUP_ORDER, "pickup"))
    window.detail.time_edit.setText("昨天下午")
    window.detail.correct_button.click()
    assert dialogs.shown == [] and "「昨天下午」不是时间" in window.detail.time_problem.text()


def test_a_correction_shows_before_and_after_is_marked_and_can_be_undone(window, qtbot, monkeypatch):
    window.table.selectRow(row_of(window, PICKUP_ORDER, "pickup"))
    detail = window.detail
    detail.kind_box.setCurrentIndex(detail.kind_box.findData("pickup"))
    detail.time_edit.setText("2023-11-10 12:00:00")
    dialogs = Dialogs(monkeypatch, "取消")
    detail.correct_button.click()
    (asked,) = dialogs.shown
    assert f"把订单 {PICKUP_ORDER} 的揽收时间更正为 2023-11-10 12:00:00？" in asked
    assert "揽收 YT7300000000005：截止 2023-11-11 09:00:00（已超时） → 2023-11-11 09:00:00（按时完成）" in asked
    with demo_store(window) as store:
        assert annotate.load_corrections(store) == []  # cancelled: nothing saved
    dialogs.answers.append("更正")
    detail.correct_button.click()
    qtbot.waitUntil(lambda: next(d for d in window.by_order[PICKUP_ORDER] if d.kind == "pickup").status == "met")
    row = row_of(window, PICKUP_ORDER, "pickup")
    assert window.model.index(row, COLUMN_STATUS).data() == "✓ 按时完成 ✎"
    assert "【已更正】" in window.model.index(row, COLUMN_NOTE).data()
    assert "手动更正：揽收时间" in window.model.index(row, COLUMN_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    window.table.selectRow(row)
    assert detail.order_id == PICKUP_ORDER and detail.undo_button.isVisibleTo(window)
    assert detail.undo_box.currentText().startswith("手动更正：揽收时间（YT7300000000005） 2023-11-10 12:00:00")
    detail.undo_button.click()  # 撤销更正
    qtbot.waitUntil(lambda: next(d for d in window.by_order[PICKUP_ORDER] if d.kind == "pickup").status == "overdue")
    with demo_store(window) as store:
        assert annotate.load_corrections(store) == []
    assert window.model.index(row_of(window, PICKUP_ORDER, "pickup"), COLUMN_STATUS).data() == "● 已超时"
    assert not detail.undo_button.isVisibleTo(window)


# --- the detail pane matches the table ----------------------------------------------------------------------------
def test_the_detail_pane_follows_the_list_and_every_recalculation(window, qtbot):
    window.table.selectRow(row_of(window, SHIP_ORDER))
    assert window.detail.order_id == SHIP_ORDER
    window.search.setText(PICKUP_ORDER)  # the order shown leaves the list: the pane clears
    assert window.detail.order_id is None and "选择一行" in window.detail.browser.toPlainText()
    window.search.clear()
    window.table.selectRow(row_of(window, SHIP_ORDER))
    window.sort_by(0)  # another order of the same list: the pane follows its order
    assert window.detail.order_id == SHIP_ORDER
    assert window.model.deadline_at(window.table.currentIndex().row()).order_id == SHIP_ORDER
    with Store.open(window.data_dir) as store:  # written by something else (a command, a filing)
        annotate.add_note(store, SHIP_ORDER, "仓库说下午发")
    window.refresh()  # a recalculation (as after a filing is approved, or the settings)
    qtbot.waitUntil(lambda: "仓库说下午发" in window.detail.browser.toPlainText())
    assert window.detail.order_id == SHIP_ORDER


# --- 已处理, counts that follow the filters, no match ---------------------------------------------------------------
def test_handled_leaves_the_open_groups_for_its_own_dimmed_group(window):
    before = labels(window)
    assert before["已超时"] == "4" and before["已处理"] == "0"
    window.table.selectRow(row_of(window, SHIP_ORDER))
    window.detail.handled_button.click()
    after = labels(window)
    assert after["已超时"] == "3" and after["已处理"] == "1" and after["全部"] == "39"
    assert after["需要报备？"] == str(int(before["需要报备？"]) - 1)
    window.bucket_list.setCurrentRow(group_row(window, "已超时"))
    assert SHIP_ORDER not in {d.order_id for d in shown_deadlines(window) if d.kind == "ship"}
    window.bucket_list.setCurrentRow(group_row(window, "已处理"))
    (handled,) = shown_deadlines(window)
    assert (handled.order_id, handled.kind) == (SHIP_ORDER, "ship")
    colour = window.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == HANDLED_COLOUR  # dimmed
    window.bucket_list.setCurrentRow(0)  # 全部: after every open clock
    statuses = [(d.handled, d.status) for d in shown_deadlines(window)]
    first_handled = statuses.index((True, "overdue"))
    assert all(status in ("overdue", "pending", "unknown") for _, status in statuses[:first_handled])
    with Store.open(window.data_dir) as store:
        assert SHIP_ORDER in load_snapshot(store).handled


def test_counts_follow_the_filters_and_a_search_without_a_match_says_so(window, qtbot):
    window.kind_box.setCurrentIndex(window.kind_box.findData("pickup"))
    pickups = [d for d in window.index.deadlines if d.kind == "pickup"]
    assert labels(window)["全部"] == str(len(pickups))
    assert labels(window)["已超时"] == str(sum(d.status == "overdue" for d in pickups))
    window.search.setText("没有这个订单")
    assert window.model.rowCount() == 0 and labels(window)["全部"] == "0"
    assert window.no_match.isVisibleTo(window)
    assert "没有与「没有这个订单」匹配的时钟" in window.no_match_text.text()
    qtbot.mouseClick(
        next(b for b in window.no_match.findChildren(type(window.cancel_button))), Qt.MouseButton.LeftButton
    )
    assert window.search.text() == "" and window.kind_box.currentIndex() == 0
    assert window.model.rowCount() == 39 and not window.no_match.isVisibleTo(window)


# --- sorting --------------------------------------------------------------------------------------------------------
def test_sorting_by_status_follows_urgency_and_by_product_in_pinyin(window):
    window.sort_by(COLUMN_STATUS_SORT)
    order = ["overdue", "unknown", "pending", "missed", "met", "exempt"]
    ranks = [order.index(d.status) for d in shown_deadlines(window)]
    assert ranks[:5] == [0, 0, 0, 0, 1] and 2 in ranks
    pending = [d.due for d in shown_deadlines(window) if d.status == "pending"]
    assert pending == sorted(pending)  # the sooner due first
    assert ranks.index(2) < min(ranks.index(3) if 3 in ranks else 99, ranks.index(4))
    window.sort_by(COLUMN_PRODUCT)
    products = list(dict.fromkeys(d.product for d in shown_deadlines(window) if d.product))
    assert products == [
        "保暖内衣套装",
        "儿童卫衣 加绒",
        "复古台灯",
        "加厚珊瑚绒睡衣 女款-冬季",
        "加湿器 静音",
        "蓝牙耳机",
        "棉拖鞋 男女同款",
        "手机支架",
        "陶瓷马克杯 情侣款",
        "袜子 5双装",
        "羊毛围巾,双面 加长款",
        "智能保温杯 500ml",
    ]  # fmt: skip  (bao, er, fu, jia hou, jia shi, lan, mian, shou, tao, wa, yang, zhi)


def test_one_click_back_to_most_urgent_and_the_arrow_is_true_after_a_restart(qtbot, window, tmp_path):
    urgent = [(d.order_id, d.kind) for d in shown_deadlines(window)]
    window.sort_by(COLUMN_PRODUCT)
    assert window.sorting.urgent_button.isVisibleTo(window)
    window.sorting.urgent_button.click()
    assert [(d.order_id, d.kind) for d in shown_deadlines(window)] == urgent
    assert window.table.horizontalHeader().sortIndicatorSection() in (-1, len(COLUMNS))  # no arrow
    window.sort_by(COLUMN_PRODUCT)
    window.sort_by(COLUMN_PRODUCT)  # descending
    by_product = [(d.order_id, d.kind) for d in shown_deadlines(window)]
    window.close()
    again = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(again)
    header = again.table.horizontalHeader()
    assert header.sortIndicatorSection() == COLUMN_PRODUCT
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert [(d.order_id, d.kind) for d in shown_deadlines(again)] == by_product


# --- right-click menu and keys ----------------------------------------------------------------------------------------
def select_rows(window, *row_numbers):
    window.table.clearSelection()
    model = window.table.selectionModel()
    for row in row_numbers:
        model.select(window.model.index(row, 0), model.SelectionFlag.Select | model.SelectionFlag.Rows)


def test_the_right_click_menu_copies_marks_notes_and_files_for_several_orders(window, monkeypatch):
    first, second = row_of(window, PICKUP_ORDER, "pickup"), row_of(window, SHIP_ORDER)
    select_rows(window, first, second)
    menu = window.table_menu.build()
    actions = {action.text(): action for action in menu.actions() if action.text()}
    assert list(actions) == ["复制订单号", "复制物流单号", "标记为已处理（2 个订单）", "添加备注…", "报备…（2 个订单）"]
    actions["复制订单号"].trigger()
    assert QGuiApplication.clipboard().text().splitlines() == [PICKUP_ORDER, SHIP_ORDER]
    actions["复制物流单号"].trigger()
    assert QGuiApplication.clipboard().text() == "YT7300000000005"  # the ship clock has no parcel yet
    filed = []
    monkeypatch.setattr(window, "open_filing", lambda orders: filed.append(orders))
    window.table_menu.file_for = window.open_filing
    window.table_menu.build().actions()[-1].trigger()
    assert filed == [[PICKUP_ORDER, SHIP_ORDER]]
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("两单都已催网点", True))
    next(a for a in window.table_menu.build().actions() if a.text() == "添加备注…").trigger()
    next(a for a in window.table_menu.build().actions() if a.text().startswith("标记为已处理")).trigger()
    with Store.open(window.data_dir) as store:
        snapshot = load_snapshot(store)
    assert {PICKUP_ORDER, SHIP_ORDER} <= snapshot.handled
    assert snapshot.notes[PICKUP_ORDER] == snapshot.notes[SHIP_ORDER] == "两单都已催网点"
    assert labels(window)["已处理"] == "2"


def test_a_right_click_outside_the_selection_acts_on_that_row(window, monkeypatch):
    popped = []
    monkeypatch.setattr(type(window.table_menu.build()), "popup", lambda menu, *args: popped.append(menu))
    window.table.selectRow(0)
    row = row_of(window, SHIP_ORDER)
    position = window.table.visualRect(window.model.index(row, 0)).center()
    window.table.customContextMenuRequested.emit(position)
    assert popped and window.table_menu.selected()[0].order_id == SHIP_ORDER


def test_ctrl_f_double_click_and_enter(window, qtbot, monkeypatch):
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search
    dialogs = Dialogs(monkeypatch)
    window.table.setFocus()
    window.table.selectRow(row_of(window, PICKUP_ORDER, "pickup"))
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(window.table, key)
    assert dialogs.shown == [] and QApplication.activeModalWidget() is None  # Enter opens nothing
    window.splitter.setSizes([130, 1230, 0])  # the merchant dragged the pane shut
    window.table.clearSelection()
    row = row_of(window, SHIP_ORDER)
    centre = window.table.visualRect(window.model.index(row, 1)).center()
    window.table.selectRow(row_of(window, PICKUP_ORDER, "pickup"))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # as a real double-click:
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # press, then the 2nd press
    assert window.detail.order_id == SHIP_ORDER and window.splitter.sizes()[2] > 0


def test_a_correction_that_cannot_be_made_is_told_before_anything_is_asked(window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append((title, text)))
    dialogs = Dialogs(monkeypatch)
    window.table.selectRow(row_of(window, SHIP_ORDER))  # not shipped: no parcel whose pickup could be corrected
    window.detail.kind_box.setCurrentIndex(window.detail.kind_box.findData("pickup"))
    window.detail.time_edit.setText("2023-11-12 08:00")
    window.detail.correct_button.click()
    assert told == [("无法更正时间", f"订单 {SHIP_ORDER} 没有物流单号，无法更正揽收时间")]
    assert dialogs.shown == []  # no confirmation for a correction that cannot be saved


def test_an_order_with_two_parcels_is_corrected_on_the_parcel_of_the_selected_row(qtbot, tmp_path, monkeypatch):
    packages = (
        "773012345678904-申通快递,卫衣-3788410999938351943,1;773012345678911-申通快递,卫衣-3788410999938351943,1;"
    )
    row = order_row(paid="2026-11-25 09:00:00", shipped="2026-11-25 18:00:00", status="已发货", packages=packages)
    data = tmp_path / "data"
    with Store.open(data) as store:
        import_into_store(store, [write_csv(tmp_path / "1764000000_订单导出.csv", [row])], backups_kept=0)
    window = MainWindow(data, lambda: datetime(2026, 11, 27, 12, tzinfo=BEIJING))
    qtbot.addWidget(window)
    window.reload()
    window.table.selectRow(row_of(window, ORDER, "pickup") + 1)  # the second parcel's pickup clock
    second = window.model.deadline_at(window.table.currentIndex().row())
    assert (second.kind, second.tracking_no) == ("pickup", "773012345678911")
    window.detail.kind_box.setCurrentIndex(window.detail.kind_box.findData("pickup"))
    window.detail.time_edit.setText("2026-11-26 08:00")
    dialogs = Dialogs(monkeypatch, "更正")
    window.detail.correct_button.click()
    assert "揽收 773012345678911：截止" in dialogs.shown[0] and "（按时完成）" in dialogs.shown[0]
    with Store.open(data) as store:
        (correction,) = annotate.load_corrections(store)
    assert (correction.kind.name, correction.target) == ("pickup", "773012345678911")
