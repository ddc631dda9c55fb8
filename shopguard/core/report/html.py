"""The report as an email body that reads on a phone (390 px) and on a desktop.

Inline styles only, no scripts and no <style> block (what Outlook, Foxmail, QQ Mail and webmail agree on).
Every attribute is in double quotes and font names inside it in single quotes, so an attribute never ends
early; every piece of text from an export goes through escape(). The to-do list is one card per clock
(countdown and money first, then the order, the product, the due time and where to act) in a column at most
720 px wide: on a phone the cards fill the screen, on a desktop they stay a readable column.
"""

from __future__ import annotations

from html import escape

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import Deadline
from shopguard.core.report.content import ReportContent
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.triage.actions import ACTIONS, what_to_do
from shopguard.core.triage.buckets import BUCKETS, bucket_of, describe_left
from shopguard.core.triage.money_totals import describe_money
from shopguard.core.triage.product_risk import describe_product_risk
from shopguard.core.triage.shop_risk import ShopRisk, describe_shop_risk

TOP_ITEMS = 30
COLOURS = {
    "overdue": "#a4161a",
    "check": "#5b2a86",
    "within_6h": "#8a4b00",
    "within_24h": "#6b5900",
    "later": "#333333",
    "closed": "#1e6b34",
}
BACKGROUNDS = {
    "overdue": "#fde2e1",
    "check": "#efe6f8",
    "within_6h": "#ffe8cc",
    "within_24h": "#fff6cc",
    "later": "#f4f6f8",
    "closed": "#e6f4ea",
}
FONT = "font-family:'Microsoft YaHei','PingFang SC','Hiragino Sans GB',Arial,sans-serif"
# The shop-risk box: red once a sanction is reached, amber while one is within reach today, green when none can
# be reached today, grey when the sanctions for that period are not known (green would claim it is safe).
RISK_LOOK = {"red": ("#fde2e1", "#a4161a"), "amber": ("#ffe8cc", "#8a4b00"), "green": ("#e6f4ea", "#1e6b34"),
             "unknown": ("#f4f6f8", "#333333")}  # fmt: skip


def subject(content: ReportContent) -> str:
    day = content.as_of.strftime("%Y-%m-%d")
    soon = content.counts.get("within_6h", 0) + content.counts.get("within_24h", 0)
    check = f"{content.to_check} 单需要核对，" if content.to_check else ""
    return f"ShopGuard 晨报 {day}: {content.overdue} 单已超时，{check}{soon} 单 24 小时内到期"


def render_html(content: ReportContent) -> str:
    tiles = "".join(_count_tile(content, bucket) for bucket in BUCKETS)
    cards = "".join(_todo_card(deadline) for deadline in content.todo[:TOP_ITEMS])
    more = len(content.todo) - TOP_ITEMS
    more_line = _p(f"另有 {more} 项，见附件「今日待办」。", "color:#555") if more > 0 else ""
    notices = "".join(_p(f"提示：{escape(notice)}", "color:#5c4400") for notice in content.notices)
    body = cards or _p("今天没有需要处理的订单：没有已超时、需要核对或 24 小时内到期的时钟。", "color:#1e6b34")
    packs = "、".join(content.rule_packs)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(subject(content))}</title></head>"
        f'<body style="margin:0;padding:0;background:#f4f6f8;color:#222;{FONT}">'
        f'<div style="max-width:720px;margin:0 auto;padding:12px;background:#ffffff;{FONT}">'
        f'<h2 style="margin:0 0 4px 0;font-size:20px;{FONT}">ShopGuard 晨报</h2>'
        f"{_p(f'截至 {format_time(content.as_of)}（北京时间）', 'margin:0 0 12px 0;color:#555')}"
        f"{_risk_box(content.shop_risk) if content.shop_risk else ''}"
        f"{_product_line(content)}"
        f'<div style="margin:0 0 8px 0">{tiles}</div>'
        f'<h3 style="margin:16px 0 4px 0;font-size:16px;{FONT}">今日待办</h3>'
        f"{_p('已超时、需要核对和 24 小时内到期，最紧急的在前', 'margin:0 0 8px 0;color:#555;font-size:13px')}"
        f"{body}{more_line}{notices}"
        f"{_p(f'完整清单见附件工作簿。规则包：{escape(packs)}', 'color:#888;font-size:12px')}"
        "</div></body></html>"
    )


def _p(inner: str, style: str) -> str:
    """A paragraph; `inner` is already escaped HTML."""
    return f'<p style="{style};{FONT}">{inner}</p>'


