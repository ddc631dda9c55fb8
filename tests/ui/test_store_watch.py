"""What a `shopguard` command writes while the window is open shows in the window, without a manual refresh;
what the window writes itself, or a command that only reads, does not make it load everything again."""

from PySide6.QtCore import QEvent

from shopguard.core.store.database import Store
from shopguard.ui import store_sync
from shopguard.ui.app import create_window
from tests.exports import order_row
from tests.processes import run
from tests.ui.helpers import ORDER, SECOND_ORDER, import_with_the_command

PICKED_UP = 10_000  # ms: the window looks every 2 s; a command process takes about a second to start


def window_on(qtbot, data):
    window = create_window(data)
    qtbot.addWidget(window)
    window.show()
    return window


def count_loads(window, monkeypatch) -> list:
    """Every triage the window shows from now on."""
    shown = []
    real = window.show_result
    monkeypatch.setattr(window, "show_result", lambda *args: (shown.append(args), real(*args)))
    return shown


def look_and_settle(qtbot, window) -> None:
    """One look at the store now (as the timer does), and whatever load it starts, done."""
    window.sync.look()
    qtbot.waitUntil(lambda: not window.sync.loading, timeout=PICKED_UP)


def test_an_import_by_the_command_line_shows_in_the_open_window(qtbot, tmp_path):
    data = tmp_path / "data"
    window = window_on(qtbot, data)
    assert window.pages.currentWidget() is window.welcome
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=PICKED_UP)
    assert window.pages.currentWidget() is window.splitter
    assert window.model.deadline_at(0).order_id == ORDER


def test_a_note_and_a_mark_by_the_command_line_show_in_the_list_and_the_open_order(qtbot, tmp_path):
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row(), order_row(order_id=SECOND_ORDER)], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    row = next(row for row in range(2) if window.model.deadline_at(row).order_id == ORDER)
    window.table.selectRow(row)
    window.detail.note_edit.setText("正在写的")  # what the merchant is typing stays
    assert run("orders", "note", ORDER, "买家要求周五后发货", "--data-dir", data).returncode == 0
    assert run("orders", "handled", SECOND_ORDER, "--data-dir", data).returncode == 0

    def shown(order_id):
        return next(window.model.deadline_at(r) for r in range(2) if window.model.deadline_at(r).order_id == order_id)

    note = "买家要求周五后发货"
    qtbot.waitUntil(lambda: shown(ORDER).note == note and shown(SECOND_ORDER).handled, timeout=PICKED_UP)
    assert f"备注：{note}" in window.detail.browser.toPlainText()  # the open order, up to date
    assert window.detail.order_id == ORDER
    assert window.model.deadline_at(window.table.currentIndex().row()) is shown(ORDER)  # still selected
    assert window.detail.note_edit.text() == "正在写的"


def test_a_setting_and_a_corrected_time_by_the_command_line_move_the_clocks(qtbot, tmp_path):
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row(paid="2023-11-01 17:00:00")], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    assert window.model.deadline_at(0).due.strftime("%m-%d %H:%M:%S") == "11-02 23:59:59"  # same-day, after 16:00
    assert run("settings", "promise", "48h", "--data-dir", data).returncode == 0
    qtbot.waitUntil(lambda: window.model.deadline_at(0).due.strftime("%m-%d %H:%M") == "11-03 17:00", timeout=PICKED_UP)
    at = ("--kind", "shipped", "--at", "2023-11-02 09:00:00")
    assert run("orders", "set-time", ORDER, *at, "--data-dir", data).returncode == 0
    qtbot.waitUntil(lambda: window.model.deadline_at(0).status == "met", timeout=PICKED_UP)


def test_the_windows_own_note_and_a_command_that_only_reads_do_not_load_everything_again(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    look_and_settle(qtbot, window)
    loads = count_loads(window, monkeypatch)
    window.table.selectRow(0)
    window.detail.note_edit.setText("已联系网点")
    window.detail.note_edit.returnPressed.emit()
    window.detail.handled_button.click()
    look_and_settle(qtbot, window)
    assert run("triage", "--data-dir", data).returncode == 0  # keeps its clocks in the store: a write
    look_and_settle(qtbot, window)
    assert loads == []
    with Store.open(data) as store:
        assert store.connection.execute("SELECT text FROM notes").fetchall() == [("已联系网点",)]
    assert run("orders", "note", ORDER, "改成周五发", "--data-dir", data).returncode == 0
    look_and_settle(qtbot, window)
    assert len(loads) == 1 and window.model.deadline_at(0).note == "改成周五发"


def test_recalculating_does_not_load_twice(qtbot, tmp_path, monkeypatch):
    """Recalculating keeps clocks in the store (a write): the next look sees nothing new to show."""
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    loads = count_loads(window, monkeypatch)
    with Store.open(data) as store:  # clocks no longer kept: the next triage computes and keeps them
        store.set_setting("promise", "next-day")
    window.refresh()
    qtbot.waitUntil(lambda: len(loads) == 1, timeout=PICKED_UP)
    look_and_settle(qtbot, window)
    look_and_settle(qtbot, window)
    assert len(loads) == 1


def test_the_window_looks_when_it_is_activated_and_on_its_own_timer_not_the_countdown(qtbot, tmp_path, monkeypatch):
    window = window_on(qtbot, tmp_path / "data")
    assert window.sync.timer.isActive() and window.sync.timer.interval() == store_sync.LOOK_MS
    assert window.sync.timer is not window.timer  # not the one-second countdown
    looks = []
    monkeypatch.setattr(window.sync, "look", lambda: looks.append("look"))
    monkeypatch.setattr(window, "isActiveWindow", lambda: True)  # back from the terminal
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))
    window.tick()  # the one-second countdown does not look
    assert looks == ["look"]
