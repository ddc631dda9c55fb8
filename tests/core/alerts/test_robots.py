"""Each robot against a real HTTP server on 127.0.0.1: the request it gets (body, size, signature recomputed
here from the documented algorithm), one message per run, and every way it can refuse."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import urllib.parse

import pytest

from shopguard.core.alerts.channels import Channel
from shopguard.core.alerts.digest import MAX_BYTES, render_digest
from shopguard.core.alerts.push import push_to_all
from shopguard.core.alerts.robots import ROBOTS, PushError, check_url, send_text
from tests.core.alerts.helpers import demo_content, many_urgent_content
from tests.robot_servers import RobotServer

SECRET = "SEC0123456789abcdef密"


@pytest.fixture
def server():
    robot = RobotServer().start()
    yield robot
    robot.stop()


def test_wecom_gets_one_text_message_within_2048_bytes(server):
    text = render_digest(many_urgent_content())
    send_text(ROBOTS["wecom"], f"{server.url}/cgi-bin/webhook/send?key=abc-123", None, text)
    [request] = server.received
    assert request.path == "/cgi-bin/webhook/send" and request.query == {"key": "abc-123"}
    assert request.headers["Content-Type"].startswith("application/json")
    body = request.json
    assert body["msgtype"] == "text"
    assert body["text"]["content"] == text
    assert len(body["text"]["content"].encode("utf-8")) <= MAX_BYTES


def test_dingtalk_signature_is_hmac_sha256_of_timestamp_newline_secret_in_milliseconds(server):
    before = int(time.time() * 1000)
    send_text(ROBOTS["dingtalk"], f"{server.url}/robot/send?access_token=tok", SECRET, "ShopGuard 时效提醒：你好")
    after = int(time.time() * 1000)
    [request] = server.received
    assert request.query["access_token"] == "tok"
    stamp = int(request.query["timestamp"])
    assert before <= stamp <= after  # milliseconds, now
    # Recomputed from the documented algorithm: key = secret, message = "timestamp\nsecret", base64.
    expected = base64.b64encode(
        hmac.new(SECRET.encode(), f"{stamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    ).decode()
    assert request.query["sign"] == expected  # parse_qsl undid the URL encoding
    assert request.json == {"msgtype": "text", "text": {"content": "ShopGuard 时效提醒：你好"}}


def test_dingtalk_sign_is_url_encoded_on_the_wire(server):
    # A timestamp whose signature has "+", "/" and "=" in base64: each must arrive escaped in the raw query.
    stamp = next(t for t in range(1_700_000_000_000, 1_700_000_001_000) if _has_all_specials(t))
    send_text(ROBOTS["dingtalk"], f"{server.url}/robot/send?access_token=t", SECRET, "x", clock=lambda: stamp / 1000)
    raw_sign = server.received[0].raw_query.split("sign=")[1]
    assert "+" not in raw_sign and "/" not in raw_sign and "=" not in raw_sign
    assert urllib.parse.unquote_plus(raw_sign) == _base64_sign(stamp)


def _base64_sign(stamp: int) -> str:
    return base64.b64encode(hmac.new(SECRET.encode(), f"{stamp}\n{SECRET}".encode(), hashlib.sha256).digest()).decode()


def _has_all_specials(stamp: int) -> bool:
    sign = _base64_sign(stamp)
    return "+" in sign and "/" in sign


def test_feishu_signature_uses_timestamp_newline_secret_as_the_key_and_seconds(server):
    server.reply = {"code": 0, "msg": "success", "data": {}}
    before = int(time.time())
    send_text(ROBOTS["feishu"], f"{server.url}/open-apis/bot/v2/hook/abc", SECRET, "ShopGuard 时效提醒")
    [request] = server.received
    body = request.json
    stamp = int(body["timestamp"])
    assert before <= stamp <= int(time.time())  # seconds, not milliseconds
    key = f"{stamp}\n{SECRET}".encode()
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert body["msg_type"] == "text" and body["content"] == {"text": "ShopGuard 时效提醒"}


def test_no_secret_no_signature(server):
    send_text(ROBOTS["dingtalk"], f"{server.url}/robot/send?access_token=t", None, "x")
    send_text(ROBOTS["feishu"], f"{server.url}/hook/abc", None, "x")
    assert "sign" not in server.received[0].query
    assert "sign" not in server.received[1].json


@pytest.mark.parametrize(
    ("robot", "reply", "says"),
    [
        ("wecom", {"errcode": 93000, "errmsg": "invalid webhook url"}, "错误码 93000：invalid webhook url"),
        ("dingtalk", {"errcode": 310000, "errmsg": "sign not match"}, "错误码 310000：sign not match"),
        ("feishu", {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"}, "错误码 19021"),
        ("feishu", {"StatusCode": 9499, "StatusMessage": "Bad Request"}, "错误码 9499：Bad Request"),
    ],
)
def test_an_error_code_in_a_200_reply_is_a_refusal(server, robot, reply, says):
    server.reply = reply
    with pytest.raises(PushError) as refused:
        send_text(ROBOTS[robot], f"{server.url}/hook?key=secretkey123", "s", "x")
    assert says in str(refused.value)
    assert ROBOTS[robot].name in str(refused.value)
    assert "secretkey123" not in str(refused.value)  # the key in the URL is never shown


def test_non_200_hang_and_garbage_are_messages_without_the_key(server):
    url = f"{server.url}/cgi-bin/webhook/send?key=secretkey123"
    server.status = 404
    with pytest.raises(PushError, match="HTTP 404"):
        send_text(ROBOTS["wecom"], url, None, "x")
    server.status, server.raw_reply = 200, b"<html>login</html>"
    with pytest.raises(PushError, match="回复无法识别"):
        send_text(ROBOTS["wecom"], url, None, "x")
    server.raw_reply, server.hang = None, 5
    started = time.monotonic()
    with pytest.raises(PushError, match="0.5 秒内没有回复") as timed_out:
        send_text(ROBOTS["wecom"], url, None, "x", timeout=0.5)
    assert time.monotonic() - started < 3
    assert "secretkey123" not in str(timed_out.value) and "127.0.0.1" in str(timed_out.value)


def test_nobody_listening_and_bad_addresses():
    from tests.mail_helpers import free_port

    with pytest.raises(PushError, match="连不上企业微信的服务器"):
        send_text(ROBOTS["wecom"], f"http://127.0.0.1:{free_port()}/send?key=k", None, "x", timeout=2)
    with pytest.raises(PushError, match="https://"):
        check_url(ROBOTS["wecom"], "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")  # clear text to the net
    with pytest.raises(PushError, match="webhook 地址不对"):
        check_url(ROBOTS["feishu"], "open.feishu.cn/open-apis/bot/v2/hook/x")


def test_one_digest_per_channel_per_run_and_a_failed_channel_does_not_stop_the_others():
    wecom, dingtalk, feishu = (RobotServer().start() for _ in range(3))
    try:
        dingtalk.hang = 5  # hangs: the others still get theirs
        feishu.reply = {"code": 19021, "msg": "sign match fail"}
        channels = [
            Channel(ROBOTS["wecom"], f"{wecom.url}/send?key=k", None),
            Channel(ROBOTS["dingtalk"], f"{dingtalk.url}/robot/send?access_token=t", SECRET),
            Channel(ROBOTS["feishu"], f"{feishu.url}/hook/h", SECRET),
        ]
        text = render_digest(demo_content())
        results = push_to_all(channels, text, timeout=0.5)
        assert [(r.channel, r.ok) for r in results] == [("企业微信", True), ("钉钉", False), ("飞书", False)]
        assert "没有回复" in results[1].message and "19021" in results[2].message
        assert [len(s.received) for s in (wecom, dingtalk, feishu)] == [1, 1, 1]  # one message each, no retries
        assert wecom.received[0].json["text"]["content"] == text
    finally:
        for robot in (wecom, dingtalk, feishu):
            robot.stop()
