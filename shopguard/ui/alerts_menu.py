"""The window's 提醒 menu: group robots and the daily send; one hook in main_window (`AlertsMenu(window)`)."""

from __future__ import annotations

from PySide6.QtCore import QObject


class AlertsMenu(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu(self.tr("&Alerts"))
        menu.setObjectName("alerts-menu")
        self.menu = menu
        menu.addAction(self.tr("Group chat robots…"), self.edit_robots).setObjectName("push-settings")
        menu.addAction(self.tr("Send every day…"), self.edit_schedule).setObjectName("schedule-settings")

    def edit_robots(self) -> None:
        from shopguard.ui.push_settings import PushSettingsDialog

        PushSettingsDialog(self.window, self.window.tasks).exec()

    def edit_schedule(self) -> None:
        from shopguard.ui.schedule_dialog import ScheduleDialog

        ScheduleDialog(self.window.data_dir, self.window).exec()
