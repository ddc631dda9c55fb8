"""The desktop alerts in the real window (offscreen): one notification per check, clicking it opens the order,
closing to the tray and quitting, the watched folder imported and told; and the degraded path where the
desktop has no tray (as here: offscreen Qt has none)."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from shopguard.core.demo import DEMO_AS_OF
from shopguard.ui import desktop_alerts
from shopguard.ui.desktop_alerts import DesktopAlerts
from tests.exports import order_row, write_csv

SHIP_ORDER = "6917880231000000251"  # the demo's ship clock due at 14:00
# A tray made where the platform has none (offscreen) makes Qt say so; the decisions are what is tested here.
FAKE_TRAY = pytest.mark.qt_log_ignore("systemTrayWindowChanged", "does not support raise")


@pytest.fixture
def window(demo_window):
    yield demo_window
    QApplication.instance().setQuitOnLastWindowClosed(True)


@pytest.fixture
def shown(monkeypatch):
    messages = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda _tray, title, text, *_: messages.append((title, text)))
    return messages


def test_offscreen_has_no_tray_and_the_window_degrades(window, monkeypatch):
    assert QSystemTrayIcon.isSystemTrayAvailable() is False  # what this test machine offers
    alerts = window.alerts.desktop
    assert alerts.tray is None and not alerts.close_to_tray()
    told = []
    monkeypatch.setattr(desktop_alerts.QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.findChild(type(window.alerts.menu.actions()[0]), "alerts-close_to_tray").setChecked(True)
    assert told == ["这个桌面没有系统托盘：关闭窗口会退出 ShopGuard；窗口开着时，提醒显示在状态栏。"]
    assert not window.findChild(type(window.alerts.menu.actions()[0]), "alerts-close_to_tray").isChecked()
    window.clock = lambda: DEMO_AS_OF + timedelta(hours=2, minutes=30)
    reminder = alerts.check_reminders()
    assert reminder.order_id == SHIP_ORDER
    assert window.statusBar().currentMessage() == f"ShopGuard：1 条即将超时：{SHIP_ORDER} 发货 还剩 1小时30分"
    closed = []
    window.closed.connect(lambda: closed.append(True))
    window.close()
    assert closed == [True]  # no tray: closing closes, as before


@FAKE_TRAY
def test_one_notification_per_check_and_clicking_opens_the_order(window, shown):
    alerts = DesktopAlerts(window, tray_available=True)
    window.clock = lambda: DEMO_AS_OF + timedelta(hours=2, minutes=30)
    assert alerts.check_reminders() is not None
    assert shown == [("ShopGuard：1 条即将超时", f"{SHIP_ORDER} 发货 还剩 1小时30分")]
    assert alerts.check_reminders() is None and len(shown) == 1  # the next check: nothing new, no repeat
    window.hide()
    alerts.tray.messageClicked.emit()
    assert window.isVisible()
    assert window.detail.order_id == SHIP_ORDER
    selected = window.table.selectionModel().selectedRows()
    assert selected and window.model.deadline_at(selected[0].row()).order_id == SHIP_ORDER


@FAKE_TRAY
def test_reminders_switched_off_say_nothing(window, shown):
    alerts = DesktopAlerts(window, tray_available=True)
    alerts.set_flag("reminders", False)
    window.clock = lambda: DEMO_AS_OF + timedelta(hours=2, minutes=30)
    assert alerts.check_reminders() is None and shown == []


@FAKE_TRAY
def test_closing_goes_to_the_tray_and_quit_really_quits(window):
    window.alerts.desktop = DesktopAlerts(window, tray_available=True)
    closed = []
    window.closed.connect(lambda: closed.append(True))
    window.close()
    assert not window.isVisible() and closed == []  # still running, in the tray
    assert window.alerts.desktop.tray.isVisible()  # the icon is up while the window is away
    window.alerts.quit()
    assert closed == [True] and not window.alerts.desktop.tray.isVisible()


def test_the_watched_folder_is_imported_and_told(window, qtbot, tmp_path):
    downloads = tmp_path / "下载"
    downloads.mkdir()
    export = write_csv(downloads / "1699754430_订单导出.csv", [order_row(order_id="6917926768823640001")])
    past = time.time_ns() - 10_000_000_000
    os.utime(export, ns=(past, past))
    alerts = window.alerts.desktop
    alerts.set_watched_folder(downloads)
    alerts.set_flag("watch", True)
    assert alerts.watch_timer.isActive()
    alerts.look_at_folder()  # the first look: new to the watcher, not yet known to hold still
    qtbot.waitUntil(lambda: not alerts.watching_now, timeout=10000)
    assert "导入" not in window.statusBar().currentMessage()
    alerts.look_at_folder()
    qtbot.waitUntil(lambda: "ShopGuard 自动导入了 1 个文件" in window.statusBar().currentMessage(), timeout=20000)
    assert "1699754430_订单导出.csv" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "6917926768823640001" in window.by_order, timeout=20000)
    alerts.look_at_folder()  # the same file again: nothing more
    qtbot.waitUntil(lambda: not alerts.watching_now, timeout=10000)
    alerts.set_flag("watch", False)
    assert not alerts.watch_timer.isActive()


def test_lead_times_are_asked_in_chinese_clock_names_and_checked(window, monkeypatch):
    alerts = window.alerts.desktop
    answers = iter([("发货=300", True), ("发货=两小时", True), ("揽收=10", False)])
    asked = []

    def get_text(_parent, _title, label, text=""):
        asked.append((label, text))
        return next(answers)

    warnings = []
    monkeypatch.setattr(desktop_alerts.QInputDialog, "getText", get_text)
    monkeypatch.setattr(desktop_alerts.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert alerts.edit_leads()
    assert asked[0][1] == "发货=120, 揽收=120" and "发货=120" in asked[0][0]
    assert alerts.leads() == {"ship": 300}
    window.clock = lambda: DEMO_AS_OF  # the ship clock has 4 h left: within 300 minutes now
    assert alerts.check_reminders().order_id == SHIP_ORDER
    assert not alerts.edit_leads() and "应写成 时钟=分钟" in warnings[0]
    assert not alerts.edit_leads()  # cancelled
    assert alerts.leads() == {"ship": 300}


def test_started_with_the_system(window, qtbot):
    window.alerts.desktop.start_hidden_soon()  # as run_gui does, just before showing the window
    window.show()  # no tray here: minimised instead
    qtbot.waitUntil(window.isMinimized, timeout=5000)


@FAKE_TRAY
def test_started_with_the_system_into_the_tray(window):
    window.hide()
    alerts = DesktopAlerts(window, tray_available=True)
    alerts.start_hidden()
    assert not window.isVisible() and not QApplication.instance().quitOnLastWindowClosed()


def test_a_reminder_told_before_a_restart_is_not_told_again_after_it(window, qtbot, tmp_path):
    window.clock = lambda: DEMO_AS_OF + timedelta(hours=2, minutes=30)
    first = DesktopAlerts(window, tray_available=False)
    assert first.check_reminders() is not None
    told = window.statusBar().currentMessage()
    assert SHIP_ORDER in told
    window.statusBar().clearMessage()
    again = DesktopAlerts(window, tray_available=False)  # the window opened again: window.ini read afresh
    assert again.check_reminders() is None and window.statusBar().currentMessage() == ""
    window.clock = lambda: DEMO_AS_OF + timedelta(days=3)  # long after its due time: forgotten, the file stays small
    again._keep_announced()
    assert DesktopAlerts(window, tray_available=False).announced == set()


@pytest.mark.qt_log_ignore("QVariant::load")  # Qt says it cannot read the damaged value; that is the point
@pytest.mark.parametrize("stored", ["42", "@Invalid()", "@ByteArray(\\x01\\x02)", "@Variant(\\0\\0\\0\\x7f)"])
def test_a_damaged_list_of_told_reminders_in_window_ini_is_no_crash(window, stored):
    with open(window.data_dir / "window.ini", "a", encoding="utf-8") as ini:
        ini.write(f"\n[alerts]\nannounced={stored}\n")
    alerts = DesktopAlerts(window, tray_available=False)
    assert all(isinstance(key, str) for key in alerts.announced)
    window.clock = lambda: DEMO_AS_OF + timedelta(hours=2, minutes=30)
    assert alerts.check_reminders() is not None  # the demo's 14:00 ship clock is still told
