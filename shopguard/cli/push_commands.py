"""`shopguard push` (the digest to the group robots) and the robots' settings kept in the OS keyring."""

from __future__ import annotations

import argparse
import sys

from shopguard.cli.common import EXIT_INPUT, EXIT_OK, InputError, has_store, open_store_to_read
from shopguard.cli.triage import add_source_options, compute
from shopguard.core.alerts.channels import (
    SECRET_SETTINGS,
    SecretStoreError,
    configured_channels,
    load_secret,
    masked_line,
    save_secret,
)
from shopguard.core.alerts.robots import ROBOTS, PushError, check_url

NONE_CONFIGURED = (
    "还没有设置群机器人：在 设置 → 群机器人推送 中填写，或运行 shopguard settings push_wecom_url "
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…（钉钉 push_dingtalk_url，飞书 push_feishu_url）"
)


def add_parsers(commands, parents) -> None:
    push = commands.add_parser(
        "push", parents=parents, help="把时效摘要发到企业微信 / 钉钉 / 飞书群（每次运行每个群一条）"
    )
    add_source_options(push)
    push.add_argument("--test", action="store_true", help="只发一条测试消息，检查机器人设置")
    push.set_defaults(run=run_push)


def run_push(args: argparse.Namespace) -> int:
    from shopguard.core.alerts.digest import TEST_TEXT, render_digest
    from shopguard.core.report.content import build_content

    channels = _channels()
    if args.test:
        text = TEST_TEXT
    else:
        computed = compute(args)
        content = build_content(computed.triage, computed.filings)
        text = render_digest(content, freshness=freshness(args, content))
    return EXIT_OK if push_and_tell(channels, text) else EXIT_INPUT


def freshness(args: argparse.Namespace, content) -> str | None:
    """When the clocks come from the store: how current its data is (None for files and the demo)."""
    from shopguard.core.alerts.digest import freshness_line

    if args.demo or args.files or not has_store(args):
        return (
            None
            if (args.demo or args.files)
            else "注意：ShopGuard 里还没有导入任何抖店导出文件，这条消息不代表没有要处理的订单。"
        )
    with open_store_to_read(args) as store:
        return freshness_line(store, content.as_of)


def _channels():
    try:
        channels = configured_channels()
    except SecretStoreError as error:
        raise InputError(str(error)) from None
    if not channels:
        raise InputError(NONE_CONFIGURED)
    return channels


def push_and_tell(channels, text: str) -> bool:
    """Send, print one line per channel (failures on stderr); True when every channel accepted."""
    from shopguard.core.alerts.push import push_to_all

    results = push_to_all(channels, text)
    for result in results:
        if result.ok:
            print(f"{result.channel}：已发送")
        else:
            print(f"shopguard: {result.channel}：没有发出：{result.message}", file=sys.stderr)
    return all(result.ok for result in results)


def push_after_report(args: argparse.Namespace, content) -> bool:
    """`report --push`: the digest of the report just made; a missing setting or a failure is said, never raised,
    so that it cannot stop the email."""
    from shopguard.core.alerts.digest import render_digest

    try:
        channels = _channels()
    except InputError as error:
        print(f"shopguard: 群消息没有发出：{error}", file=sys.stderr)
        return False
    return push_and_tell(channels, render_digest(content, freshness=freshness(args, content)))


# `shopguard settings push_…`: kept in the keyring, shown masked.


def is_secret_setting(key: str | None) -> bool:
    return key in SECRET_SETTINGS


def run_secret_setting(args: argparse.Namespace) -> int:
    key = args.key
    try:
        if args.unset:
            save_secret(key, None)
            print(f"已从系统的密码保管服务删除 {key}。")
        elif args.value is None:
            print(masked_line(key, load_secret(key)))
        else:
            value = sys.stdin.readline().strip() if args.value == "-" else args.value.strip()
            if key.endswith("_url"):
                robot = next(r for r in ROBOTS.values() if r.url_setting == key)
                try:
                    value = check_url(robot, value)
                except PushError as error:
                    raise InputError(str(error)) from None
            save_secret(key, value or None)
            print(f"{key} 已保存到系统的密码保管服务（不会写入任何文件）：{masked_line(key, value)}")
    except SecretStoreError as error:
        raise InputError(str(error)) from None
    return EXIT_OK


def print_secret_settings() -> None:
    """The robots' settings, masked, after the other settings."""
    for key, label in SECRET_SETTINGS.items():
        try:
            shown = masked_line(key, load_secret(key))
        except SecretStoreError:
            shown = "（系统的密码保管服务不可用）"
        print(f"{key} = {shown}\t# {label}")
