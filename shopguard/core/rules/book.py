"""Which rule sets a clock: the daily pack in force at the clock's start, replaced by a matching overlay.

Given the clock, its start, the timestamps an overlay window may be tested on and the order's context,
`resolve` returns the rule, the due time (None when exempt) and the reasons, in words for the merchant.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta

from shopguard.core.clock import BEIJING, end_of_day, format_time
from shopguard.core.rules.packs import EVENTS, MERCHANTS, PROMISES, Rule, RulePack
from shopguard.core.rules.regions import place_covers, short_province
from shopguard.core.settings import EngineSettings


@dataclass(slots=True)  # not frozen: built once per clock, and frozen dataclasses are slow to build
class ClockContext:
    """What a due time can depend on besides the start."""

    promised_ship_at: datetime | None = None
    buyer_province: str | None = None
    buyer_city: str | None = None
    buyer_district: str | None = None


@dataclass(slots=True)
class Resolution:
    rule: Rule
    due: datetime | None  # None: exempt
    reasons: tuple[str, ...]

    @property
    def exempt(self) -> bool:
        return self.due is None


# How the explanation says that ShopGuard chose between two readings of a rule text (ARCHITECTURE.md).
SAFE_READING = "原文有两种理解，按较早的截止时间提醒"


class RuleBook:
    """Rules indexed for fast lookup; every sentence it produces is built once and shared."""

    def __init__(self, packs: list[RulePack], settings: EngineSettings, quick: bool = True):
        """`quick=False` takes the full look for every clock, without the day plans below (tests compare)."""
        self.settings = settings
        self.quick = quick
        # Newest edition first, so the first pack in force at a moment is the one that governs it.
        self.daily = _newest_first([pack for pack in packs if pack.kind == "daily"])
        # When a daily pack takes over from an earlier one: a clock still running then may fall under it.
        self.switches = sorted(pack.effective_from for pack in self.daily if pack.effective_from is not None) or [
            datetime.max.replace(tzinfo=BEIJING)
        ]
        self.overlay_rules: dict[str, list[Rule]] = {}
        # Promo rules for other merchant types: never applied, but a clock in their window says why.
        self.other_merchants_rules: dict[str, list[Rule]] = {}
        # Rules of packs waiting for the merchant's answer (RulePack.question): the daily deadline holds unless
        # the rule's is earlier, and a clock it would move says what it would become and where to answer.
        self.awaiting_rules: dict[str, list[Rule]] = {}
        self._questions = {pack.id: pack.question for pack in packs if pack.awaiting_answer}
        for pack in packs:
            if pack.kind != "overlay" or pack.answered_off:
                continue
            for rule in pack.rules:
                for_us = rule.merchants is None or settings.merchant in rule.merchants
                rules = self.overlay_rules if for_us else self.other_merchants_rules
                if for_us and pack.awaiting_answer:
                    rules = self.awaiting_rules
                rules.setdefault(rule.clock, []).append(rule)
        # Where the shop ships from: the 发货省份 setting, which may go on to the city (「广东省/汕头市」).
        ship_from = (settings.shop_province or "").replace("／", "/").split("/")
        self.ship_from = (*(part.strip() or None for part in ship_from), None, None, None)[:3]
        # Each clock's overlay rules with the window read out once: (rule, tested_on, start, end, first also).
        self._overlay_windows = {
            clock: [(r, r.window.tested_on, r.window.start, r.window.end, (r.window.also_tested_on or (None,))[0])
                    for r in rules]
            for clock, rules in self.overlay_rules.items()
        }  # fmt: skip
        self._texts: dict[tuple, str] = {}
        self._covers: dict[tuple, tuple[bool, str | None]] = {}
        self._routes: dict[tuple, tuple[timedelta, str]] = {}
        self._pack_by_day: dict = {}
        self._daily_rules: dict[tuple, Rule | None] = {}
        # Per clock, the (event, window) of every promo rule that could apply or be mentioned: a clock whose
        # events all lie outside them needs no look at the promos at all (nearly every clock, outside a promo).
        self._promo_windows: dict[str, tuple[tuple[str, datetime, datetime], ...]] = {}
        for rules in (self.overlay_rules, self.other_merchants_rules, self.awaiting_rules):
            for clock, clock_rules in rules.items():
                # Every event a window is tested on, also_tested_on too: an order placed before a window but paid
                # inside it gets a note (the earlier reading), so it cannot take the quick way.
                windows = tuple(
                    (event, rule.window.start, rule.window.end)
                    for rule in clock_rules
                    for event in (rule.window.tested_on, *rule.window.also_tested_on)
                )
                self._promo_windows[clock] = self._promo_windows.get(clock, ()) + windows
        # (start day, clock, promise) -> (rule, why) of the daily pack in force all that day, or _SPLIT_DAY.
        self._daily_plans: dict[tuple, tuple[Rule, str] | None | object] = {}

    def daily_pack_at(self, moment: datetime) -> RulePack | None:
        if not self.quick:
            return self._pack_in_force(moment)
        # Packs change at most a few times a year: remember the answer for each day no boundary cuts.
        day = moment.date()
        pack = self._pack_by_day.get(day, _UNKNOWN)
        if pack is _UNKNOWN:
            first = self._pack_in_force(moment.replace(hour=0, minute=0, second=0, microsecond=0))
            last = self._pack_in_force(moment.replace(hour=23, minute=59, second=59, microsecond=999999))
            pack = self._pack_by_day[day] = first if first is last else _SPLIT_DAY
        return self._pack_in_force(moment) if pack is _SPLIT_DAY else pack

    def _pack_in_force(self, moment: datetime) -> RulePack | None:
        return next((pack for pack in self.daily if pack.in_force(moment)), None)

    def _daily_rule(self, pack: RulePack, clock: str, promise: str | None) -> Rule | None:
        key = (pack.id, clock, promise)
        if key not in self._daily_rules:
            matching = (rule for rule in pack.rules_for(clock) if promise is None or rule.promise == promise)
            self._daily_rules[key] = next(matching, None)
        return self._daily_rules[key]

    def resolve(
        self,
        clock: str,
        start: datetime,
        events: dict[str, datetime | None],
        context: ClockContext,
        until: datetime | None = None,
    ) -> Resolution | None:
        """The governing rule and due time, or None when no active pack has a rule for this clock.

        `until`: when the clock stopped running (done), or the moment it is judged at while it still runs. A
        daily pack that takes effect before then governs it too, if that gives an earlier due time.
        """
        promise = self._promise(clock, context)
        for event, first, last in self._promo_windows.get(clock, ()):
            moment = events.get(event)
            if moment is None or first <= moment <= last:
                break  # a promo may apply, or a note may be due: the full look below
        else:
            if self.quick and (until is None or until < self.switches[0] or start >= self.switches[-1]):
                # Nearly every clock: no promo window, and no daily rule book took over during its life. The
                # plan depends on the day, the clock and the promise type only (the packs and settings are
                # this book's own); the due time is worked out for each clock.
                key = (start.date(), clock, promise)
                plan = self._daily_plans.get(key, _UNKNOWN)
                if plan is _UNKNOWN:
                    plan = self._daily_plans[key] = self._daily_plan(start, clock, promise)
                if plan is None:
                    return None
                if plan is not _SPLIT_DAY:
                    rule, why = plan
                    due, detail = self._due(rule, start, context)
                    return Resolution(rule, due, (why, detail) if detail else (why,))
        notes: tuple[str, ...] = ()
        best: tuple[Rule, datetime | None, str | None] | None = None
        for rule, tested_on, window_start, window_end, also in self._overlay_windows.get(clock, ()):
            tested = events.get(tested_on)
            if tested is not None and not window_start <= tested <= window_end:
                # The usual case, outside the promo: decided on the spot (200,000 clocks times every promo rule).
                if also and _inside(rule.window, events.get(also)) and self._for_clock(rule, promise, clock, context):
                    notes += self._inside_by_other(rule, events)  # ordered just before the window, paid inside
                continue
            if not self._for_clock(rule, promise, clock, context):
                continue
            applies, note = self._window_applies(rule, events)
            if note:
                notes += (note,)
            if not applies:
                continue
            if rule.places is not None:
                covered, note = self._notice_covers(rule, context)
                if note:
                    notes += (note,)
                if not covered:
                    continue
            due, detail = self._due(rule, start, context)
            if rule.extend is not None and due is None:
                continue  # an extension needs a daily limit to extend
            # Two promos claiming the same clock: warn at the earlier deadline; exempt only if all say so.
            if best is None or (due is not None and (best[1] is None or due < best[1])):
                best = (rule, due, detail)
        for rule in self.awaiting_rules.get(clock, ()):
            if not (self._for_clock(rule, promise, clock, context) and self._window_applies(rule, events)[0]):
                continue
            due, detail = self._due(rule, start, context)
            daily = self._daily_due(clock, start, context)
            if due is not None and daily is not None and due <= daily:
                # Not later than the daily deadline: whatever the answer, this one is safe to warn at (the same
                # time: nothing to ask about, the daily rule stays named).
                if due < daily and (best is None or best[1] is None or due < best[1]):
                    best = (rule, due, detail)
            else:
                notes += (self._awaiting_note(rule, due),)
        if best is not None:
            rule, due, detail = best
            return Resolution(rule, due, (self._window_fact(rule), *_present(detail), *notes))
        for rule in self.other_merchants_rules.get(clock, ()):
            if self._window_applies(rule, events)[0]:
                notes += (self._not_for_merchant(rule),)
        if until is None or until < self.switches[0] or start >= self.switches[-1]:
            # Nearly every clock: no daily rule book took over during its life (inline: 260,000 calls).
            pack = self.daily_pack_at(start)
            rule = self._daily_rule(pack, clock, promise) if pack else None
            if rule is None:
                return None
            due, detail = self._due(rule, start, context)
            return Resolution(rule, due, (self._in_force(pack, clock), *_present(detail), *notes))
        return self._daily_resolution(clock, start, context, promise, until, notes)

    def _daily_plan(self, start: datetime, clock: str, promise: str | None) -> tuple[Rule, str] | None | object:
        """The daily rule for clocks starting on this day and why it was chosen; _SPLIT_DAY when a pack
        starts or ends during the day (then decided for each moment)."""
        pack = self.daily_pack_at(start)
        if self._pack_by_day[start.date()] is _SPLIT_DAY:
            return _SPLIT_DAY
        rule = self._daily_rule(pack, clock, promise) if pack else None
        return None if rule is None else (rule, self._in_force(pack, clock))

    def _daily_resolution(
        self, clock: str, start: datetime, context: ClockContext, promise: str | None, until: datetime | None,
        notes: tuple[str, ...],
    ) -> Resolution | None:  # fmt: skip
        """The rule of the daily pack in force at the start; or of a later one, while the clock still ran, whose
        due time is earlier (the safe reading for a clock whose life spans a rule-book switch)."""
        first = self.daily_pack_at(start)
        later = self._packs_taking_over(start, until)
        chosen = None
        for pack in (first, *later):
            rule = self._daily_rule(pack, clock, promise) if pack else None
            if rule is None:
                continue
            due, detail = self._due(rule, start, context)
            if pack is not first and due is not None:
                due = max(due, pack.effective_from)  # a rule book cannot be broken before it is in force
            if chosen is None or (due is not None and (chosen[2] is None or due < chosen[2])):
                chosen = (pack, rule, due, detail)
        if chosen is None:
            return None
        pack, rule, due, detail = chosen
        why = self._in_force(pack, clock) if pack is first else self._taken_over(pack, clock)
        return Resolution(rule, due, (why, *_present(detail), *notes))

    def _packs_taking_over(self, start: datetime, until: datetime | None) -> list[RulePack]:
        """The daily packs that took effect after the clock started and before it stopped (or now)."""
        first_after = bisect.bisect_right(self.switches, start)
        if first_after == len(self.switches) or self.switches[first_after] > until:
            return []
        return [pack for pack in self.daily if pack.effective_from and start < pack.effective_from <= until]

    def _window_applies(self, rule: Rule, events: dict[str, datetime | None]) -> tuple[bool, str | None]:
        """Whether the rule's window holds every timestamp it is tested on, and a note when that is unclear."""
        window = rule.window
        tested = events.get(window.tested_on)
        if tested is None:
            return False, self._untested_note(rule, window.tested_on)
        if not window.start <= tested <= window.end:
            return False, None
        for event in window.also_tested_on:
            moment = events.get(event)
            if moment is None:
                return False, self._untested_note(rule, event)
            if not window.start <= moment <= window.end:
                return False, self._partly_inside(rule, event)
        return True, None

    def _in_regions(self, rule: Rule, clock: str, context: ClockContext) -> bool:
        """Ship and pickup happen where the shop is; sorting and transit count where the buyer is."""
        if clock in ("ship", "pickup"):
            province, city = short_province(self.settings.shop_province), None
        else:
            province = short_province(context.buyer_province)
            city = context.buyer_city.strip().removesuffix("市") if context.buyer_city else None
        return any(province == place and (town is None or city == town) for place, town in rule.regions)

    def _for_clock(self, rule: Rule, promise: str | None, clock: str, context: ClockContext) -> bool:
        """The rule's promise type and regions (if it names any) fit the clock."""
        if promise is not None and rule.promise is not None and rule.promise != promise:
            return False
        return rule.regions is None or self._in_regions(rule, clock, context)

    def _notice_covers(self, rule: Rule, context: ClockContext) -> tuple[bool, str | None]:
        # Few distinct addresses serve many clocks: decide each (notice, address) once.
        buyer = (
            (context.buyer_province, context.buyer_city, context.buyer_district) if rule.match != "ship-from" else ()
        )
        key = (rule.ref, *buyer)
        answer = self._covers.get(key)
        if answer is None:
            answer = self._covers[key] = self._decide_notice_covers(rule, context)
        return answer

    def _decide_notice_covers(self, rule: Rule, context: ClockContext) -> tuple[bool, str | None]:
        """Whether the order's ship-from or buyer address (as the notice says) lies in one of its places; when
        an address is too vague to tell, not covered (the daily due time is the earlier one) and a note says so."""
        buyer = (context.buyer_province, context.buyer_city, context.buyer_district)
        sides = {"ship-from": [("发货地", self.ship_from)], "buyer": [("收货地址", buyer)]}
        sides["either"] = sides["ship-from"] + sides["buyer"]
        vague = []
        for side, address in sides[rule.match]:
            answers = [place_covers(place, *address) for place in rule.places]
            if True in answers:
                return True, None
            if None in answers:
                vague.append(side)
        if not vague:
            return False, None
        return False, self._text(
            ("vague", rule.ref, tuple(vague)),
            lambda: (
                f"「{rule.title}」列出的地区写到了市或区县，但{'、'.join(vague)}不够详细，无法判断是否在内，"
                "按不在内（较早的截止时间）提醒"
                + ("；店铺发货地可在设置中写到市，如 广东省/汕头市" if "发货地" in vague else "")
            ),
        )

    def _daily_due(self, clock: str, start: datetime, context: ClockContext) -> datetime | None:
        pack = self.daily_pack_at(start)
        rule = self._daily_rule(pack, clock, self._promise(clock, context)) if pack else None
        return self._due(rule, start, context)[0] if rule else None

    def _promise(self, clock: str, context: ClockContext) -> str | None:
        if clock != "ship":
            return None
        return "promised" if context.promised_ship_at is not None else self.settings.promise

    def _due(self, rule: Rule, start: datetime, context: ClockContext) -> tuple[datetime | None, str | None]:
        """The due time (None: exempt) and, when the rule needs one, a sentence on how it was set."""
        if rule.exempt:
            return None, None
        if rule.needs_filing:  # nothing changes until the merchant files and the platform agrees
            return self._daily_due(rule.clock, start, context), None
        if rule.due_at is not None:
            own = self._daily_due(rule.clock, start, context)
            if own is not None and own > rule.due_at:
                return rule.due_at, self._later_own_due(rule)
            return rule.due_at, None
        if rule.end_of_day is not None:
            return end_of_day(start, rule.end_of_day), None
        if rule.extend is not None:
            base = self._daily_due(rule.clock, start, context)
            if base is None:
                return None, None  # nothing to extend; see the candidate filter in resolve
            return base + rule.extend, f"在日常时限上延长 {_hours(rule.extend)} 小时"
        if rule.promise == "promised":
            return context.promised_ship_at, None
        if rule.promise is not None:
            note = self._text(
                ("promise", rule.promise),
                lambda: f"订单无承诺发货时间，按设置的发货类型「{PROMISES[rule.promise]}」计算",
            )
            if rule.promise == "same-day":
                paid = start.time()
                if paid.microsecond:  # whole seconds, as the cutoff is written (replace() is slow: only if needed)
                    paid = paid.replace(microsecond=0)
                if paid == rule.cutoff:  # "before 16:00": is 16:00:00 itself before? Take the earlier deadline.
                    return end_of_day(start, 0), self._at_cutoff(rule, note)
                return end_of_day(start, 0 if paid < rule.cutoff else 1), note
            if rule.promise == "next-day":
                return end_of_day(start, 1), note
            return start + rule.duration, note
        if rule.transit is not None:
            limit, route = self._transit_limit(rule, context.buyer_province)
            return start + limit, route
        return start + rule.duration, None

    def _transit_limit(self, rule: Rule, buyer_province: str | None) -> tuple[timedelta, str]:
        key = (rule.ref, buyer_province)
        if key not in self._routes:
            self._routes[key] = self._describe_route(rule, short_province(buyer_province))
        return self._routes[key]

    def _describe_route(self, rule: Rule, buyer: str | None) -> tuple[timedelta, str]:
        tiers = rule.transit
        shop = short_province(self.settings.shop_province)
        if buyer in tiers.remote_provinces or shop in tiers.remote_provinces:
            return tiers.remote, f"线路一端在偏远省份（{shop or '?'}→{buyer or '?'}），时限{_hours(tiers.remote)}小时"
        if buyer is None or shop is None:
            missing = "店铺发货省份未设置" if shop is None else "订单缺少收货省份"
            return tiers.same_area, f"{missing}，按最短的{_hours(tiers.same_area)}小时计算"
        if buyer == shop or any(buyer in group and shop in group for group in tiers.same_area_groups):
            return tiers.same_area, f"同省或同区域（{shop}→{buyer}），时限{_hours(tiers.same_area)}小时"
        return rule.duration, f"跨省（{shop}→{buyer}），时限{_hours(rule.duration)}小时"

    def _window_fact(self, rule: Rule) -> str:
        window = rule.window
        return self._text(
            ("window", rule.ref),
            lambda: (
                f"{EVENTS[window.tested_on]}在「{rule.pack_short_name}」活动窗口 "
                f"{format_time(window.start)} 至 {format_time(window.end)} 内"
            ),
        )

    def _in_force(self, pack: RulePack, clock: str) -> str:
        return self._text(("daily", pack.id, clock), lambda: f"按{_START_EVENTS[clock]}选用「{pack.name}」")

    def _untested_note(self, rule: Rule, event: str) -> str:
        return self._text(
            ("untested", rule.ref, event),
            lambda: f"缺少{EVENTS[event]}，无法判断是否适用「{rule.title}」，按日常时限计算",
        )

    def _inside_by_other(self, rule: Rule, events: dict[str, datetime | None]) -> tuple[str, ...]:
        window = rule.window
        inside = next((e for e in window.also_tested_on if (m := events.get(e)) and window.contains(m)), None)
        if inside is None:
            return ()
        return (
            self._text(
                ("other-inside", rule.ref, inside),
                lambda: (
                    f"{EVENTS[inside]}在「{rule.pack_short_name}」窗口内，但{EVENTS[window.tested_on]}不在："
                    f"{SAFE_READING}，不适用「{rule.title}」"
                ),
            ),
        )

    def _partly_inside(self, rule: Rule, outside: str) -> str:
        window = rule.window
        return self._text(
            ("partly", rule.ref, outside),
            lambda: (
                f"{EVENTS[window.tested_on]}在「{rule.pack_short_name}」活动窗口内，但{EVENTS[outside]}不在："
                f"{SAFE_READING}，不适用「{rule.title}」"
            ),
        )

    def _not_for_merchant(self, rule: Rule) -> str:
        return self._text(
            ("merchant", rule.ref),
            lambda: (
                f"「{rule.title}」只适用于{'、'.join(MERCHANTS[m] for m in sorted(rule.merchants))}，"
                f"{MERCHANTS.get(self.settings.merchant, self.settings.merchant)}按日常时限计算"
            ),
        )

    def _awaiting_note(self, rule: Rule, due: datetime | None) -> str:
        question = self._questions[rule.pack_id]
        answer = question.yes if question.applies_if == "yes" else question.no
        would = f"改为 {format_time(due)}" if due is not None else "不判罚"
        return (
            f"「{rule.title}」要看你的回答：{question.text}你还没有回答，按日常时限提醒（较早的截止时间）。"
            f"若回答「{answer.split('（')[0]}」，本单截止时间{would}。"
            f"确认方法：{question.confirm}；在规则日历中回答，或用命令 shopguard rules answer {rule.pack_id} "
            f"{question.applies_if}"
        )

    def _at_cutoff(self, rule: Rule, note: str) -> str:
        cutoff = rule.cutoff.isoformat()
        return self._text(
            ("cutoff", rule.ref, note),
            lambda: f"{note}；支付时间恰为 {cutoff}，是否算“{cutoff[:5]}前”{SAFE_READING}（当天 23:59:59 前发货）",
        )

    def _later_own_due(self, rule: Rule) -> str:
        return self._text(
            ("own-later", rule.ref),
            lambda: f"订单自身的截止时间晚于「{rule.title}」统一规定的 {format_time(rule.due_at)}；{SAFE_READING}",
        )

    def _taken_over(self, pack: RulePack, clock: str) -> str:
        return self._text(
            ("taken-over", pack.id, clock),
            lambda: (
                f"时钟未结束时「{pack.name}」已生效，按其时限计算（{format_time(pack.effective_from)} 起），"
                f"跨越规则书切换时取最早的截止时间"
            ),
        )

    def _text(self, key: tuple, build) -> str:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = build()
        return text


_UNKNOWN = object()
_SPLIT_DAY = object()  # a daily pack starts or ends during this day: decide per moment


def _inside(window, moment: datetime | None) -> bool:
    return moment is not None and window.start <= moment <= window.end


def _present(detail: str | None) -> tuple[str, ...]:
    return (detail,) if detail else ()


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
