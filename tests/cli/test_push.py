"""`shopguard settings push_…`, `shopguard push` and `report --push`, run as whole processes with a file keyring
chosen through PYTHON_KEYRING_BACKEND and real robot servers on 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.processes import run
from tests.robot_servers import RobotServer

WECOM_KEY = "a1b2c3d4-wecom-key-7788"
DING_TOKEN = "dingtokenSECRET9911"
DING_SECRET = "SECdingsecret0000ffff"
FEISHU_SECRET = "feishuSigningSecret42"


@pytest.fixture
def keyring_file(tmp_path, monkeypatch):
    path = tmp_path / "keyring.json"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.file_keyring.FileKeyring")
    monkeypatch.setenv("SHOPGUARD_TEST_KEYRING", str(path))
    return path


@pytest.fixture
def robots():
    servers = {name: RobotServer().start() for name in ("wecom", "dingtalk", "feishu")}
    servers["feishu"].reply = {"code": 0, "msg": "success"}
    yield servers
    for server in servers.values():
        server.stop()


def configure(robots) -> None:
    for key, value in (
        ("push_wecom_url", f"{robots['wecom'].url}/cgi-bin/webhook/send?key={WECOM_KEY}"),
        ("push_dingtalk_url", f"{robots['dingtalk'].url}/robot/send?access_token={DING_TOKEN}"),
        ("push_dingtalk_secret", DING_SECRET),
        ("push_feishu_url", f"{robots['feishu'].url}/open-apis/bot/v2/hook/x"),
        ("push_feishu_secret", FEISHU_SECRET),
    ):
        done = run("settings", key, value)
        assert done.returncode == 0, done.stderr
        assert value not in done.stdout and "已保存到系统的密码保管服务" in done.stdout


def all_bytes(folder) -> bytes:
    return b"".join(path.read_bytes() for path in folder.rglob("*") if path.is_file())


def test_secrets_go_to_the_keyring_and_nowhere_in_the_data_folder(keyring_file, robots, isolated_home):
    configure(robots)
    assert run("settings", "merchant", "domestic").returncode == 0  # the store exists and holds settings
    listed = run("settings")
    assert listed.returncode == 0
    assert "push_wecom_url = 127.0.0.1/…****（已保存在系统密码保管服务）" in listed.stdout
    assert "push_dingtalk_secret = ****（已保存在系统密码保管服务）" in listed.stdout
    pushed = run("push", "--demo")
    assert pushed.returncode == 0, pushed.stderr
    report = run("report", "--demo", "--push", "--out", isolated_home / "r.xlsx")
    assert report.returncode == 0, report.stderr
    stored = keyring_file.read_text(encoding="utf-8")
    secrets = (WECOM_KEY, DING_TOKEN, DING_SECRET, FEISHU_SECRET)
    assert all(secret in stored for secret in secrets)  # they are kept: in the keyring
    data = all_bytes(isolated_home)  # the database, its backups, the settings, the workbook
    assert list(isolated_home.rglob("*.sqlite*")) or list(isolated_home.rglob("*.db"))
    for secret in secrets:
        assert secret.encode() not in data
        for output in (listed, pushed, report):
            assert secret not in output.stdout + output.stderr
    assert run("settings", "push_wecom_url").stdout.startswith("127.0.0.1/…****")
    assert run("settings", "push_wecom_url", "--unset").returncode == 0
    assert WECOM_KEY not in keyring_file.read_text(encoding="utf-8")


def test_push_sends_one_digest_to_each_channel_and_exit_0(keyring_file, robots):
    configure(robots)
    done = run("push", "--demo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["企业微信：已发送", "钉钉：已发送", "飞书：已发送"]
    for server in robots.values():
        assert len(server.received) == 1
    wecom_text = robots["wecom"].received[0].json["text"]["content"]
    assert wecom_text.startswith("ShopGuard 时效提醒 · 2023-11-12 10:00")
    assert "1. 6917880231000000651 退货未签收 已超时 14天" in wecom_text
    assert robots["dingtalk"].received[0].query["access_token"] == DING_TOKEN
    assert "sign" in robots["dingtalk"].received[0].query and "sign" in robots["feishu"].received[0].json


def test_a_failed_channel_is_one_line_and_exit_2_and_the_others_still_get_theirs(keyring_file, robots):
    configure(robots)
    robots["dingtalk"].reply = {"errcode": 310000, "errmsg": "sign not match"}
    robots["feishu"].status = 500
    done = run("push", "--demo")
    assert done.returncode == 2
    assert done.stdout.splitlines() == ["企业微信：已发送"]
    failed = done.stderr.splitlines()
    assert len(failed) == 2
    assert failed[0].startswith("shopguard: 钉钉：没有发出：钉钉拒绝了消息（错误码 310000：sign not match）")
    assert failed[1].startswith("shopguard: 飞书：没有发出：飞书服务器回复 HTTP 500")
    assert [len(s.received) for s in robots.values()] == [1, 1, 1]


def test_push_test_and_nothing_configured(keyring_file, robots):
    nothing = run("push", "--demo")
    assert nothing.returncode == 2 and "还没有设置群机器人" in nothing.stderr
    assert run("settings", "push_wecom_url", f"{robots['wecom'].url}/send?key=k").returncode == 0
    done = run("push", "--test")
    assert done.returncode == 0 and done.stdout.strip() == "企业微信：已发送"
    assert "测试消息" in robots["wecom"].received[0].json["text"]["content"]


def test_a_bad_url_is_refused_before_it_is_kept(keyring_file):
    done = run("settings", "push_feishu_url", "http://open.feishu.cn/open-apis/bot/v2/hook/x")
    assert done.returncode == 2 and "https://" in done.stderr
    assert not keyring_file.exists()


def test_a_failed_email_does_not_stop_the_push(keyring_file, robots, isolated_home):
    configure(robots)
    # No sender set: the email cannot go, the group chats still get the digest, and the run says both.
    done = run("report", "--demo", "--send", "--push", "--out", isolated_home / "r.xlsx")
    assert done.returncode == 2
    assert "晨报没有发出" in done.stderr and "请先设置发件邮箱" in done.stderr
    assert "企业微信：已发送" in done.stdout
    assert [len(s.received) for s in robots.values()] == [1, 1, 1]


def test_a_secret_can_come_from_stdin_so_it_stays_out_of_the_shell_history(keyring_file):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "shopguard", "settings", "push_feishu_secret", "-"],
                          input=f"{FEISHU_SECRET}\n", capture_output=True, text=True, encoding="utf-8")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert FEISHU_SECRET in keyring_file.read_text(encoding="utf-8") and FEISHU_SECRET not in done.stdout


def test_a_refused_push_does_not_stop_the_email_and_the_run_says_which(keyring_file, robots, smtp_server, tmp_path):
    import subprocess
    import sys

    from tests.mail_helpers import PASSWORD, USER

    inbox, server = smtp_server
    settings = {"mail_preset": "custom", "mail_host": "127.0.0.1", "mail_port": str(server.port),
                "mail_security": "none", "mail_user": USER, "mail_to": "packer@example.com"}  # fmt: skip
    for key, value in settings.items():
        assert run("settings", key, value).returncode == 0
    saved = subprocess.run([sys.executable, "-m", "shopguard", "mail", "password"], input=f"{PASSWORD}\n",
                           capture_output=True, text=True, encoding="utf-8")  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    configure(robots)
    robots["wecom"].reply = {"errcode": 93000, "errmsg": "invalid webhook url"}
    done = run("report", "--demo", "--send", "--push", "--out", tmp_path / "r.xlsx")
    assert done.returncode == 2
    assert len(inbox.messages) == 1 and "晨报已发给 packer@example.com" in done.stdout
    assert "钉钉：已发送" in done.stdout and "飞书：已发送" in done.stdout
    refused = "shopguard: 企业微信：没有发出：企业微信拒绝了消息（错误码 93000：invalid webhook url）"
    assert done.stderr.startswith(refused)


def test_a_push_from_the_store_says_how_current_it_is(keyring_file, robots, tmp_path):
    from tests.exports import order_row, write_csv

    configure(robots)
    assert run("push").returncode == 0  # nothing imported yet: the group is told, not given an "all clear"
    first = robots["wecom"].received[0].json["text"]["content"]
    assert first.splitlines()[1] == "注意：ShopGuard 里还没有导入任何抖店导出文件，这条消息不代表没有要处理的订单。"
    assert run("import", write_csv(tmp_path / "1699754430_订单导出.csv", [order_row()])).returncode == 0
    assert run("push").returncode == 0
    assert robots["wecom"].received[1].json["text"]["content"].splitlines()[1].startswith("数据来自 ")


def test_a_workbook_that_cannot_be_written_does_not_stop_the_push(keyring_file, robots, isolated_home):
    configure(robots)
    blocker = isolated_home / "不是文件夹"
    blocker.write_text("a file where the report's folder should be", encoding="utf-8")
    done = run("report", "--demo", "--push", "--out", blocker / "r.xlsx")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert str(blocker) in done.stderr  # the path the merchant gave, in the message
    assert "企业微信：已发送" in done.stdout
    assert [len(s.received) for s in robots.values()] == [1, 1, 1]
