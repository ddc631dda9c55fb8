"""Clocks that need checking (需要核对) in the real window: counted, listed right after the overdue ones, styled
apart, explained in the detail pane, and never a crash for want of a due or a start time.

The window opens the demo store with one more order export in it (tests/clocks.py): the engine makes three
clocks to check, the demo's stall that no rule covers and two ship clocks."""

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from shopguard.core.demo import DEMO_AS_OF
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.ui import app as app_module
from shopguard.ui.app import create_window, prepare_demo_store
from shopguard.ui.deadline_model import COLUMN_LEFT, COLUMN_NOTE, COLUMN_STATUS, COLUMNS, URGENCY_STYLE
from tests.clocks import (
    CONTRADICTION,
    CONTRADICTION_ORDER,
    NO_RULE,
    NO_RULE_ORDER,
    NO_START,
    NO_START_ORDER,
    NO_START_PRODUCT,
    write_orders_to_check,
)
from tests.ui.helpers import on_screen, shown_deadlines

COLUMN_DUE = 4
CHECK_ROW = 2  # the side list: 全部, 已超时, 需要核对, ...
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture
def moment():
    return [DEMO_AS_OF]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, moment):
    """The demo window at `moment`; its store also holds the order export with two ship clocks to check."""
    with Store.open(prepare_demo_store(tmp_path / "data")) as store:
        import_into_store(store, [write_orders_to_check(tmp_path / "exports")], backups_kept=0)
    monkeypatch.setattr(app_module, "demo_clock", lambda: lambda: moment[0])
    return on_screen(qtbot, create_window(tmp_path / "data", demo=True))


def row_of(window, order_id, kind):
    return next(r for r, d in enumerate(shown_deadlines(window)) if d.order_id == order_id and d.kind == kind)


TO_CHECK = {(CONTRADICTION_ORDER, "ship"), (NO_RULE_ORDER, "transit"), (NO_START_ORDER, "ship")}


def test_the_bucket_list_counts_them_right_after_the_overdue_ones(window):
    labels = [window.bucket_list.item(row).text() for row in range(window.bucket_list.count())]
    assert labels == [
        "全部  41", "已超时  4", "需要核对  3", "6小时内  1", "24小时内  2", "24小时后  4", "已处理  0",
        "已完成/豁免  27",
        "需要报备？  8",  # 5 overdue or due within 24 h, and the 3 to check: all are ship/logistics clocks
    ]  # fmt: skip
    assert not any(LATIN.search(label) for label in labels)  # the Chinese window shows no English
    statuses = [d.status for d in shown_deadlines(window)]
    assert statuses[:8] == ["overdue"] * 4 + ["unknown"] * 3 + ["pending"]  # right after the overdue ones
    assert {(d.order_id, d.kind) for d in shown_deadlines(window)[4:7]} == TO_CHECK


def test_the_bucket_shows_exactly_them_with_status_countdown_and_explanation(window):
    window.bucket_list.setCurrentRow(CHECK_ROW)
    assert window.bucket_list.currentItem().text() == "需要核对  3"
    assert {(d.order_id, d.kind) for d in shown_deadlines(window)} == TO_CHECK
    ship = row_of(window, NO_START_ORDER, "ship")
    cells = [window.model.index(ship, column).data() for column in range(len(COLUMNS))]
    assert cells[COLUMN_LEFT] == "需要核对"
    assert cells[COLUMN_STATUS] == "? 需要核对"
    assert cells[COLUMN_DUE] == "—"  # no due time: said so, not an empty or made-up time
    assert cells[3] == "发货" and cells[0] == NO_START_ORDER
    assert window.model.index(ship, COLUMN_STATUS).data(Qt.ItemDataRole.ToolTipRole) == NO_START
    assert window.model.index(ship, COLUMN_LEFT).data(Qt.ItemDataRole.ToolTipRole) == NO_START
    stall = row_of(window, NO_RULE_ORDER, "transit")
    cells = [window.model.index(stall, column).data() for column in range(len(COLUMNS))]
    assert (cells[2], cells[3], cells[COLUMN_DUE], cells[COLUMN_LEFT]) == ("43100000000009", "中转", "—", "需要核对")
    assert window.model.index(stall, COLUMN_STATUS).data(Qt.ItemDataRole.ToolTipRole) == NO_RULE
    contradiction = row_of(window, CONTRADICTION_ORDER, "ship")
    assert window.model.index(contradiction, COLUMN_DUE).data() == "2023-11-12 20:00:00"  # a due known, its outcome not
    assert window.model.index(contradiction, COLUMN_LEFT).data() == "需要核对"
    assert window.model.index(contradiction, COLUMN_STATUS).data(Qt.ItemDataRole.ToolTipRole).startswith(CONTRADICTION)
    assert "显示 3 / 41 个时钟" in window.status.text()


