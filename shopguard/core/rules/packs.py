"""Rule packs: platform rules as data files (TOML), loaded and checked before the engine uses them.

A `daily` pack is the rule book in force between its effective dates; an `overlay` pack (a promo such as
Double 11) replaces single rules for the orders whose tested timestamp falls inside a rule's window.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from shopguard.core.imports.cells import CellError, parse_time
from shopguard.core.resources import rules_dir
from shopguard.core.rules.regions import Place, short_province

CLOCKS = {
    "ship": "发货",
    "pickup": "揽收",
    "first_sort": "分拨",
    "transit": "中转",
    "return_refund": "退款",
    "exchange": "换货",
    "return_receipt": "退货未签收",
}
# Timestamps a rule window can be tested on, with the names a merchant knows them by.
EVENTS = {
    "submitted_at": "下单时间",
    "paid_at": "支付完成时间",
    "promised_ship_at": "承诺发货时间",
    "shipped_at": "发货时间",
    "picked_up_at": "揽收时间",
    "first_sort_at": "首个分拨中心时间",
    "last_update_at": "最新轨迹时间",
    "applied_at": "售后申请时间",
    "return_shipped_at": "退货发货时间",
    "return_signed_at": "退货签收时间",
}
PROMISES = {"promised": "承诺发货时间", "same-day": "当日发货", "next-day": "次日发货", "48h": "48小时发货"}
MERCHANTS = {"domestic": "国内商家", "cross-border": "全球购商家"}
PACK_KINDS = ("daily", "overlay")
SCHEMA_VERSION = 1
MAX_LIMIT = timedelta(days=30)  # no platform clock runs longer; a larger number is a typing mistake


class RulePackError(Exception):
    """A pack that cannot be used; `problems` lists every reason, each naming where in the file."""

    def __init__(self, path: str, problems: list[str]):
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime  # inclusive to the second
    tested_on: str  # a key of EVENTS
    # Further timestamps that must fall inside too ("the whole after-sale is in the window"); a clock with one
    # of them outside or unknown keeps the daily rule (the safe reading, see ARCHITECTURE.md).
    also_tested_on: tuple[str, ...] = ()

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


@dataclass(frozen=True, slots=True)
class TransitTiers:
    """Stall thresholds by route: same area, cross-province, and routes touching a remote province."""

    same_area: timedelta
    remote: timedelta
    same_area_groups: tuple[frozenset[str], ...]
    remote_provinces: frozenset[str]


@dataclass(frozen=True, slots=True)
class Rule:
    pack_id: str
    pack_short_name: str
    id: str
    clock: str
    label: str
    explain: str
    verified: bool
    duration: timedelta | None = None  # for transit: the cross-province threshold
    exempt: bool = False
    promise: str | None = None
    cutoff: time | None = None
    merchants: frozenset[str] | None = None
    window: Window | None = None
    transit: TransitTiers | None = None
    # A regional notice: only where the clock's side of the route lies ((province, city or None), ...).
    regions: tuple[tuple[str, str | None], ...] | None = None
    extend: timedelta | None = None  # "+48 h": the daily limit plus this, instead of a limit of its own
    end_of_day: int | None = None  # a calendar rule: 23:59:59 this many days after the start
    due_at: datetime | None = None  # a fixed latest time for every clock in the window (春节: "ship by 02-22")
    # A notice the merchant must file (报备) for: the daily due time stays, the clock is marked 可报备.
    needs_filing: bool = False
    # A notice's places (core/rules/notices.py) and which address must lie in one: "ship-from", "buyer", "either".
    places: tuple[Place, ...] | None = None
    match: str | None = None

    ref: str = ""  # "<pack id>/<rule id>", how outputs name the rule
    title: str = ""  # "双11 2023: 揽收48小时", how the merchant reads it


@dataclass(frozen=True, slots=True)
class PackQuestion:
    """A pack that applies only for some merchants (春节买不停 joined or not, own 春节延迟发货 dates or not): the
    question in plain Chinese, which answer makes it apply, and where the merchant can check. Until answered,
    the daily deadlines hold and each clock the pack would move says so (rules.book)."""

    text: str
    applies_if: str  # "yes" or "no"
    yes: str  # how the answers read: "参加了", "没有参加"
    no: str
    confirm: str  # where in 抖店 to look it up


ANSWERS = ("yes", "no")


@dataclass(frozen=True, slots=True)
class RulePack:
    id: str
    name: str
    short_name: str
    platform: str
    kind: str
    source_title: str
    source_url: str
    source_date: str
    effective_from: datetime | None
    effective_until: datetime | None
    rules: tuple[Rule, ...]
    path: str
    question: PackQuestion | None = None
    answer: str | None = None  # the merchant's "yes" / "no" to the question (preferences.packs_in_use)

    @property
    def awaiting_answer(self) -> bool:
        return self.question is not None and self.answer not in ANSWERS

    @property
    def name_with_state(self) -> str:
        """The name as a list of packs in use shows it: a pack that waits for an answer, or that the answer
        switched off, says so."""
        if self.awaiting_answer:
            return f"{self.name}（待你回答，暂按日常时限）"
        return f"{self.name}（按你的回答不适用）" if self.answered_off else self.name

    @property
    def answered_off(self) -> bool:
        """The merchant's answer says the pack is not for them: its rules are not used."""
        return self.question is not None and self.answer in ANSWERS and self.answer != self.question.applies_if

    def in_force(self, moment: datetime) -> bool:
        after_start = self.effective_from is None or moment >= self.effective_from
        return after_start and (self.effective_until is None or moment <= self.effective_until)

    def rules_for(self, clock: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.clock == clock]


