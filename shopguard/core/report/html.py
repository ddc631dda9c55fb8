"""The report as an email body: inline styles and a table layout (what Outlook, Foxmail and webmail agree
on), no scripts, the counts and the most urgent clocks with what to do."""

from __future__ import annotations

from html import escape

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import Deadline
from shopguard.core.report.content import ReportContent
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.triage.actions import ACTIONS, what_to_do
from shopguard.core.triage.buckets import BUCKETS, bucket_of, describe_left
from shopguard.core.triage.shop_risk import describe_shop_risk

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
CELL = "padding:6px;border-bottom:1px solid #ddd"
FONT = "font-family:'Microsoft YaHei','PingFang SC','Hiragino Sans GB',Arial,sans-serif"


def subject(content: ReportContent) -> str:
    day = content.as_of.strftime("%Y-%m-%d")
    soon = content.counts.get("within_6h", 0) + content.counts.get("within_24h", 0)
    check = f"{content.to_check} 单需要核对，" if content.to_check else ""
    return f"ShopGuard 晨报 {day}: {content.overdue} 单已超时，{check}{soon} 单 24 小时内到期"


def render_html(content: ReportContent) -> str:
    cells = "".join(_count_cell(content, bucket) for bucket in BUCKETS)
    risk = (
        f"<p style='margin:0 0 12px 0;font-weight:bold;{FONT}'>{escape(describe_shop_risk(content.shop_risk))}</p>"
        if content.shop_risk
        else ""
    )
    rows = [_todo_row(deadline) for deadline in content.todo[:TOP_ITEMS]]
    more = len(content.todo) - TOP_ITEMS
    more_line = f"<p style='color:#666;{FONT}'>另有 {more} 项，见附件「今日待办」。</p>" if more > 0 else ""
    notices = "".join(f"<p style='color:#5c4400;{FONT}'>提示：{escape(notice)}</p>" for notice in content.notices)
    body = (
        "<p style='color:#1e6b34'>今天没有已超时、需要核对或 24 小时内到期的时钟。</p>"
        if not rows
        else "<table cellpadding='0' cellspacing='0' style='border-collapse:collapse;font-size:13px;width:100%'>"
        "<tr style='background:#f0f2f5;text-align:left'>"
        + "".join(
            f"<th style='padding:6px'>{name}</th>"
            for name in ("剩余", "时钟", "订单 / 单号", "商品", "截止", "在哪里处理")
        )
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )
    packs = "、".join(content.rule_packs)
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{escape(subject(content))}</title></head>"
        f"<body style='margin:0;padding:16px;background:#ffffff;{FONT};color:#222'>"
        f"<h2 style='margin:0 0 4px 0;{FONT}'>ShopGuard 晨报</h2>"
        f"<p style='margin:0 0 12px 0;color:#555'>截至 {format_time(content.as_of)}（北京时间）</p>{risk}"
        f"<table cellpadding='0' cellspacing='4'><tr>{cells}</tr></table>"
        f"<h3 style='{FONT}'>今日待办（已超时、需要核对和 24 小时内到期，最紧急的在前）</h3>{body}{more_line}{notices}"
        f"<p style='color:#888;font-size:12px'>完整清单见附件工作簿。规则包：{escape(packs)}</p>"
        "</body></html>"
    )


def _count_cell(content: ReportContent, bucket: str) -> str:
    """A group's count, and the money its open clocks put at risk when that is known."""
    money = content.money_totals.get(bucket)
    return (
        f"<td style='padding:10px 14px;background:{BACKGROUNDS[bucket]};color:{COLOURS[bucket]};{FONT}'>"
        f"<div style='font-size:12px'>{BUCKETS[bucket]}</div>"
        f"<div style='font-size:22px;font-weight:bold'>{content.counts.get(bucket, 0)}</div>"
        + (f"<div style='font-size:12px'>可能扣款 ¥{money}</div>" if money else "")
        + "</td>"
    )


def _todo_row(deadline: Deadline) -> str:
    """One clock of the to-do table; one that cannot be judged gets a second row with what to check."""
    bucket = bucket_of(deadline)
    where = ACTIONS[deadline.kind].where[0]
    checking = bucket == "check"
    opening = f"<tr style='background:{BACKGROUNDS[bucket]}'>" if checking else "<tr>"  # one block with its note
    row = (
        opening
        + f"<td style='{CELL};color:{COLOURS[bucket]};white-space:nowrap'>{escape(describe_left(deadline))}</td>"
        f"<td style='{CELL}'>{CLOCKS[deadline.kind]}</td>"
        f"<td style='{CELL};white-space:nowrap'>{escape(deadline.order_id or '')}<br>"
        f"<span style='color:#666'>{escape(deadline.after_sale_id or deadline.tracking_no or '')}</span></td>"
        f"<td style='{CELL}'>{escape(deadline.product or '')}</td>"
        f"<td style='{CELL};white-space:nowrap'>{format_time(deadline.due) or '—'}</td>"
        f"<td style='{CELL}'>{escape(where)}</td>"
        "</tr>"
    )
    if not checking:
        return row
    return row + (
        f"<tr><td colspan='6' style='{CELL};background:{BACKGROUNDS[bucket]};color:{COLOURS[bucket]}'>"
        f"{escape(what_to_do(deadline))}</td></tr>"
    )


def render_text(content: ReportContent) -> str:
    """The plain-text alternative for clients that do not show HTML."""
    lines = [f"ShopGuard 晨报 · 截至 {format_time(content.as_of)}（北京时间）", ""]
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
