"""The desktop side of the alerts, for one window: the tray icon while the window is closed to the tray, the
"about to run out" notification (core/alerts/reminders decides what to say, at most one per check), and the
watched folder (core/alerts/watch_folder), looked at every few seconds with new exports imported and told.

Where the desktop has no system tray (some Linux desktops, a server), closing the window quits as before and
notifications show in the status bar, with the taskbar entry flashing; the merchant is told so once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox, QSystemTrayIcon

from shopguard.core.alerts.reminders import LeadsError, Reminder, format_leads, next_reminder, parse_leads
from shopguard.core.alerts.watch_folder import default_folder, scan
from shopguard.core.resources import resource_dir
from shopguard.core.store.database import IMPORT_WAIT, Store
from shopguard.ui.search_delay import LARGE

CHECK_EVERY_MS = 60_000  # reminders
WATCH_EVERY_MS = 5_000  # the watched folder


class DesktopAlerts(QObject):
    def __init__(self, window, tray_available: bool | None = None):
        super().__init__(window)
        self.window = window
        self.settings = QSettings(str(window.data_dir / "window.ini"), QSettings.Format.IniFormat)
        available = QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        self.tray = self._make_tray() if available else None
        self.quitting = False
        self.announced: set[str] = self._announced_before()  # clocks already announced (kept across restarts)
        self.clicked_order: str | None = None  # what clicking the last notification opens
        self.watch_state: dict = {}
        self.watching_now = False
        self.large = LARGE  # clocks: from here on, the reminder check looks through them on the worker
        self.checking = False
        self.reminder_timer = QTimer(self)
        self.reminder_timer.timeout.connect(self.check_reminders)
        self.reminder_timer.start(CHECK_EVERY_MS)
        self.watch_timer = QTimer(self)
        self.watch_timer.timeout.connect(self.look_at_folder)
        if self.watching():
            self.watch_timer.start(WATCH_EVERY_MS)

    # --- settings (window.ini, beside the window's layout) -----------------------------------------------
    def _flag(self, key: str, default: bool) -> bool:
        return str(self.settings.value(f"alerts/{key}", "true" if default else "false")).lower() == "true"

    def close_to_tray(self) -> bool:
        return self._flag("close_to_tray", True) and self.tray is not None

    def reminders_on(self) -> bool:
        return self._flag("reminders", True)

    def watching(self) -> bool:
        return self._flag("watch", False)

    def watched_folder(self) -> Path:
        return Path(str(self.settings.value("alerts/watch_folder", "") or default_folder()))

    def set_flag(self, key: str, on: bool) -> None:
        if key == "close_to_tray" and on and self.tray is None:
            QMessageBox.information(self.window, "ShopGuard", self.no_tray_text())
            on = False
        self.settings.setValue(f"alerts/{key}", "true" if on else "false")
        self.settings.sync()
        if key == "watch":
            self.watch_timer.start(WATCH_EVERY_MS) if on else self.watch_timer.stop()

    def set_watched_folder(self, folder: Path) -> None:
        self.settings.setValue("alerts/watch_folder", str(folder))
        self.settings.sync()
        self.watch_state = {}

    def leads(self) -> dict[str, int]:
        try:
            return parse_leads(str(self.settings.value("alerts/lead_minutes", "") or ""))
        except LeadsError:
            return parse_leads(None)

    def edit_leads(self) -> bool:
        """Ask how long before each clock runs out to remind; False when cancelled or not understood."""
        text, ok = QInputDialog.getText(
            self.window,
            self.tr("Remind how long before"),
            self.tr(
                "Minutes before each clock runs out, e.g. 发货=120, 揽收=120, 退款=60 (clocks not listed: no reminder)"
            ),
            text=format_leads(self.leads()),
        )
        if not ok:
            return False
        try:
            leads = parse_leads(text)
        except LeadsError as error:
            QMessageBox.warning(self.window, self.tr("Remind how long before"), str(error))
            return False
        self.settings.setValue("alerts/lead_minutes", format_leads(leads))
        self.settings.sync()
        self.announced.clear()  # new lead times: announce afresh
        self._keep_announced()
        return True

    def _announced_before(self) -> set[str]:
        # Only text: a window.ini damaged or edited by hand may hold anything there.
        return {key for key in self.settings.value("alerts/announced", [], type=list) if isinstance(key, str)}

    def _keep_announced(self) -> None:
        """Remembered in window.ini, so a restart does not announce the same clocks again; a clock whose due
        time is more than a day past is forgotten (its key ends with its due time, reminders.clock_key)."""
        since = (self.window.clock() - timedelta(days=1)).isoformat()
        self.announced = {key for key in self.announced if key.rsplit("|", 1)[-1] >= since}
        self.settings.setValue("alerts/announced", sorted(self.announced))
        self.settings.sync()

    def no_tray_text(self) -> str:
        return self.tr(
            "This desktop has no system tray: closing the window quits ShopGuard, and reminders show in the "
            "status bar while the window is open."
        )

    # --- the tray ------------------------------------------------------------------------------------------
    def _make_tray(self) -> QSystemTrayIcon:
        icon = QApplication.windowIcon()
        if icon.isNull():  # a window made without run_gui (tests, the demo beside)
            icon = QIcon(str(resource_dir() / "icons" / "shopguard-64.png"))
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip("ShopGuard")
        menu = QMenu()
        menu.addAction(self.tr("Open ShopGuard"), self.open_window)
        menu.addAction(self.tr("Quit"), self.quit)
        tray.setContextMenu(menu)
        self._tray_menu = menu  # kept alive with the tray
        tray.activated.connect(lambda reason: reason == QSystemTrayIcon.ActivationReason.Trigger and self.open_window())
        tray.messageClicked.connect(self.notification_clicked)
        return tray

    def hide_to_tray(self) -> bool:
        """From the window's closeEvent: True when the window went to the tray instead of closing."""
        if self.quitting or not self.close_to_tray():
            return False
        QApplication.instance().setQuitOnLastWindowClosed(False)
        self.tray.show()
        self.window.hide()
        return True

    def start_hidden(self) -> None:
        """Started with the system: to the tray, or minimised where there is none."""
        if self.tray is not None:
            QApplication.instance().setQuitOnLastWindowClosed(False)
            self.tray.show()
        else:
            self.window.showMinimized()

    def start_hidden_soon(self) -> None:
        """start_hidden once the event loop runs (after the window's first show)."""
        QTimer.singleShot(0, self, self.start_hidden)

    def open_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def quit(self) -> None:
        self.quitting = True
        QApplication.instance().setQuitOnLastWindowClosed(True)
        if self.tray is not None:
            self.tray.hide()
        self.window.close()

    # --- notifications -------------------------------------------------------------------------------------
    def notify(self, title: str, text: str, order_id: str | None = None) -> None:
        self.clicked_order = order_id
        if self.tray is not None:
            self.tray.show()
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 30_000)
        else:
            self.window.statusBar().showMessage(f"{title}：{text.replace(chr(10), '；')}", 120_000)
            QApplication.alert(self.window)

    def notification_clicked(self) -> None:
        """Open the window at the order the notification named."""
        self.open_window()
        if self.clicked_order:
            self.window.open_order(self.clicked_order)

    def check_reminders(self) -> Reminder | None:
        """The reminder due now, told (None: nothing new). On a large list the clocks are looked through on the
        worker (half a second at 200,000 every minute) and the reminder is told when it is done: None here."""
        if not self.reminders_on() or self.window.result is None or self.checking:
            return None
        deadlines, now, leads = self.window.result.triage.deadlines, self.window.clock(), self.leads()
        if len(deadlines) < self.large:
            return self._tell(next_reminder(deadlines, now, leads, self.announced))
        self.checking = True
        announced = frozenset(self.announced)  # the worker's own copy

        def done(reminder: Reminder | None, error) -> None:
            self.checking = False
            if error is not None:
                raise error  # a bug: the window's error handler reports it
            self._tell(reminder)

        self.window.tasks.start(lambda _progress: next_reminder(deadlines, now, leads, announced), done)
        return None

    def _tell(self, reminder: Reminder | None) -> Reminder | None:
        if reminder is not None and not reminder.keys <= self.announced:
            self.announced |= reminder.keys
            self._keep_announced()
            self.notify(reminder.title, reminder.text, reminder.order_id)
        return reminder

    # --- the watched folder --------------------------------------------------------------------------------
    def look_at_folder(self) -> None:
        if self.watching_now or self.window.import_running():
            return
        folder, earlier, data_dir = self.watched_folder(), self.watch_state, self.window.data_dir
        if not folder.is_dir():
            return
        self.watching_now = True

        def work(_progress):
            with Store.open(data_dir, wait=IMPORT_WAIT) as store:
                return scan(store, folder, earlier)

        self.window.tasks.start(work, self._looked)

    def _looked(self, result, error) -> None:
        self.watching_now = False
        if error is not None:  # a busy or damaged store: the window's own checks tell the merchant
            self.window.statusBar().showMessage(self.tr("Watched folder: {error}").format(error=error), 30_000)
            return
        outcome, self.watch_state = result
        done = [report for report in outcome.imported if report.kind is not None]
        if not done:
            return
        self.window.refresh()
        names = "、".join(report.file_name for report in done)
        self.notify(self.tr("ShopGuard imported {count} file(s)").format(count=len(done)), names)
