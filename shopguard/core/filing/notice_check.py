"""Before drafting a filing: does a saved platform notice already cover these orders? An automatic one means no
filing is needed; one that needs filing means: file under that notice (core/rules/notices.py)."""

from __future__ import annotations

from dataclasses import dataclass

from shopguard.core.deadlines.engine import Deadline
from shopguard.core.rules.notices import Notice

NOTICE_PREFIX = "notice-"


@dataclass(frozen=True, slots=True)
class NoticeCover:
    notice: Notice
    order_ids: tuple[str, ...]

    def advice(self) -> str:
        notice, orders = self.notice, "、".join(self.order_ids)
        if notice.needs_filing:
            return (f"公告 #{notice.id}「{notice.title}」覆盖订单 {orders}（{notice.effect()}）："
                    "请按这份公告报备，报备说明会写明依据的公告。")  # fmt: skip
        return (f"公告 #{notice.id}「{notice.title}」已由平台主动豁免订单 {orders} 的发货时限"
                f"（{notice.effect()}）：这些订单无需报备。")  # fmt: skip


def covering_notices(deadlines: list[Deadline], notices: list[Notice]) -> list[NoticeCover]:
    """The notices whose rule set any of these clocks, each with the orders it covers."""
    by_id = {notice.id: notice for notice in notices}
    orders: dict[int, dict[str, None]] = {}
    for deadline in deadlines:
        if deadline.status == "met":  # done in time: nothing to file for, whatever covered it
            continue
        pack_id = deadline.rule.partition("/")[0]
        if pack_id.startswith(NOTICE_PREFIX) and pack_id[len(NOTICE_PREFIX) :].isdigit():
            orders.setdefault(int(pack_id[len(NOTICE_PREFIX) :]), {})[deadline.order_id or ""] = None
    known = sorted(notice_id for notice_id in orders if notice_id in by_id)
    return [NoticeCover(by_id[notice_id], tuple(orders[notice_id])) for notice_id in known]


def notice_line(covers: list[NoticeCover]) -> str | None:
    """The line the drafted text gives the notice a 报备 is filed under, if any."""
    titles = [f"「{cover.notice.title}」" for cover in covers if cover.notice.needs_filing]
    return f"依据平台公告：{'、'.join(titles)}（订单在公告列出的地区和时间内）" if titles else None
