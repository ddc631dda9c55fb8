"""Which group robots are set up. Their webhook URLs (they carry the robot's key) and signing secrets live in
the OS keyring, like the SMTP password: never in the settings file, the database, a log or a report."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from shopguard.core.alerts.robots import ROBOTS, Robot

KEYRING_SERVICE = "ShopGuard push"
# setting name -> what it is, for `shopguard settings` and the dialog
SECRET_SETTINGS = {
    "push_wecom_url": "企业微信群机器人 webhook 地址（含 key，存入系统密码保管服务）",
    "push_dingtalk_url": "钉钉群机器人 webhook 地址（含 access_token，存入系统密码保管服务）",
    "push_dingtalk_secret": "钉钉机器人加签密钥 SEC…（存入系统密码保管服务）",
    "push_feishu_url": "飞书群机器人 webhook 地址（存入系统密码保管服务）",
    "push_feishu_secret": "飞书机器人签名校验密钥（存入系统密码保管服务）",
}


class SecretStoreError(Exception):
    """The OS keyring cannot be used; the text says so in the merchant's words."""


@dataclass(frozen=True, slots=True)
class Channel:
    robot: Robot
    url: str
    secret: str | None


def save_secret(key: str, value: str | None) -> None:
    """Keep (or with None / "" forget) one push setting in the keyring."""
    if key not in SECRET_SETTINGS:
        raise KeyError(key)
    import keyring  # here, not at the top: it takes 40 ms, and most commands never need a secret

    try:
        if value:
            keyring.set_password(KEYRING_SERVICE, key, value.strip())
        else:
            try:
                keyring.delete_password(KEYRING_SERVICE, key)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing was kept
    except keyring.errors.KeyringError as error:
        raise SecretStoreError(f"无法使用系统的密码保管服务：{error}") from None


def load_secret(key: str) -> str | None:
    import keyring  # when a secret is needed (see save_secret)

    try:
        return keyring.get_password(KEYRING_SERVICE, key) or None
    except keyring.errors.KeyringError as error:
        raise SecretStoreError(f"无法从系统的密码保管服务读取 {key}：{error}") from None


def masked(key: str, value: str | None) -> str:
    """What the dialog shows of a saved value: the host of a URL, never its key; never a secret."""
    if not value:
        return "（未设置）"
    if key.endswith("_url"):
        return f"{urllib.parse.urlsplit(value).hostname or '?'}/…****"
    return "****"


def masked_line(key: str, value: str | None) -> str:
    """What `shopguard settings` shows."""
    return masked(key, value) + ("（已保存在系统密码保管服务）" if value else "")


def configured_channels() -> list[Channel]:
    """The robots whose webhook URL is saved, in a fixed order."""
    channels = []
    for robot in ROBOTS.values():
        url = load_secret(robot.url_setting)
        if url:
            secret = load_secret(robot.secret_setting) if robot.secret_setting else None
            channels.append(Channel(robot, url, secret))
    return channels
