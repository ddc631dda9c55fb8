"""提醒 → 每天自动发送 in the window: the same OS task as `shopguard schedule`, in a temporary HOME, with the
OS commands recorded rather than run."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTime

from shopguard.core.alerts import schedule
from shopguard.core.clock import BEIJING
from shopguard.ui import schedule_dialog
from shopguard.ui.schedule_dialog import ScheduleDialog
from tests.core.alerts.test_schedule import Recorder


def test_switching_on_moving_and_off(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    home, data = tmp_path / "home", tmp_path / "data"
    runner = Recorder()
    dialog = ScheduleDialog(data, system="linux", home=home, runner=runner)
    qtbot.addWidget(dialog)
    assert not dialog.daily.isChecked() and dialog.status.text() == "没有设置每天自动发送"
    dialog.daily.setChecked(True)
    dialog.at.setTime(QTime(7, 30))
    dialog.autostart.setChecked(True)
    assert dialog.apply()
    timer = home / ".config" / "systemd" / "user" / "shopguard-report.timer"
    assert "OnCalendar=*-*-* 07:30:00" in timer.read_text(encoding="utf-8")
    assert "systemctl --user enable --now shopguard-report.timer" in runner.commands
    assert (home / ".config" / "autostart" / "shopguard.desktop").exists()
    assert dialog.status.text().startswith("每天 07:30 自动发送晨报（systemd 用户定时器")
    started = datetime(2026, 11, 30, 7, 30, tzinfo=BEIJING)
    schedule.record_run(data, started, started.replace(second=12), 2, "晨报没有发出：连不上邮件服务器")

    again = ScheduleDialog(data, system="linux", home=home, runner=Recorder())
    qtbot.addWidget(again)
    assert again.daily.isChecked() and again.at.time() == QTime(7, 30) and again.autostart.isChecked()
    assert "上次自动运行：2026-11-30 07:30:12，失败：晨报没有发出：连不上邮件服务器" in again.status.text()
    again.daily.setChecked(False)
    again.autostart.setChecked(False)
    assert again.apply()
    assert not timer.exists() and not (home / ".config" / "autostart" / "shopguard.desktop").exists()


def test_a_refusal_is_a_message_and_the_dialog_stays_open(qtbot, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(schedule_dialog.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    runner = Recorder({"schtasks /Create /TN": (1, "错误: 拒绝访问。")})
    dialog = ScheduleDialog(tmp_path / "data", system="win32", home=tmp_path, runner=runner)
    qtbot.addWidget(dialog)
    dialog.daily.setChecked(True)
    dialog.accept()
    assert warnings and "拒绝访问" in warnings[0]
    assert dialog.result() == 0 and dialog.status.text() == "没有设置每天自动发送"
