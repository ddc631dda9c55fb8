"""The digest a run sends to the group chats: one message, never one per order.

企业微信's group robot takes text up to 2,048 bytes (钉钉 and 飞书 take more; reference:
douyin-penalties-and-notices-2026.md §2.5), so every digest is kept within 2,048 UTF-8 bytes for all three:
the most urgent clocks are listed while they fit, the rest counted in "还有 N 条", and a cut never splits a
character.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from shopguard.core.clock import format_time
from shopguard.core.report.content import ReportContent
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.store.database import Store
from shopguard.core.triage.buckets import describe_left, describe_span
from shopguard.core.triage.product_risk import describe_product_risk
from shopguard.core.triage.shop_risk import describe_shop_risk

MAX_BYTES = 2048  # 企业微信 text limit, the smallest of the three robots
TOP = 10
TITLE = "ShopGuard 时效提醒"  # also the keyword a 钉钉 / 飞书 robot with keyword security can be set to
TEST_TEXT = f"{TITLE}：测试消息。这个群能收到 ShopGuard 的时效提醒了。"


def cut_to_bytes(text: str, limit: int = MAX_BYTES) -> str:
    """The longest start of `text` within `limit` UTF-8 bytes, ending on a whole character."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")  # a partial last character is dropped, never sent


OPEN = ("overdue", "pending", "unknown")


def money_line(content: ReportContent) -> str:
    """Money the open clocks can still cost, and how many of them have no known amount (not counted as 0)."""
    known = sum((amount for bucket, amount in content.money_totals.items() if bucket != "closed"), Decimal("0.00"))
    unknown = sum(1 for d in content.deadlines if d.status in OPEN and d.money_at_risk is None)
    return f"可能扣款 ¥{known:.2f}" + (f"（另有 {unknown} 条没有适用的扣款标准，金额未知）" if unknown else "")


def _item(number: int, deadline) -> str:
    order = deadline.order_id or deadline.after_sale_id or deadline.tracking_no or "（无单号）"
    return f"{number}. {order} {CLOCKS.get(deadline.kind, deadline.kind)} {describe_left(deadline)}"


STALE_AFTER = timedelta(hours=24)
NOTHING_IMPORTED = "注意：ShopGuard 里还没有导入任何抖店导出文件，这条消息不代表没有要处理的订单。"


def freshness_line(store: Store, as_of: datetime) -> str:
    """How current the store's data is: an "all clear" from an empty or stale store must not read as one."""
    latest = store.connection.execute("SELECT MAX(imported_at) FROM imports WHERE kind IS NOT NULL").fetchone()[0]
    if latest is None:
        return NOTHING_IMPORTED
    imported = datetime.fromisoformat(latest).astimezone(as_of.tzinfo)
    if as_of - imported > STALE_AFTER:
        ago = describe_span(int((as_of - imported).total_seconds()))
        return (
            f"注意：最近一次导入是 {format_time(imported)[:16]}（{ago}前），之后的新订单不在清单里："
            "请先导入今天的抖店导出文件。"
        )
    return f"数据来自 {format_time(imported)[:16]} 的导入"


def render_digest(content: ReportContent, limit: int = MAX_BYTES, freshness: str | None = None) -> str:
    """The message: the counts, money at risk, today's shop risk, the 10 most urgent, and how many more;
    `freshness` (see freshness_line) right under the title when the clocks come from the store."""
    head = [
        f"{TITLE} · {format_time(content.as_of)[:16]}（北京时间）",
        *([freshness] if freshness else []),
        f"已超时 {content.overdue} 条 · 6小时内到期 {content.counts.get('within_6h', 0)} 条"
        + (f" · 需要核对 {content.to_check} 条" if content.to_check else ""),
        money_line(content),
    ]
    if content.shop_risk is not None:
        head.append(describe_shop_risk(content.shop_risk))
    product_line = describe_product_risk(content.product_risk) if content.product_risk is not None else None
    if product_line:
        head.append(product_line)
    urgent = content.todo
    if not urgent:
        head.append("今天没有已超时、需要核对或 24 小时内到期的订单。")
        return cut_to_bytes("\n".join(head), limit)
    head.append("最紧急的：")
    lines = [_item(number, deadline) for number, deadline in enumerate(urgent[:TOP], start=1)]
    # Drop items from the end until the message and its "还有 N 条" line fit.
    while True:
        more = len(urgent) - len(lines)
        text = "\n".join(head + lines + ([f"还有 {more} 条，见 ShopGuard 或晨报邮件。"] if more else []))
        if len(text.encode("utf-8")) <= limit or not lines:
            return cut_to_bytes(text, limit)
        lines.pop()