def test_their_colour_and_symbol_differ_from_every_other_urgency(window):
    symbol, background, foreground = URGENCY_STYLE["unknown"]
    others = [style for key, style in URGENCY_STYLE.items() if key != "unknown"]
    assert symbol not in {style[0] for style in others}
    assert background not in {style[1] for style in others} and foreground not in {style[2] for style in others}
    for order_id, kind in TO_CHECK:
        row = row_of(window, order_id, kind)
        painted = window.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color()
        assert painted == QColor(background)
        assert window.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color() == QColor(foreground)


def test_the_detail_pane_leads_with_what_to_check(window):
    window.table.selectRow(row_of(window, NO_START_ORDER, "ship"))
    text = window.detail.browser.toPlainText()
    assert f"订单 {NO_START_ORDER}" in text
    assert NO_START in text
    assert "发货 — 需要核对" in text and "截止 —" in text
    assert "怎么做" in text and "抖店后台 → 订单 → 订单管理 → 待发货" in text
    assert text.index("无法计算") < text.index("开始")  # the explanation before the times and the rule
    window.table.selectRow(row_of(window, CONTRADICTION_ORDER, "ship"))
    text = window.detail.browser.toPlainText()
    assert CONTRADICTION in text and "截止 2023-11-12 20:00:00" in text
    window.table.selectRow(row_of(window, NO_RULE_ORDER, "transit"))
    text = window.detail.browser.toPlainText()
    assert NO_RULE in text and "中转 43100000000009 — 需要核对" in text
    assert "按时完成" in text  # the order's other clocks are still shown with their own status


def test_tick_sorting_filtering_and_rebucketing_leave_them_alone(window, moment):
    model = window.model
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    moment[0] = DEMO_AS_OF + timedelta(hours=5)  # time passes: the 14:00 ship-by runs out
    window.tick()
    assert model.index(row_of(window, NO_START_ORDER, "ship"), COLUMN_LEFT).data() == "需要核对"
    window.rebucket()
    assert window.bucket_list.item(1).text() == "已超时  5"
    assert window.bucket_list.item(CHECK_ROW).text() == "需要核对  3"
    for column in range(len(COLUMNS)):  # every column, both ways
        window.sort_by(column)
        window.sort_by(column)
        assert model.rowCount() == 41
        assert model.index(row_of(window, NO_START_ORDER, "ship"), COLUMN_LEFT).data() == "需要核对"
    window.sort_by(COLUMN_DUE)  # ascending by due time: those without one (exempt, or to check) come last
    without_due = shown_deadlines(window)[-5:]
    assert all(d.due is None for d in without_due) and shown_deadlines(window)[-6].due is not None
    assert {(NO_START_ORDER, "unknown"), (NO_RULE_ORDER, "unknown")} <= {(d.order_id, d.status) for d in without_due}
    window.search.setText(NO_START_PRODUCT)
    assert [d.status for d in shown_deadlines(window)] == ["unknown"]
    window.search.setText("")
    window.kind_box.setCurrentIndex(window.kind_box.findData("transit"))
    assert "unknown" in {d.status for d in shown_deadlines(window)}
    window.kind_box.setCurrentIndex(0)
    window.bucket_list.setCurrentRow(window.bucket_list.count() - 1)  # 需要报备？
    assert {(d.order_id, d.kind) for d in shown_deadlines(window) if d.status == "unknown"} == TO_CHECK
    assert tester is not None


def test_a_clock_without_a_start_time_shows_too(window):
    """The engine leaves `start` empty when the export gives no time to start from: nothing breaks."""
    ship = next(d for d in window.index.deadlines if d.order_id == NO_START_ORDER and d.kind == "ship")
    assert (ship.start, ship.due, ship.status) == (None, None, "unknown")
    window.sort_by(0)
    row = row_of(window, NO_START_ORDER, "ship")
    window.table.selectRow(row)
    lines = window.detail.browser.toPlainText().splitlines()
    assert "开始 — · 截止 — · 完成 —" in lines
    assert "规则：无法计算" in lines  # no empty "()" where the reference of a rule would be
    assert window.model.index(row, COLUMN_STATUS).data() == "? 需要核对"
    window.table.selectRow(row_of(window, NO_RULE_ORDER, "transit"))  # a start, but no rule to reckon from
    assert "开始 2023-10-30 08:00:00 · 截止 — · 完成 —" in window.detail.browser.toPlainText().splitlines()


def test_marking_one_handled_moves_it_from_the_check_bucket_to_handled_never_out_of_the_list(window):
    window.bucket_list.setCurrentRow(CHECK_ROW)
    window.table.selectRow(row_of(window, NO_START_ORDER, "ship"))
    window.detail.handled_button.click()
    assert window.model.rowCount() == 2
    assert window.bucket_list.item(CHECK_ROW).text() == "需要核对  2"
    handled_row = next(
        r for r in range(window.bucket_list.count()) if window.bucket_list.item(r).text().startswith("已处理")
    )
    assert window.bucket_list.item(handled_row).text() == "已处理  1"
    window.bucket_list.setCurrentRow(handled_row)
    row = row_of(window, NO_START_ORDER, "ship")
    assert window.model.index(row, COLUMN_NOTE).data().startswith("【已处理】")
