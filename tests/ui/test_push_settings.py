"""设置 → 群机器人推送 in the real window: what is typed goes to the keyring only, 测试 reaches a real robot
server on 127.0.0.1 and says per robot whether it arrived."""

from __future__ import annotations

import keyring
import pytest

from shopguard.core.alerts.channels import KEYRING_SERVICE
from shopguard.core.clock import now
from shopguard.ui import push_settings
from shopguard.ui.push_settings import PushSettingsDialog
from tests.mail_helpers import MemoryKeyring
from tests.robot_servers import RobotServer


@pytest.fixture
def memory_keyring():
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def said(monkeypatch):
    messages = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            push_settings.QMessageBox, kind, lambda _parent, _title, text, kind=kind: messages.append((kind, text))
        )
    return messages


def test_the_test_button_sends_one_message_per_robot_and_names_the_failed_one(qtbot, memory_keyring, said):
    wecom, feishu = RobotServer().start(), RobotServer().start()
    feishu.reply = {"code": 19021, "msg": "sign match fail"}
    try:
        dialog = PushSettingsDialog()
        qtbot.addWidget(dialog)
        dialog.fields["push_wecom_url"].setText(f"{wecom.url}/cgi-bin/webhook/send?key=K123")
        dialog.fields["push_feishu_url"].setText(f"{feishu.url}/open-apis/bot/v2/hook/h")
        dialog.fields["push_feishu_secret"].setText("fs-secret")
        dialog.test_button.click()
        qtbot.waitUntil(lambda: bool(said), timeout=10000)
        expected = (
            "企业微信：已发送\n飞书：没有发出：飞书拒绝了消息（错误码 19021：sign match fail）："
            "请核对 webhook 地址和签名密钥，以及机器人的安全设置（关键词填「ShopGuard」）"
        )
        assert said == [("warning", expected)]
        assert len(wecom.received) == 1 and "测试消息" in wecom.received[0].json["text"]["content"]
        assert "sign" in feishu.received[0].json
        assert memory_keyring.secrets[(KEYRING_SERVICE, "push_feishu_secret")] == "fs-secret"
        assert dialog.test_button.isEnabled()
    finally:
        wecom.stop()
        feishu.stop()


def test_saved_values_show_masked_and_remove_forgets_them(qtbot, memory_keyring, said):
    memory_keyring.set_password(
        KEYRING_SERVICE, "push_dingtalk_url", "https://oapi.dingtalk.com/robot/send?access_token=T0K"
    )
    dialog = PushSettingsDialog()
    qtbot.addWidget(dialog)
    field = dialog.fields["push_dingtalk_url"]
    assert field.text() == "" and "T0K" not in field.placeholderText()
    assert "oapi.dingtalk.com/…****" in field.placeholderText()
    assert field.echoMode() == field.EchoMode.PasswordEchoOnEdit
    assert dialog.fields["push_dingtalk_secret"].echoMode() == field.EchoMode.Password
    dialog.findChild(type(dialog.test_button), "remove-push_dingtalk_url").click()
    assert (KEYRING_SERVICE, "push_dingtalk_url") not in memory_keyring.secrets
    assert field.placeholderText().startswith("https://oapi.dingtalk.com/robot/send?access_token=…")


def test_a_clear_text_address_is_refused_with_a_message_and_nothing_kept(qtbot, memory_keyring, said):
    dialog = PushSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.fields["push_wecom_url"].setText("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K")
    dialog.accept()
    assert said and said[0][0] == "warning" and "https://" in said[0][1]
    assert memory_keyring.secrets == {} and dialog.result() == 0


def test_nothing_set_up_says_so(qtbot, memory_keyring, said):
    dialog = PushSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.send_test()
    assert said[0][0] == "information"


def test_the_window_has_the_menu_entry(qtbot, tmp_path, monkeypatch):
    from shopguard.ui.main_window import MainWindow

    opened = []
    monkeypatch.setattr(PushSettingsDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window = MainWindow(tmp_path, now)
    qtbot.addWidget(window)
    window.findChild(type(window.alerts.menu.actions()[0]), "push-settings").trigger()
    assert len(opened) == 1
