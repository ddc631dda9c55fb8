"""Which rule sets a clock: the daily pack in force at the clock's start, replaced by a matching overlay.

Given the clock, its start, the timestamps an overlay window may be tested on and the order's context,
`resolve` returns the rule, the due time (None when exempt) and the reasons, in words for the merchant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from shopguard.core.clock import end_of_day, format_time
from shopguard.core.regions import short_province
from shopguard.core.rulepacks import EVENTS, PROMISES, Rule, RulePack
from shopguard.core.settings import EngineSettings


@dataclass(frozen=True, slots=True)
class ClockContext:
    """What a due time can depend on besides the start."""

    promised_ship_at: datetime | None = None
    buyer_province: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    rule: Rule
    due: datetime | None  # None: exempt
    reasons: tuple[str, ...]

    @property
    def exempt(self) -> bool:
        return self.due is None


class RuleBook:
    def __init__(self, packs: list[RulePack], settings: EngineSettings):
        self.settings = settings
        # Newest edition first, so the first pack in force at a moment is the one that governs it.
        self.daily = _newest_first([pack for pack in packs if pack.kind == "daily"])
        self.overlays = [pack for pack in packs if pack.kind == "overlay"]
        self.packs = packs

    def daily_pack_at(self, moment: datetime) -> RulePack | None:
        return next((pack for pack in self.daily if pack.in_force(moment)), None)

    def resolve(
        self, clock: str, start: datetime, events: dict[str, datetime | None], context: ClockContext
    ) -> Resolution | None:
        """The governing rule and due time, or None when no active pack has a rule for this clock."""
        promise = self._promise(clock, context)
        reasons: list[str] = []
        candidates: list[Resolution] = []
        for pack in self.overlays:
            for rule in self._matching(pack, clock, promise):
                if rule.merchants is not None and self.settings.merchant not in rule.merchants:
                    continue
                tested = events.get(rule.window.tested_on)
                if tested is None:
                    reasons.append(f"缺少{EVENTS[rule.window.tested_on]}，无法判断是否适用「{rule.title}」")
                    continue
                if rule.window.contains(tested):
                    window_fact = (
                        f"{EVENTS[rule.window.tested_on]} {format_time(tested)} 在活动窗口 "
                        f"{format_time(rule.window.start)} 至 {format_time(rule.window.end)} 内"
                    )
                    candidates.append(self._due(rule, start, context, (window_fact,)))
        if candidates:
            # Two promos claiming the same order: warn at the earliest of their deadlines.
            timed = [c for c in candidates if not c.exempt]
            chosen = min(timed, key=lambda c: c.due) if timed else candidates[0]
            return Resolution(chosen.rule, chosen.due, (*chosen.reasons, *reasons))
        pack = self.daily_pack_at(start)
        if pack is None:
            return None
        rule = next(iter(self._matching(pack, clock, promise)), None)
        if rule is None:
            return None
        in_force = f"{pack.name}（按{_start_event_name(clock)} {format_time(start)} 选用）"
        return self._due(rule, start, context, (in_force, *reasons))

    def _promise(self, clock: str, context: ClockContext) -> str | None:
        if clock != "ship":
            return None
        return "promised" if context.promised_ship_at is not None else self.settings.promise

    @staticmethod
    def _matching(pack: RulePack, clock: str, promise: str | None) -> list[Rule]:
        return [rule for rule in pack.rules_for(clock) if promise is None or rule.promise == promise]

    def _due(self, rule: Rule, start: datetime, context: ClockContext, reasons: tuple[str, ...]) -> Resolution:
        if rule.exempt:
            return Resolution(rule, None, reasons)
        if rule.promise == "promised":
            return Resolution(rule, context.promised_ship_at, reasons)
        if rule.promise == "same-day":
            before_cutoff = start.time() < rule.cutoff
            note = f"订单无承诺发货时间，按设置的发货类型「{PROMISES['same-day']}」计算"
            return Resolution(rule, end_of_day(start, 0 if before_cutoff else 1), (*reasons, note))
        if rule.promise == "next-day":
            note = f"订单无承诺发货时间，按设置的发货类型「{PROMISES['next-day']}」计算"
            return Resolution(rule, end_of_day(start, 1), (*reasons, note))
        if rule.promise is not None:
            reasons = (*reasons, f"订单无承诺发货时间，按设置的发货类型「{PROMISES[rule.promise]}」计算")
        if rule.transit is not None:
            limit, route = self._transit_limit(rule, context)
            return Resolution(rule, start + limit, (*reasons, route))
        return Resolution(rule, start + rule.duration, reasons)

    def _transit_limit(self, rule: Rule, context: ClockContext) -> tuple[timedelta, str]:
        tiers = rule.transit
        buyer = short_province(context.buyer_province)
        shop = short_province(self.settings.shop_province)
        hours = _hours
        if buyer in tiers.remote_provinces or shop in tiers.remote_provinces:
            return (
                tiers.remote,
                f"线路一端在偏远省份（{shop or '?'}→{buyer or '?'}），时限{hours(tiers.remote)}小时",
            )
        if buyer is None or shop is None:
            missing = "店铺发货省份未设置" if shop is None else "订单缺少收货省份"
            return tiers.same_area, f"{missing}，按最短的{hours(tiers.same_area)}小时计算"
        if buyer == shop or any(buyer in group and shop in group for group in tiers.same_area_groups):
            return tiers.same_area, f"同省或同区域（{shop}→{buyer}），时限{hours(tiers.same_area)}小时"
        return rule.duration, f"跨省（{shop}→{buyer}），时限{hours(rule.duration)}小时"


def _hours(span: timedelta) -> int:
    return int(span.total_seconds() // 3600)


def _newest_first(packs: list[RulePack]) -> list[RulePack]:
    earliest = datetime.min
    return sorted(
        packs,
        key=lambda p: p.effective_from.replace(tzinfo=None) if p.effective_from else earliest,
        reverse=True,
    )


_START_EVENTS = {
    "ship": "支付完成时间",
    "pickup": "发货时间",
    "first_sort": "揽收时间",
    "transit": "最新轨迹时间",
    "return_refund": "退货签收时间",
    "exchange": "退货签收时间",
    "return_receipt": "退货发货时间",
}


def _start_event_name(clock: str) -> str:
    return _START_EVENTS[clock]
