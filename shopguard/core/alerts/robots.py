"""企业微信 / 钉钉 / 飞书 group robots: the request each expects, and its reply read as accepted or a reason.

Signing, as each platform documents it:
- 钉钉 加签: sign = URL-encode(base64(HMAC-SHA256(key=secret, message="{timestamp}\\n{secret}"))), timestamp in
  milliseconds, both added to the webhook's query string.
- 飞书 签名校验: the string "{timestamp}\\n{secret}" is the HMAC-SHA256 *key* and the message is empty; base64;
  timestamp in seconds (within an hour of the server's clock); both go into the JSON body as "timestamp" and
  "sign". (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot, as quoted with its Java SignDemo in
  blog.csdn.net/ASDQWE09876/article/details/144612767 and blog.csdn.net/zhanglili1993/article/details/136473704;
  note that it differs from 钉钉, where the secret is the key.)
- 企业微信: the key is part of the webhook URL; no signature.

A webhook URL carries the robot's key: it never appears in a message, only its host does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

TIMEOUT = 10.0  # seconds; a channel that hangs must not hold up the others or the email for long
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class PushError(Exception):
    """The robot did not accept the message; the text says why in the merchant's words."""


@dataclass(frozen=True, slots=True)
class Robot:
    id: str
    name: str
    url_setting: str
    secret_setting: str | None
    example: str  # what its webhook URL looks like


ROBOTS = {
    robot.id: robot
    for robot in (
        Robot("wecom", "企业微信", "push_wecom_url", None, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"),
        Robot(
            "dingtalk", "钉钉", "push_dingtalk_url", "push_dingtalk_secret",
            "https://oapi.dingtalk.com/robot/send?access_token=…",
        ),
        Robot(
            "feishu", "飞书", "push_feishu_url", "push_feishu_secret",
            "https://open.feishu.cn/open-apis/bot/v2/hook/…",
        ),
    )
}  # fmt: skip


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签, URL-encoded as it goes into the query string."""
    message = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """飞书 签名校验: "{timestamp}\\n{secret}" is the key, the message is empty."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def check_url(robot: Robot, url: str) -> str:
    """The webhook URL as typed, or PushError: https only (plain http only to this computer, for tests)."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise PushError(f"{robot.name}的 webhook 地址不对：应以 https:// 开头，如 {robot.example}")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise PushError(f"{robot.name}的 webhook 地址应以 https:// 开头（不加密的地址会让机器人的密钥被人看到）")
    return url


def build_request(robot: Robot, url: str, secret: str | None, text: str, clock: Callable[[], float] = time.time):
    """(URL, JSON body bytes) for one text message."""
    url = check_url(robot, url)
    if robot.id == "wecom":
        body = {"msgtype": "text", "text": {"content": text}}
    elif robot.id == "dingtalk":
        body = {"msgtype": "text", "text": {"content": text}}
        if secret:
            stamp = int(clock() * 1000)
            url += ("&" if urllib.parse.urlsplit(url).query else "?") + (
                f"timestamp={stamp}&sign={dingtalk_sign(secret, stamp)}"
            )
    else:
        body = {"msg_type": "text", "content": {"text": text}}
        if secret:
            stamp = int(clock())
            body = {"timestamp": str(stamp), "sign": feishu_sign(secret, stamp), **body}
    return url, json.dumps(body, ensure_ascii=False).encode("utf-8")


def error_in_reply(robot: Robot, reply: dict) -> str | None:
    """The platform's refusal in a 200 reply: errcode (企业微信, 钉钉), code or StatusCode (飞书)."""
    for code_key, message_key in (("errcode", "errmsg"), ("code", "msg"), ("StatusCode", "StatusMessage")):
        code = reply.get(code_key)
        if code not in (None, 0, "0"):
            return f"错误码 {code}：{reply.get(message_key) or '没有说明'}"
    return None


def send_text(
    robot: Robot, url: str, secret: str | None, text: str, timeout: float = TIMEOUT,
    clock: Callable[[], float] = time.time,
) -> None:  # fmt: skip
    """Post one text message; returns when the robot accepted it, else raises PushError."""
    import urllib.error  # here, not at the top: urllib.request and http.client take 30 ms at every command's start
    import urllib.request

    target, body = build_request(robot, url, secret, text, clock)
    host = urllib.parse.urlsplit(target).hostname
    request = urllib.request.Request(
        target, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(1 << 20)
    except urllib.error.HTTPError as error:
        raise PushError(
            f"{robot.name}服务器回复 HTTP {error.code}：请检查 webhook 地址是否完整、机器人是否还在群里"
        ) from None
    except TimeoutError:
        raise PushError(_no_reply(robot, timeout, host)) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise PushError(_no_reply(robot, timeout, host)) from None
        raise PushError(f"连不上{robot.name}的服务器 {host}：请检查网络和 webhook 地址") from None
    except (OSError, ValueError) as error:  # a reset connection, a malformed address
        raise PushError(f"连不上{robot.name}的服务器 {host}（{error.__class__.__name__}）") from None
    try:
        reply = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PushError(f"{robot.name}的回复无法识别（不是机器人接口的回复）：请检查 webhook 地址") from None
    if not isinstance(reply, dict):
        raise PushError(f"{robot.name}的回复无法识别：请检查 webhook 地址")
    refusal = error_in_reply(robot, reply)
    if refusal:
        hint = "请核对 webhook 地址" + ("和签名密钥" if robot.secret_setting else "")
        raise PushError(f"{robot.name}拒绝了消息（{refusal}）：{hint}，以及机器人的安全设置（关键词填「ShopGuard」）")


def _no_reply(robot: Robot, timeout: float, host: str | None) -> str:
    return f"{robot.name}在 {timeout:g} 秒内没有回复（{host}）：请检查网络，稍后再试"
