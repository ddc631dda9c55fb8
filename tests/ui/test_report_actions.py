"""The window's report actions: export through the worker, and the daily send against a real SMTP server."""

import errno
from datetime import timedelta
from pathlib import Path

import keyring
from openpyxl import load_workbook
from PySide6.QtGui import QAction

from shopguard.core import files
from shopguard.core.demo import DEMO_AS_OF
from shopguard.core.report import workbook
from shopguard.core.store.database import Store
from shopguard.ui import report_actions
from shopguard.ui.app import create_window
from shopguard.ui.start_folders import usual_folder
from tests.mail_helpers import MemoryKeyring
from tests.ui.helpers import Dialogs


def test_export_writes_the_workbook_off_the_gui_thread_then_opens_it_or_its_folder(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    target = tmp_path / "晨报.xlsx"
    started_in = []
    monkeypatch.setattr(
        report_actions.QFileDialog, "getSaveFileName", lambda *args: (started_in.append(args[2]), (str(target), ""))[1]
    )
    opened = []
    monkeypatch.setattr(report_actions.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialogs = Dialogs(monkeypatch, "打开", "打开文件夹", "关闭")
    for count in (1, 2, 3):
        window.reports.export()
        qtbot.waitUntil(lambda count=count: len(dialogs.shown) == count, timeout=20000)
    assert "已保存" in dialogs.shown[0] and load_workbook(target).sheetnames[0] == "概览"
    assert sorted(dialogs.buttons[0]) == sorted(["打开", "打开文件夹", "关闭"])
    assert opened == [str(target), str(tmp_path)]  # 关闭 opens nothing
    assert Path(started_in[0]).parent == usual_folder()  # 下载 (or the desktop), not the home folder
    assert "全部时钟" not in load_workbook(target).sheetnames
    full = next(action for action in window.findChildren(QAction) if action.text() == "导出报告（含全部时钟）…")
    full.trigger()  # the menu's other export: every clock a row, as `shopguard report --full`
    qtbot.waitUntil(lambda: len(dialogs.shown) == 4, timeout=20000)
    assert started_in[-1].endswith("_全部时钟.xlsx")
    sheet = load_workbook(target)["全部时钟"]
    assert sheet.max_row - 1 >= len(window.result.triage.deadlines)  # a row per clock under the header


def test_an_export_to_a_folder_that_cannot_be_written_says_so_instead_of_crashing(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    folder = tmp_path / "只读"
    folder.mkdir()
    target = folder / "晨报.xlsx"
    warned = []
    monkeypatch.setattr(report_actions.QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    monkeypatch.setattr(report_actions.QMessageBox, "warning", lambda *args: warned.append(args[2]))

    def refuse(*args, **kwargs):  # the OS's answer for a read-only folder, at the call that writes the file
        raise PermissionError(errno.EACCES, "Permission denied", str(target) + ".partial")

    monkeypatch.setattr(files, "write_atomically", refuse)
    monkeypatch.setattr(workbook, "write_atomically", refuse)
    window.reports.export()
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert str(folder) in warned[0] and "Permission" not in warned[0]
    assert not target.exists()


def test_daily_send_at_the_set_time_once(qtbot, tmp_path, monkeypatch, smtp_server):
    inbox, server = smtp_server
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    with Store.open(window.data_dir) as store:
        for key, value in {"mail_preset": "custom", "mail_host": "127.0.0.1", "mail_port": str(server.port),
                           "mail_security": "none", "mail_user": "shop@example.com", "mail_to": "packer@example.com",
                           "report_time": "10:30"}.items():  # fmt: skip
            store.set_setting(key, value)
    memory = MemoryKeyring()
    memory.set_password("ShopGuard SMTP", "shop@example.com", "right")
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    moment = [DEMO_AS_OF]  # 10:00, before the set time
    window.reports.clock = lambda: moment[0]
    try:
        window.reports.send_if_due()
        window.tasks.wait()
        assert inbox.messages == []
        moment[0] = DEMO_AS_OF + timedelta(minutes=31)
        window.reports.send_if_due()
        qtbot.waitUntil(lambda: len(inbox.messages) == 1, timeout=20000)
        qtbot.waitUntil(lambda: "已发给" in window.statusBar().currentMessage(), timeout=5000)
        window.reports.send_if_due()  # the same day again: nothing more
        window.tasks.wait()
        assert len(inbox.messages) == 1
    finally:
        keyring.set_keyring(previous)


def test_mail_settings_save_the_password_to_the_credential_store_and_send_a_test(
    qtbot, tmp_path, monkeypatch, smtp_server
):
    from shopguard.core.rules.packs import load_packs
    from shopguard.ui import mail_settings
    from shopguard.ui.settings_dialog import SettingsDialog

    inbox, server = smtp_server
    shown = []
    monkeypatch.setattr(mail_settings.QMessageBox, "information", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(mail_settings.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        with Store.open(tmp_path / "data") as store:
            dialog = SettingsDialog(store, load_packs(), tmp_path / "data")
            qtbot.addWidget(dialog)
            mail = dialog.mail
            assert mail.host.text() == "smtp.qq.com" and not mail.host.isEnabled()  # the QQ preset
            mail.preset.setCurrentIndex(mail.preset.findData("custom"))
            mail.host.setText("127.0.0.1")
            mail.port.setValue(server.port)
            mail.security.addItem("none", "none")  # plain SMTP: allowed for a server on this computer only
            mail.security.setCurrentIndex(mail.security.findData("none"))
            mail.user.setText("shop@example.com")
            mail.recipients.setText("packer@example.com")
            mail.password.setText("wrong")
            mail.send_test()
            assert "授权码" in shown[-1] and inbox.messages == []
            mail.password.setText("right")
            mail.send_test()
            assert shown[-1] == "已发给 packer@example.com" and len(inbox.messages) == 1
            assert memory.secrets == {("ShopGuard SMTP", "shop@example.com"): "right"}
            raw = (tmp_path / "data" / "shopguard.db").read_bytes()
            assert b"right" not in raw  # never in a file
            assert store.setting("mail_to") == "packer@example.com"
    finally:
        keyring.set_keyring(previous)


def test_daily_send_pushes_to_the_group_once_even_when_the_mail_fails_and_tries_the_mail_again_later(
    qtbot, tmp_path, monkeypatch
):
    from shopguard.core.alerts.channels import save_secret
    from tests.robot_servers import RobotServer

    robot = RobotServer().start()
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    with Store.open(window.data_dir) as store:
        store.set_setting("report_time", "10:30")  # no mail server set: the mail fails every minute
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    window.reports.clock = lambda: DEMO_AS_OF + timedelta(minutes=31)
    try:
        save_secret("push_wecom_url", f"{robot.url}/cgi-bin/webhook/send?key=abc")
        window.reports.send_if_due()
        qtbot.waitUntil(lambda: "企业微信" in window.statusBar().currentMessage(), timeout=20000)
        message = window.statusBar().currentMessage()
        assert "邮件没有发出" in message and "企业微信：已发送" in message
        assert len(robot.received) == 1 and "ShopGuard" in robot.received[0].json["text"]["content"]
        assert "（10:46 再试）" in message  # 10:31 + 15 minutes
        tries = []
        real = report_actions.send_daily
        monkeypatch.setattr(report_actions, "send_daily", lambda *args: (tries.append(args), real(*args))[1])
        window.reports.clock = lambda: DEMO_AS_OF + timedelta(minutes=32)
        window.reports.send_if_due()  # a minute later: no workbook built again for a mail server that refused
        window.tasks.wait()
        assert tries == []
        window.reports.clock = lambda: DEMO_AS_OF + timedelta(minutes=46)
        window.reports.send_if_due()  # the time to try again: the mail is tried, the group is not told twice
        window.reports.send_if_due()  # while that send runs, no second one beside it
        qtbot.waitUntil(lambda: not window.reports.daily_running, timeout=20000)
        assert len(tries) == 1 and len(robot.received) == 1
        assert "（11:01 再试）" in window.statusBar().currentMessage()
    finally:
        keyring.set_keyring(previous)
        robot.stop()