def _risk_box(risk: ShopRisk) -> str:
    known = risk.source.startswith("「")  # the table's title; otherwise the reason there is none
    level = "red" if risk.level else "amber" if risk.next_level else "green" if known else "unknown"
    background, colour = RISK_LOOK[level]
    return (
        f'<div style="margin:0 0 12px 0;padding:10px 12px;border-radius:6px;background:{background};'
        f'color:{colour};font-size:14px;font-weight:bold;{FONT}">{escape(describe_shop_risk(risk))}</div>'
    )


def _product_line(content: ReportContent) -> str:
    line = describe_product_risk(content.product_risk) if content.product_risk else None
    return _p(escape(line), "margin:0 0 12px 0;color:#b3261e;font-weight:bold") if line else ""


def _count_tile(content: ReportContent, bucket: str) -> str:
    """A group's count, and the money its open clocks put at risk when that is known. Three to a row on a phone
    (390 px), six on a desktop."""
    money = content.money_totals.get(bucket)
    return (
        f'<div style="display:inline-block;vertical-align:top;width:86px;margin:0 4px 6px 0;padding:8px 10px;'
        f'border-radius:6px;background:{BACKGROUNDS[bucket]};color:{COLOURS[bucket]};{FONT}">'
        f'<div style="font-size:12px">{BUCKETS[bucket]}</div>'
        f'<div style="font-size:22px;font-weight:bold">{content.counts.get(bucket, 0)}</div>'
        + (f'<div style="font-size:12px">可能扣款<br>¥{money:,}</div>' if money else "")
        + "</div>"
    )


def _todo_card(deadline: Deadline) -> str:
    """One clock: countdown, clock and money on top; order and parcel/after-sale number; product; due time;
    where to act. A clock that cannot be judged says what to check instead."""
    bucket = bucket_of(deadline)
    colour = COLOURS[bucket]
    other_id = deadline.after_sale_id or deadline.tracking_no
    lines = [
        f'<div style="font-size:13px;color:#333">订单 <span style="font-family:Consolas,Menlo,monospace">'
        f"{escape(deadline.order_id or '—')}</span>" + (f" · {escape(other_id)}" if other_id else "") + "</div>",
        f'<div style="font-size:13px;color:#333">截止 {format_time(deadline.due) or "—"}</div>',
    ]
    if deadline.product:
        lines.insert(1, f'<div style="font-size:13px;color:#555">{escape(deadline.product)}</div>')
    if bucket == "check":
        lines.append(f'<div style="font-size:13px;color:{colour};margin-top:4px">{escape(what_to_do(deadline))}</div>')
    else:
        where = ACTIONS[deadline.kind].where[0]
        lines.append(f'<div style="font-size:12px;color:#555;margin-top:2px">在 {escape(where)} 处理</div>')
    money = describe_money(deadline)
    return (
        f'<div style="margin:0 0 8px 0;padding:8px 10px;border-left:4px solid {colour};'
        f'background:{BACKGROUNDS[bucket]};border-radius:4px;{FONT}">'
        f'<div style="font-size:15px;font-weight:bold;color:{colour}">{escape(describe_left(deadline))}'
        f'<span style="font-weight:normal;color:#333"> · {CLOCKS[deadline.kind]}</span>'
        + (f'<span style="font-weight:normal;color:#333"> · 可能扣款 {escape(money)}</span>' if money != "—" else "")
        + "</div>"
        + "".join(lines)
        + "</div>"
    )


def render_text(content: ReportContent) -> str:
    """The plain-text alternative for clients that do not show HTML."""
    lines = [f"ShopGuard 晨报 · 截至 {format_time(content.as_of)}（北京时间）", ""]
    if content.shop_risk:
        lines += [describe_shop_risk(content.shop_risk), ""]
    if content.product_risk and (product_line := describe_product_risk(content.product_risk)):
        lines += [product_line, ""]
    lines.append("  ".join(f"{BUCKETS[bucket]} {content.counts.get(bucket, 0)}" for bucket in BUCKETS))
    lines.append("")
    for deadline in content.todo[:TOP_ITEMS]:
        lines.append(
            f"{describe_left(deadline)}  {CLOCKS[deadline.kind]}  {deadline.order_id or ''}  "
            f"{deadline.after_sale_id or deadline.tracking_no or ''}  截止 {format_time(deadline.due) or '—'}"
        )
        if deadline.status == "unknown":
            lines.append(f"    {what_to_do(deadline)}")
    if len(content.todo) > TOP_ITEMS:
        lines.append(f"另有 {len(content.todo) - TOP_ITEMS} 项，见附件。")
    lines += [f"提示：{notice}" for notice in content.notices]
    return "\n".join(lines) + "\n"
