"""The window's 提醒 menu: group robots, the daily send, the tray, reminders and the watched folder.
One hook in main_window (`AlertsMenu(window)`), plus its closeEvent asking `hide_to_tray()`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog

from shopguard.ui.desktop_alerts import DesktopAlerts


class AlertsMenu(QObject):
    def __init__(self, window, tray_available: bool | None = None):
        super().__init__(window)
        self.window = window
        self.desktop = DesktopAlerts(window, tray_available)
        menu = window.menuBar().addMenu(self.tr("&Alerts"))
        menu.setObjectName("alerts-menu")
        self.menu = menu
        menu.addAction(self.tr("Group chat robots…"), self.edit_robots).setObjectName("push-settings")
        menu.addAction(self.tr("Send every day…"), self.edit_schedule).setObjectName("schedule-settings")
        menu.addSeparator()
        self._toggle(self.tr("Remind me before clocks run out"), "reminders", self.desktop.reminders_on())
        menu.addAction(self.tr("Remind how long before…"), self.desktop.edit_leads).setObjectName("alerts-leads")
        self._toggle(self.tr("Keep running in the tray when the window is closed"), "close_to_tray",
                     self.desktop.close_to_tray())  # fmt: skip
        self._toggle(self.tr("Import new exports from the watched folder"), "watch", self.desktop.watching())
        menu.addAction(self.tr("Choose the watched folder…"), self.choose_folder).setObjectName("watch-folder")
        QTimer.singleShot(5_000, self.desktop, self.desktop.check_reminders)  # once the first load is in

    def _toggle(self, text: str, key: str, checked: bool) -> None:
        action = self.menu.addAction(text)
        action.setObjectName(f"alerts-{key}")
        action.setCheckable(True)
        action.setChecked(checked)
        action.toggled.connect(lambda on: self._set(action, key, on))

    def _set(self, action, key: str, on: bool) -> None:
        self.desktop.set_flag(key, on)
        if key == "close_to_tray" and on and not self.desktop.close_to_tray():
            action.blockSignals(True)
            action.setChecked(False)  # no tray on this desktop
            action.blockSignals(False)

    def hide_to_tray(self) -> bool:
        return self.desktop.hide_to_tray()

    def quit(self) -> None:
        self.desktop.quit()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Folder to watch for 抖店 exports"), str(self.desktop.watched_folder())
        )
        if folder:
            self.desktop.set_watched_folder(Path(folder))

    def edit_robots(self) -> None:
        from shopguard.ui.push_settings import PushSettingsDialog

        PushSettingsDialog(self.window, self.window.tasks).exec()

    def edit_schedule(self) -> None:
        from shopguard.ui.schedule_dialog import ScheduleDialog

        ScheduleDialog(self.window.data_dir, self.window).exec()
