"""Triage buckets and countdown wording, shared by the CLI, the window and the report."""

from __future__ import annotations

from shopguard.core.deadlines.engine import Deadline

BUCKETS = {
    "overdue": "已超时",
    "check": "需要核对",  # status unknown: cannot be computed, or the data contradicts itself
    "within_6h": "6小时内",
    "within_24h": "24小时内",  # due within the next 24 hours (not "today": it can end after midnight)
    "later": "24小时后",
    "closed": "已完成/豁免",
}
# The window's to-do list keeps an open clock the merchant marked 已处理 in a group of its own until it ends
# (todo_bucket_of); the CLI and the report list every open clock by urgency.
HANDLED = "handled"
HANDLED_NAME = "已处理"
OPEN = ("overdue", "pending", "unknown")
SIX_HOURS = 6 * 3600
DAY = 24 * 3600


def bucket_of(deadline: Deadline) -> str:
    if deadline.status == "overdue":
        return "overdue"
    if deadline.status == "unknown":
        return "check"
    if deadline.status != "pending":
        return "closed"
    if deadline.seconds_left <= SIX_HOURS:
        return "within_6h"
    if deadline.seconds_left <= DAY:
        return "within_24h"
    return "later"


# The window's groups, most urgent first: the urgency buckets with 已处理 before the finished clocks.
TODO_GROUPS = ("overdue", "check", "within_6h", "within_24h", "later", HANDLED, "closed")


def todo_bucket_of(deadline: Deadline) -> str:
    if deadline.handled and deadline.status in OPEN:
        return HANDLED
    return bucket_of(deadline)


def span_parts(seconds: int) -> tuple[int, int, int]:
    """(days, hours, minutes) of a countdown, whichever side of the deadline it is on."""
    days, rest = divmod(abs(seconds), DAY)
    hours, rest = divmod(rest, 3600)
    return days, hours, rest // 60


def describe_span(seconds: int) -> str:
    """`2天3小时`, `5小时12分`, `8分`: the two largest units, as a merchant reads a countdown."""
    days, hours, minutes = span_parts(seconds)
    if days:
        return f"{days}天{hours}小时" if hours else f"{days}天"
    if hours:
        return f"{hours}小时{minutes}分" if minutes else f"{hours}小时"
    return f"{minutes}分" if minutes else "不到1分"


def describe_left(deadline: Deadline) -> str:
    if deadline.status == "exempt":
        return "不判罚"
    if deadline.status == "unknown":
        return "需要核对"
    if deadline.status in ("met", "missed"):
        return "按时完成" if deadline.status == "met" else "超时完成"
    if deadline.seconds_left < 0:
        return f"已超时 {describe_span(deadline.seconds_left)}"
    return f"还剩 {describe_span(deadline.seconds_left)}"
