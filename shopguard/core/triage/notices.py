"""What the merchant is told above the list and in the morning mail, in one place so both say the same: what is
missing, what it means for their orders, and what fixes it. No rule-pack jargon: a merchant knows the platform's
时效 (time limits), not how ShopGuard files them.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import Deadline, Triage
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.rules.user_packs import LEFT_OUT

RULE_CALENDAR = "rule_calendar"  # the fix: enter the missing time limits in 规则日历
FILINGS = "filings"  # the fix: submit the filing in 抖店 and record it in 报备记录


@dataclass(frozen=True, slots=True)
class Notice:
    text: str
    fix: str | None  # RULE_CALENDAR, FILINGS or None (nothing in ShopGuard fixes it)


def no_rule(deadline: Deadline) -> bool:
    """A clock that could not be computed because no time limit covers its start (not for a missing time)."""
    return deadline.status == "unknown" and not deadline.rule and deadline.start is not None


def merchant_notices(triage: Triage) -> list[Notice]:
    notices = []
    missing: dict[str, list[Deadline]] = {}
    for deadline in triage.deadlines:
        if no_rule(deadline):
            missing.setdefault(deadline.kind, []).append(deadline)
    for kind, clocks in missing.items():
        orders = len({deadline.order_id or deadline.after_sale_id for deadline in clocks})
        since = min(deadline.start for deadline in clocks)
        notices.append(
            Notice(
                f"{orders} 个订单的{CLOCKS[kind]}截止时间算不出来：ShopGuard 里还没有适用于 {format_time(since)[:10]} "
                f"的平台{CLOCKS[kind]}时效。这些订单列在「需要核对」里，不会提醒快到期，请先在抖店里逐个查看；"
                f"在规则日历里补上这段时间的{CLOCKS[kind]}时效后就能算出来。",
                RULE_CALENDAR,
            )
        )
    notices += [
        # A rule file the window left out (user_packs.usable_packs): fixed in the rule calendar, not by filing.
        Notice(text, RULE_CALENDAR)
        if LEFT_OUT in text
        else Notice(f"{text}，否则它涵盖的订单照常按超时处罚。", FILINGS)
        for text in triage.notices
    ]
    return notices


def notice_texts(triage: Triage) -> list[str]:
    """The same notices as sentences, for the mail and the workbook."""
    return [notice.text for notice in merchant_notices(triage)]