def builtin_pack_paths() -> list[Path]:
    return sorted(rules_dir().glob("*.toml"))


def load_packs(extra_paths: list[str | Path] = ()) -> list[RulePack]:
    """The shipped packs plus the given ones; a given pack with a shipped pack's id replaces it."""
    packs = {pack.id: pack for pack in map(load_pack, builtin_pack_paths())}
    for path in extra_paths:
        pack = load_pack(path)
        packs[pack.id] = pack
    return list(packs.values())


def load_pack(path: str | Path) -> RulePack:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise RulePackError(str(path), ["找不到文件"]) from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise RulePackError(str(path), ["不是 UTF-8 编码的 TOML 文本文件"]) from None
    except tomllib.TOMLDecodeError as error:
        raise RulePackError(str(path), [_syntax_error(error)]) from None
    return _PackReader(str(path), data).read()


def _syntax_error(error: tomllib.TOMLDecodeError) -> str:
    """Where the TOML breaks, in Chinese (tomllib says what is wrong in English: 'Invalid value (at line 4, ...)')."""
    place = re.search(r"line (\d+), column (\d+)", str(error))
    where = f"第 {place.group(1)} 行第 {place.group(2)} 列附近" if place else "文件中"
    return f'TOML 语法错误：{where}的写法不对（文字要加英文双引号，时间写成 "2026-06-01 00:00:00"）'


