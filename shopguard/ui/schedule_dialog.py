"""设置 → 每天自动发送: the OS task that sends the report and the group digest every day (even with the window
closed), when it last ran and how that went; and starting ShopGuard with the system, minimised."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
)

from shopguard.core.alerts import schedule
from shopguard.core.files import describe_os_error


class ScheduleDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None, system: str = sys.platform, home: Path | None = None,
                 runner: schedule.Runner = schedule.run_command):  # fmt: skip
        super().__init__(parent)
        self.data_dir, self.system, self.home, self.runner = data_dir, system, home, runner
        self.setWindowTitle(self.tr("Send every day"))
        current = schedule.status(data_dir)
        self.daily = QCheckBox(self.tr("Send the report and the group message every day at"))
        self.daily.setChecked(current.at is not None)
        self.at = QTimeEdit(QTime.fromString(current.at or "08:00", "HH:mm"))
        self.at.setDisplayFormat("HH:mm")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("schedule-status")
        self.autostart = QCheckBox(self.tr("Start ShopGuard with the system (minimised to the tray)"))
        self.autostart.setChecked(schedule.autostart_enabled(system, home, runner))
        note = QLabel(
            self.tr(
                "The system's task scheduler runs it, even when the window is closed; the time is this "
                "computer's clock. Mail and group robots are set in Settings and Alerts."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.daily, self.at)
        form.addRow(self.status)
        form.addRow(self.autostart)
        self.setMinimumWidth(620)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_status()

    def _show_status(self) -> None:
        current = schedule.status(self.data_dir)
        self.status.setText("\n".join(current.describe()))
        failed = current.last_run is not None and not current.last_run.get("ok")
        self.status.setStyleSheet("color: #a4161a;" if failed else "")  # the overdue red of the list

    def apply(self) -> bool:
        """Install, move or remove the task and the start-up entry; False, with a message, when the OS refused."""
        current = schedule.status(self.data_dir)
        at = self.at.time().toString("HH:mm")
        try:
            if self.daily.isChecked() and current.at != at:
                schedule.install(at, self.data_dir, self.system, self.home, self.runner)
            elif not self.daily.isChecked() and current.at is not None:
                schedule.remove(self.data_dir, self.system, self.home, self.runner)
            wanted = self.autostart.isChecked()
            if wanted != schedule.autostart_enabled(self.system, self.home, self.runner):
                plan = schedule.autostart_plan(wanted, self.data_dir, self.system, self.home)
                schedule.carry_out(plan, self.runner)
        except (schedule.ScheduleError, OSError) as error:
            message = describe_os_error(error) if isinstance(error, OSError) else None
            QMessageBox.warning(self, self.tr("Send every day"), message or str(error))
            self._show_status()
            return False
        self._show_status()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()
