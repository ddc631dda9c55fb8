"""What a shop owner sees on a small screen and in the words of the order pane: the side list fits its width
with a large store's counts, and amounts read as the table writes them."""

import threading
from dataclasses import replace
from decimal import Decimal

from PySide6.QtWidgets import QListWidget, QStyleOptionViewItem

from shopguard.core.deadlines.engine import MET_IN_TIME
from shopguard.core.triage.buckets import OPEN, TODO_GROUPS
from shopguard.core.triage.filter import GroupSummary
from shopguard.ui import side_counts, side_list, window_fit
from shopguard.ui.app import create_window
from shopguard.ui.deadline_model import COLUMNS, money_text
from shopguard.ui.labels import yuan, yuan_short
from shopguard.ui.pack_editor import PackEditor
from shopguard.ui.table_sort import pinyin_key


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
    monkeypatch.setattr(side_counts, "summarise", lambda index, criteria: large)
    window.counts = side_counts.SideCounts()  # counted anew below, with the large numbers
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
    assert done.text() == "已完成/豁免  138603\n  ¥123.5万"  # the amount in 万, under the count
    assert done.toolTip() == "已完成/豁免  138603\n可能扣款 ¥1,234,567.00"  # exact, and what it is, for the mouse
    # Wide enough for the amount, not for the name and count (the fonts differ between platforms):
    metrics = side.fontMetrics()
    room = metrics.horizontalAdvance("  ¥123.5万") + 16
    assert metrics.horizontalAdvance("已完成/豁免  138603") > room
    side.resize(room + side.frameWidth() * 2, 400)
    qtbot.wait(50)
    assert not side.horizontalScrollBar().isVisible()
    shown = painted_lines(side, done)
    assert shown[1] == "  ¥123.5万"  # the amount never shortened away by a long first line
    assert shown[0].endswith("…") and "已完成/豁免  138603".startswith(shown[0][:-1])
    everything = side.item(0)
    everything.setText("全部  200000\n  ¥1,234,567,890,123.00万")  # longer than the list is wide: shortened
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


def test_side_list_counts_come_with_the_list_and_are_counted_again_only_when_what_they_count_changed(
    qtbot, tmp_path, monkeypatch
):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    threads = []
    real = side_counts.summarise
    monkeypatch.setattr(side_counts, "summarise", lambda *a: (threads.append(threading.current_thread()), real(*a))[1])
    window.refresh()  # computed on the worker, counts with it
    shown = window.sync.shown
    qtbot.waitUntil(lambda: window.sync.shown >= shown and not window.sync.loading, timeout=10_000)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    threads.clear()
    for row in range(window.bucket_list.count()):  # clicks in the side list: the same counts
        window.bucket_list.setCurrentRow(row)
    assert threads == []
    assert window.bucket_list.item(0).text().startswith("全部  39")
    window.kind_box.setCurrentIndex(window.kind_box.findData("ship"))  # a filter: counted again
    assert len(threads) == 1
    ship = sum(1 for d in window.index.deadlines if d.kind == "ship")
    assert window.bucket_list.item(0).text().startswith(f"全部  {ship}")
    window.bucket_list.setCurrentRow(0)
    overdue = next(d for d in window.index.deadlines if d.kind == "ship" and d.status == "overdue")
    before = window.counts.summary(window.index, window.current_filter()).counts.get("handled", 0)
    window.set_handled(overdue.order_id, True)  # the groups changed: counted again, and right
    after = window.counts.summary(window.index, window.current_filter()).counts.get("handled", 0)
    assert after == before + sum(1 for d in window.by_order[overdue.order_id] if d.kind == "ship" and d.status in OPEN)
    assert window.bucket_list.item(6).text().startswith(f"已处理  {after}")


def test_sorting_again_after_a_filter_uses_the_kept_order_and_gives_what_sorting_directly_gives(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    sorting, index = window.sorting, window.index
    everything = list(range(len(index.deadlines)))
    some = everything[::3]
    for column in range(len(COLUMNS)):
        for descending in (False, True):
            sorting.column = (column, descending)
            direct = sorting._by_column(list(some), index, (column, descending), pinyin_key())
            sorting.order(everything, index)  # the whole list: its order kept
            assert (column, descending) in sorting.ranks._ranks
            assert sorting.order(list(some), index) == direct, COLUMNS[column][0]
    note_column = [key for key, _ in COLUMNS].index("note")
    sorting.column = (note_column, False)
    sorting.order(everything, index)
    last = window.model.deadline_at(0).order_id
    window.add_note(last, "阿")  # sorts first in pinyin: the kept order is not used any more
    first_rows = sorting.order(everything, index)
    assert index.deadlines[first_rows[0]].note == "阿"
    window.set_handled(last, True)  # new groups: every kept order starts over
    assert sorting.ranks._made_from[1] is index.buckets  # kept orders made from the new groups


def test_the_side_list_is_widened_for_a_large_stores_counts_but_never_pushes_a_column_out_of_view(qtbot):
    side = QListWidget()
    side_list.fit_side_list(side)
    for text in ("全部  225238\n  ¥436.7万", "已完成/豁免  138603", "需要报备？  86635"):
        side.addItem(text)
    qtbot.addWidget(side)
    wanted = side_list.wanted_width(side)
    longest = side.fontMetrics().horizontalAdvance("已完成/豁免  138603")
    assert longest + side_list.TEXT_MARGINS < wanted < 200
    # 1366 wide: room to spare in the table (least 700): the table gives it, the pane keeps its width.
    assert window_fit.widened_side([70, 966, 330], wanted, 200, 700, 300) == [wanted, 1036 - wanted, 330]
    # 1280 wide (1920 at 150 %): the table is at its least already: the pane gives way, down to its least
    # (250), or as far as that allows (300).
    assert window_fit.widened_side([70, 880, 330], wanted, 200, 880, 250) == [wanted, 880, 400 - wanted]
    assert window_fit.widened_side([70, 880, 330], wanted, 200, 880, 300) == [100, 880, 300]
    # No room left at all: the side list stays as it is; wide enough already, or smaller counts: never narrowed.
    assert window_fit.widened_side([70, 900, 300], wanted, 200, 900, 300) is None
    assert window_fit.widened_side([150, 816, 330], 90, 200, 700, 300) is None
    assert window_fit.widened_side([70, 966, 330], 500, 200, 700, 300)[0] == 200  # at most its maximum


def test_money_in_the_side_list_reads_in_wan_from_100000_yuan():
    assert [yuan_short(Decimal(text)) for text in ("8000.00", "99999.99", "100000", "4367123.45", "-250000")] == [
        "¥8,000.00", "¥99,999.99", "¥10.0万", "¥436.7万", "¥-25.0万",
    ]  # fmt: skip