class _PackReader:
    """Validates one parsed pack, collecting every problem before giving up."""

    def __init__(self, path: str, data: dict):
        self.path = path
        self.data = data
        self.problems: list[str] = []

    def read(self) -> RulePack:
        data = self.data
        if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
            self.problems.append(f"schema = {data.get('schema')!r}：本版本只认识 schema = {SCHEMA_VERSION}")
        pack_id = self._text(data, "id", "")
        short_name = self._text(data, "short_name", "", required=False) or pack_id
        kind = self._choice(data, "kind", "", PACK_KINDS)
        source = self._table(data, "source", "")
        effective = self._table(data, "effective", "")
        pack = dict(
            id=pack_id,
            name=self._text(data, "name", ""),
            short_name=short_name,
            platform=self._text(data, "platform", ""),
            kind=kind,
            source_title=self._text(source, "title", "source."),
            source_url=self._text(source, "url", "source.", required=False) or "",
            source_date=self._text(source, "date", "source."),
            effective_from=self._time(effective, "from", "effective.", required=False),
            effective_until=self._time(effective, "until", "effective.", required=False),
            path=self.path,
            question=self._question(data) if "question" in data else None,
        )
        raw_rules = data.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            self.problems.append("rules：至少需要一条 [[rules]]")
            raw_rules = []
        rules = [self._rule(raw, f"rules[{index}].", pack_id, short_name, kind) for index, raw in enumerate(raw_rules)]
        ids = [rule.id for rule in rules if rule]
        for rule_id in sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1}):
            self.problems.append(f"规则 id「{rule_id}」重复")
        if self.problems:
            raise RulePackError(self.path, self.problems)
        return RulePack(rules=tuple(rules), **pack)

    def _rule(self, raw: object, where: str, pack_id: str, short_name: str, pack_kind: str) -> Rule | None:
        if not isinstance(raw, dict):
            self.problems.append(f"{where}：应为表格 [[rules]]")
            return None
        clock = self._choice(raw, "clock", where, tuple(CLOCKS))
        exempt = raw.get("exempt", False) is True
        extend = None
        if "extend_hours" in raw:
            extend = self._duration({"hours": raw["extend_hours"]}, f"{where}extend_", True)
            if "hours" in raw or "days" in raw or exempt:
                self.problems.append(f"{where}：extend_hours 不能与 hours、days 或 exempt 同时使用")
        end_of_day = None
        if "end_of_day" in raw:
            value = raw["end_of_day"]
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LIMIT.days:
                self.problems.append(f"{where}end_of_day：应为 0 到 {MAX_LIMIT.days} 的天数（0 = 当天 23:59:59）")
            else:
                end_of_day = value
        due_at = None
        if "ship_by" in raw:
            due_at = self._time(raw, "ship_by", where)
            if pack_kind != "overlay" or any(key in raw for key in ("hours", "days", "extend_hours", "end_of_day")):
                self.problems.append(f"{where}ship_by：只用于活动规则，且不能与其他时限同时写")
            if exempt:
                self.problems.append(f"{where}：ship_by 不能与 exempt 同时使用")
        duration = self._duration(
            raw, where, required=not exempt and not {"extend_hours", "end_of_day", "ship_by"} & raw.keys()
        )
        # An overlay rule without a promise applies to every ship clock (春节: whatever the promise type).
        promise = self._choice(
            raw, "promise", where, tuple(PROMISES), required=clock == "ship" and pack_kind == "daily"
        )
        cutoff = None
        if promise == "same-day":
            cutoff = self._clock_time(raw, "cutoff", where)
        elif promise == "promised" and duration is None:
            duration = timedelta(0)  # the due time is the order's own 承诺发货时间
        merchants = None
        if "merchants" in raw:
            values = raw["merchants"]
            if not isinstance(values, list) or not values or any(value not in MERCHANTS for value in values):
                self.problems.append(f"{where}merchants：应为 {list(MERCHANTS)} 中的一个或多个")
            else:
                merchants = frozenset(values)
        window = self._window(raw, where) if "window" in raw or pack_kind == "overlay" else None
        transit = self._transit(raw, where) if clock == "transit" and not exempt and extend is None else None
        regions = self._regions(raw, where) if "regions" in raw else None
        rule_id = self._text(raw, "id", where)
        label = self._text(raw, "label", where)
        return Rule(
            ref=f"{pack_id}/{rule_id}",
            title=f"{short_name}: {label}",
            pack_id=pack_id,
            pack_short_name=short_name,
            id=rule_id,
            clock=clock,
            label=label,
            explain=self._text(raw, "explain", where),
            verified=raw.get("verified", True) is not False,
            duration=duration,
            exempt=exempt,
            promise=promise,
            cutoff=cutoff,
            merchants=merchants,
            window=window,
            transit=transit,
            regions=regions,
            extend=extend,
            end_of_day=end_of_day,
            due_at=due_at,
        )

    def _duration(self, raw: dict, where: str, required: bool) -> timedelta | None:
        hours, days = raw.get("hours"), raw.get("days")
        if hours is not None and days is not None:
            self.problems.append(f"{where}：hours 与 days 只能写一个")
            return None
        value, unit = (hours, "hours") if hours is not None else (days, "days")
        if value is None:
            if required and raw.get("promise") not in ("promised", "same-day", "next-day"):
                self.problems.append(f"{where}：缺少时限 hours 或 days（或写 exempt = true）")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.problems.append(f"{where}{unit}：应为正数，现在是 {value!r}")
            return None
        span = timedelta(**{unit: value})
        if span > MAX_LIMIT:
            self.problems.append(f"{where}{unit}：{value!r} 超出合理范围（最长 {MAX_LIMIT.days} 天）")
            return None
        return span

    def _window(self, raw: dict, where: str) -> Window | None:
        window = raw.get("window")
        if not isinstance(window, dict):
            self.problems.append(f"{where}window：活动规则需要 window = {{ from, until, tested_on }}")
            return None
        start = self._time(window, "from", f"{where}window.")
        end = self._time(window, "until", f"{where}window.")
        tested_on = self._choice(window, "tested_on", f"{where}window.", tuple(EVENTS))
        also = window.get("also_tested_on", [])
        if not isinstance(also, list) or any(value not in EVENTS or value == tested_on for value in also):
            self.problems.append(f"{where}window.also_tested_on：应为 {list(EVENTS)} 中的时间（不含 tested_on）")
            also = []
        if start and end and end < start:
            self.problems.append(f"{where}window：结束时间早于开始时间")
        if not (start and end and tested_on):
            return None
        return Window(start, end, tested_on, tuple(also))

    def _question(self, data: dict) -> PackQuestion | None:
        table = self._table(data, "question", "")
        texts = {key: self._text(table, key, "question.") for key in ("text", "yes", "no", "confirm")}
        applies_if = self._choice(table, "applies_if", "question.", ANSWERS)
        if applies_if is None or None in texts.values():
            return None
        return PackQuestion(applies_if=applies_if, **texts)

    def _regions(self, raw: dict, where: str) -> tuple[tuple[str, str | None], ...] | None:
        values = raw.get("regions")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            self.problems.append(f'{where}regions：应为地区列表，如 ["河南/郑州", "河北"]')
            return None
        regions = []
        for value in values:
            province, _, city = value.replace("／", "/").partition("/")
            short = short_province(province)
            if short is None:
                self.problems.append(f"{where}regions：「{value}」不是省份（写法如 河南/郑州）")
                continue
            regions.append((short, city.strip().removesuffix("市") or None))
        return tuple(regions)

    def _transit(self, raw: dict, where: str) -> TransitTiers | None:
        groups = raw.get("same_area_groups", [])
        remote = raw.get("remote_provinces", [])
        same_area = self._duration({"hours": raw.get("same_area_hours")}, f"{where}same_area_", True)
        remote_hours = self._duration({"hours": raw.get("remote_hours")}, f"{where}remote_", True)
        if not all(isinstance(group, list) and all(isinstance(p, str) for p in group) for group in groups):
            self.problems.append(f"{where}same_area_groups：应为省份名列表的列表")
            return None
        if not isinstance(remote, list) or not all(isinstance(p, str) for p in remote):
            self.problems.append(f"{where}remote_provinces：应为省份名列表")
            return None
        if same_area is None or remote_hours is None:
            return None
        return TransitTiers(same_area, remote_hours, tuple(frozenset(g) for g in groups), frozenset(remote))

    def _text(self, table: dict, key: str, where: str, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problems.append(f"{where}{key}：缺少")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.problems.append(f"{where}{key}：应为非空文本")
            return None
        return value.strip()

    def _choice(self, table: dict, key: str, where: str, allowed: tuple, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if value not in allowed:
            self.problems.append(f"{where}{key}：应为 {', '.join(allowed)} 之一，现在是 {value!r}")
            return None
        return value

    def _table(self, table: dict, key: str, where: str) -> dict:
        value = table.get(key)
        if not isinstance(value, dict):
            self.problems.append(f"{where}{key}：缺少 [{key}] 表")
            return {}
        return value

    def _time(self, table: dict, key: str, where: str, required: bool = True) -> datetime | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problems.append(f"{where}{key}：缺少")
            return None
        if isinstance(value, datetime) and value.tzinfo is not None:
            self.problems.append(f'{where}{key}：请写北京时间，不带时区，如 "2023-10-31 00:00:00"')
            return None
        try:
            return parse_time(value if isinstance(value, str) else value.isoformat(sep=" "))
        except (CellError, AttributeError):
            self.problems.append(f'{where}{key}：时间 {value!r} 应写成 "2023-10-31 00:00:00"')
            return None

    def _clock_time(self, table: dict, key: str, where: str) -> time | None:
        value = table.get(key)
        if isinstance(value, str):
            try:
                return time.fromisoformat(value)
            except ValueError:
                pass
        self.problems.append(f'{where}{key}：应为 "16:00:00" 这样的时刻')
        return None
