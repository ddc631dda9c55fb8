"""报备 or 申诉, the latest moment to file, and the Chinese filing text drafted from the facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from shopguard.core.clock import end_of_day, format_time
from shopguard.core.filing.catalogue import CAUSES, FILING_TYPES, ITEMS
from shopguard.core.filing.coverage import CoverageRow
from shopguard.core.filing.model import Filing
from shopguard.core.rules.packs import CLOCKS

APPEAL_DAYS = 7  # 申诉 within 7 natural days of the violation notice


@dataclass(frozen=True, slots=True)
class FilingWindow:
    kind: str  # "report" (报备, before the deadline) or "appeal" (申诉, after a violation notice)
    latest: datetime | None
    explanation: str
    closed: bool = False  # the latest moment has passed: nothing can be submitted any more

    def is_open(self) -> bool:
        return self.latest is not None and not self.closed


REPORT_WAY = "抖店后台 → 保障中心 → 报备中心"
APPEAL_WAY = "店铺 → 店铺保障 → 申诉中心"


def filing_window(filing: Filing, coverage: list[CoverageRow], now: datetime | None = None) -> FilingWindow:
    """When the filing can be submitted at the latest. Given `now`, a 报备 whose deadline has passed turns into
    a 申诉 that waits for the violation notice, and a time in the past is never given as if still open."""
    if filing.notice_date is not None:
        latest = end_of_day(filing.notice_date, APPEAL_DAYS)
        if now is not None and latest < now:
            return FilingWindow(
                "appeal", latest, f"申诉期限 {format_time(latest)} 已过（违规通知后 {APPEAL_DAYS} 个自然日），"
                "平台不再受理这次申诉", closed=True)  # fmt: skip
        return FilingWindow(
            "appeal",
            latest,
            f"申诉：收到违规通知后 {APPEAL_DAYS} 个自然日内（按通知日 + {APPEAL_DAYS} 天的 23:59:59 计），"
            f"路径：{APPEAL_WAY}",
        )
    dues = [row.due for row in coverage if row.covered and row.due is not None]
    latest = min(dues, default=None)
    if now is not None and latest is not None and latest < now:
        return FilingWindow(
            "appeal",
            None,
            f"报备时限已过（最早的截止时间 {format_time(latest)}），不能再报备。改为申诉：等平台的违规通知，"
            f"收到后 {APPEAL_DAYS} 个自然日内在 {APPEAL_WAY} 提交；填写通知日期后开始计 {APPEAL_DAYS} 天",
        )
    return FilingWindow(
        "report",
        latest,
        f"报备：须在受影响订单的截止时间之前提交（假设：以最早的截止时间为准，平台未公布报备时限），路径：{REPORT_WAY}",
    )


def draft_text(filing: Filing, coverage: list[CoverageRow], under_notice: str | None = None) -> str:
    """The text to paste into 抖店: cause, period, area, affected orders and the evidence attached."""
    covered = [row for row in coverage if row.covered]
    orders = sorted({row.order_id for row in covered})
    cause = CAUSES.get(filing.cause or "", "")
    kind = FILING_TYPES[filing.type] + (f"（{cause}）" if cause and filing.type == "force-majeure" else "")
    period = f"{format_time(filing.period_start)} 至 {format_time(filing.period_end)}"
    clocks = "、".join(sorted({CLOCKS[row.kind] for row in covered})) or "发货"
    evidence = "；".join(
        f"{index}. {ITEMS[file.item].label}（{file.original_name}）" for index, file in enumerate(filing.evidence, 1)
    )
    lines = [
        f"报备类型：{kind}",
        f"影响时段：{period}",
        f"影响区域：{filing.area.describe()}",
        f"情况说明：因{cause or FILING_TYPES[filing.type]}，上述时段内{filing.area.describe()}的订单无法按时{clocks}。",
        f"受影响订单（{len(orders)} 个）：{'、'.join(orders)}",
        f"证明材料：{evidence or '（待补充）'}",
        "恳请平台核实后免除判罚或调整考核时间。",
    ]
    if under_notice:  # filed under a platform notice (filing.notice_check.notice_line)
        lines.insert(4, under_notice)
    return "\n".join(lines)


def is_near(window: FilingWindow, now: datetime, within: timedelta = timedelta(hours=24)) -> bool:
    """Open, and closing within `within` (a passed time is not "near": it is over, see FilingWindow.closed)."""
    return window.is_open() and now <= window.latest and window.latest - now <= within
