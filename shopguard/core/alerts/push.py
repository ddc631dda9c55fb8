"""One digest to every configured robot. Each channel is tried on its own: a refusal, a timeout or a broken
keyring for one never stops the others (nor the email, which the caller sends separately)."""

from __future__ import annotations

from dataclasses import dataclass

from shopguard.core.alerts.channels import Channel
from shopguard.core.alerts.robots import TIMEOUT, PushError, send_text


@dataclass(frozen=True, slots=True)
class PushResult:
    channel: str  # the robot's name, 企业微信 …
    ok: bool
    message: str  # why it failed, in the merchant's words ("" when accepted)


def push_to_all(channels: list[Channel], text: str, timeout: float = TIMEOUT) -> list[PushResult]:
    """Send `text` once to each channel, in order; one result per channel."""
    results = []
    for channel in channels:
        try:
            send_text(channel.robot, channel.url, channel.secret, text, timeout)
        except PushError as error:
            results.append(PushResult(channel.robot.name, False, str(error)))
        else:
            results.append(PushResult(channel.robot.name, True, ""))
    return results


def describe_results(results: list[PushResult]) -> list[str]:
    """One line per channel."""
    return [f"{r.channel}：{'已发送' if r.ok else '没有发出：' + r.message}" for r in results]
