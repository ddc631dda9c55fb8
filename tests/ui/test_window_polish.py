"""What a shop owner sees on a small screen and in the words of the order pane: the side list fits its width
with a large store's counts, and amounts read as the table writes them."""

from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import QStyleOptionViewItem

from shopguard.core.deadlines.engine import MET_IN_TIME
from shopguard.core.triage.buckets import TODO_GROUPS
from shopguard.core.triage.filter import GroupSummary
from shopguard.ui import main_window as main_window_module
from shopguard.ui.app import create_window
from shopguard.ui.deadline_model import COLUMNS, money_text
from shopguard.ui.labels import yuan
from shopguard.ui.pack_editor import PackEditor


def test_the_side_list_never_scrolls_sideways_with_a_large_stores_counts_and_says_them_whole_in_a_tooltip(
    qtbot, tmp_path, monkeypatch
):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    window.resize(1280, 690)
    window.show()
    qtbot.waitExposed(window)
    large = GroupSummary(
        counts={key: 138603 for key in TODO_GROUPS},
        money={key: Decimal("1234567.00") for key in TODO_GROUPS},
        needs_filing=65432,
        total=200000,
    )
    monkeypatch.setattr(main_window_module, "summarise", lambda index, criteria: large)
    window.apply_filter()
    side = window.bucket_list
    # On its own, at the width it opens with at 1280 wide (this test's screen is smaller than the window).
    side.setParent(None)
    qtbot.addWidget(side)
    side.resize(120, 400)
    side.show()
    qtbot.wait(50)
    widest = max(side.visualItemRect(side.item(row)).width() for row in range(side.count()))
    assert widest <= side.viewport().width()
    assert not side.horizontalScrollBar().isVisible()
    done = next(side.item(row) for row in range(side.count()) if side.item(row).data(256) == "closed")
    assert done.text() == "已完成/豁免  138603\n  ¥1,234,567.00"  # the amount whole, under the count
    assert done.toolTip() == "已完成/豁免  138603\n可能扣款 ¥1,234,567.00"  # and what it is, for the mouse
    # Wide enough for the amount, not for the name and count (the fonts differ between platforms):
    metrics = side.fontMetrics()
    room = metrics.horizontalAdvance("  ¥1,234,567.00") + 16
    assert metrics.horizontalAdvance("已完成/豁免  138603") > room
    side.resize(room + side.frameWidth() * 2, 400)
    qtbot.wait(50)
    assert not side.horizontalScrollBar().isVisible()
    shown = painted_lines(side, done)
    assert shown[1] == "  ¥1,234,567.00"  # the amount never shortened away by a long first line
    assert shown[0].endswith("…") and "已完成/豁免  138603".startswith(shown[0][:-1])
    everything = side.item(0)
    everything.setText("全部  200000\n  ¥1,234,567,890,123.00")  # longer than the list is wide: shortened
    assert side.fontMetrics().horizontalAdvance(everything.text().splitlines()[-1]) > side.viewport().width()
    qtbot.wait(50)
    assert side.visualItemRect(everything).width() <= side.viewport().width()
    assert not side.horizontalScrollBar().isVisible()
    assert painted_lines(side, everything)[1].endswith("…")
    needs = window.needs_filing_item
    assert "65432" in needs.text()
    assert needs.toolTip().endswith(needs.text()) and "\n" in needs.toolTip()  # its explanation, then its text


def painted_lines(side, item) -> list[str]:
    """The lines the side list paints for an entry, as its delegate prepares them."""
    option = QStyleOptionViewItem()
    option.initFrom(side)
    option.rect = side.visualItemRect(item)
    side.itemDelegate().initStyleOption(option, side.indexFromItem(item))
    assert option.rect.height() >= 2 * option.fontMetrics.height() + 4  # room for both lines
    return option.text.split("\u2028")


def test_amounts_read_with_thousands_separators_in_the_table_and_the_order_pane(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    late = next(d for d in window.index.deadlines if d.status == "overdue")
    big = replace(late, money_at_risk="8000.00", money_incurred="1036.50", money_basis="按扣款表：实付的 25%")
    assert money_text(big) == "¥8,000.00（已产生 ¥1,036.50）"
    window.detail.show_order(big.order_id, [big], window.clock())
    text = window.detail.browser.toPlainText()
    assert "可能扣款：¥8,000.00（其中 ¥1,036.50 已产生，将被扣除）" in text
    assert yuan("138603.5") == "¥138,603.5" and yuan(Decimal("1234567.00")) == "¥1,234,567.00"
    assert big.money_at_risk == "8000.00"  # the stored and JSON form stays without separators


def test_clocks_met_in_time_leave_the_money_column_empty_and_the_order_pane_says_why(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    column = [key for key, _ in COLUMNS].index("money_at_risk")
    model = window.model
    met = [row for row in range(model.rowCount()) if model.deadline_at(row).money_basis == MET_IN_TIME]
    late = [row for row in range(model.rowCount()) if model.deadline_at(row).status == "overdue"]
    assert met and late
    assert {model.index(row, column).data() for row in met} == {""}  # calm: nothing to pay, nothing written
    assert any(model.index(row, column).data() for row in late)  # the amounts that matter stand out
    window.table.selectRow(met[0])
    assert "按时完成，不扣款" in window.detail.browser.toPlainText()  # the pane still explains the empty cell


def test_the_promo_editors_limit_reads_48_not_48_00(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    editor = PackEditor(window.data_dir, [], window.clock, parent=window)
    qtbot.addWidget(editor)
    box = editor.rules.cellWidget(0, 1) if editor.rules.rowCount() else None
    if box is None:
        editor.add_rule()
        box = editor.rules.cellWidget(0, 1)
    assert box.text() == "48"
    box.setValue(1.5)
    assert box.text() == "1.5"
    box.lineEdit().setText("36.25")
    box.interpretText()
    assert box.value() == 36.25 and box.text() == "36.25"
