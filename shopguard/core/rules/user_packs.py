"""The merchant's own rule packs: kept as TOML files in <data folder>/rules, made by duplicating a pack with
its dates shifted, imported from a file someone sent, exported to share; and the conflicts between packs."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from shopguard.core.clock import format_time
from shopguard.core.files import write_atomically
from shopguard.core.rules.notices import notice_packs
from shopguard.core.rules.packs import (
    CLOCKS,
    PROMISES,
    Rule,
    RulePack,
    RulePackError,
    builtin_pack_paths,
    load_pack,
    load_packs,
)

USER_RULES_DIR = "rules"
_PACK_ID = re.compile(r"[a-z0-9][a-z0-9-]{2,63}")


def user_pack_paths(data_dir: Path) -> list[Path]:
    folder = data_dir / USER_RULES_DIR
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def builtin_ids() -> set[str]:
    return {load_pack(path).id for path in builtin_pack_paths()}


def all_packs(data_dir: Path, extra: list[str | Path] = ()) -> list[RulePack]:
    """Shipped packs, then the merchant's, then any given on the command line, then the saved notices."""
    return load_packs([*user_pack_paths(data_dir), *extra]) + notice_packs(data_dir)


# How a pack or notices file left out by usable_packs is named: the window finds these sentences by it.
LEFT_OUT = "本次未使用，文件原样保留"


def usable_packs(data_dir: Path) -> tuple[list[RulePack], list[str]]:
    """all_packs, but a merchant's pack file or the notices file that cannot be read is left out (and left as it
    is on disk), with a sentence saying so: the window keeps working with the shipped packs and the rest. (The
    command line stops with the message instead: it has no banner to keep saying it.)"""
    packs = {pack.id: pack for pack in load_packs()}
    problems = []
    for path in user_pack_paths(data_dir):
        try:
            pack = load_pack(path)
        except RulePackError as error:
            problems.append(f"规则包文件 {path} 有误（{'；'.join(error.problems)}），{LEFT_OUT}")
            continue
        packs[pack.id] = pack
    try:
        notices = notice_packs(data_dir)
    except RulePackError as error:
        problems.append(f"公告文件 {error.path} 有误（{'；'.join(error.problems)}），已保存的公告{LEFT_OUT}")
        notices = []
    return [*packs.values(), *notices], problems


def install_pack(data_dir: Path, source: Path) -> RulePack:
    """Check a pack file and keep a copy among the merchant's packs; a shipped pack's id is refused."""
    pack = load_pack(source)  # raises RulePackError with every problem
    if pack.id in builtin_ids():
        raise RulePackError(str(source), [f"id「{pack.id}」是内置规则包的 id，请换一个 id"])
    if not _PACK_ID.fullmatch(pack.id):
        raise RulePackError(str(source), [f"id「{pack.id}」只能用小写字母、数字和 -，3 到 64 个字符"])
    text = Path(source).read_text(encoding="utf-8-sig")
    target = data_dir / USER_RULES_DIR / f"{pack.id}.toml"
    write_atomically(target, lambda path: path.write_text(text, encoding="utf-8"))
    return load_pack(target)


def export_pack(pack: RulePack, target: Path) -> Path:
    text = Path(pack.path).read_text(encoding="utf-8-sig")
    return write_atomically(target, lambda path: path.write_text(text, encoding="utf-8"))


def remove_pack(data_dir: Path, pack_id: str) -> None:
    path = data_dir / USER_RULES_DIR / f"{pack_id}.toml"
    if not path.exists():
        raise RulePackError(str(path), ["只能删除自己添加的规则包"])
    path.unlink()


def pack_start(pack: RulePack) -> datetime | None:
    starts = [rule.window.start for rule in pack.rules if rule.window]
    return pack.effective_from or min(starts, default=None)


def duplicate_pack(pack: RulePack, new_id: str, start: datetime, name: str | None = None) -> str:
    """TOML for a copy of `pack` with every date moved so it starts at `start` (e.g. last year's Double 11 for
    this year). Its values are marked unverified until the merchant checks them against the new notice."""
    old_start = pack_start(pack)
    if old_start is None:
        raise RulePackError(pack.path, ["这个规则包没有开始日期，无法平移"])
    shift = start - old_start

    def moved(moment: datetime | None) -> datetime | None:
        return moment + shift if moment else None

    old_year, new_year = str(old_start.year), str(start.year)
    return pack_to_toml(
        pack,
        pack_id=new_id,
        name=name or pack.name.replace(old_year, new_year),
        short_name=pack.short_name.replace(old_year, new_year),
        source_title=f"（待核对新公告）{pack.source_title}",
        moved=moved,
        verified=False,
    )


def _quote(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _time(moment: datetime) -> str:
    return _quote(format_time(moment))


def _hours(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    if hours >= 24 * 7 and hours % 24 == 0:
        return f"days = {int(hours // 24)}"
    return f"hours = {hours:g}"


def pack_to_toml(
    pack: RulePack,
    pack_id: str | None = None,
    name: str | None = None,
    short_name: str | None = None,
    source_title: str | None = None,
    moved=lambda moment: moment,
    verified: bool | None = None,
) -> str:
    """The pack as a TOML file, optionally renamed and moved in time; loads back to the same rules."""
    lines = [
        "schema = 1",
        f"id = {_quote(pack_id or pack.id)}",
        f"name = {_quote(name or pack.name)}",
        f"short_name = {_quote(short_name or pack.short_name)}",
        f"platform = {_quote(pack.platform)}",
        f"kind = {_quote(pack.kind)}",
        "",
        "[source]",
        f"title = {_quote(source_title or pack.source_title)}",
        f"url = {_quote(pack.source_url)}",
        f"date = {_quote(pack.source_date)}",
        "",
        "[effective]",
    ]
    if pack.effective_from:
        lines.append(f"from = {_time(moved(pack.effective_from))}")
    if pack.effective_until:
        lines.append(f"until = {_time(moved(pack.effective_until))}")
    if pack.question:  # a copy keeps asking: it must not apply to every merchant by default
        question = pack.question
        lines += ["", "[question]", *(f"{key} = {_quote(getattr(question, key))}"
                                      for key in ("text", "applies_if", "yes", "no", "confirm"))]  # fmt: skip
    for rule in pack.rules:
        lines += ["", "[[rules]]", *_rule_lines(rule, moved, rule.verified if verified is None else verified)]
    return "\n".join(lines) + "\n"


def _rule_lines(rule: Rule, moved, verified: bool) -> list[str]:
    lines = [f"id = {_quote(rule.id)}", f"clock = {_quote(rule.clock)}"]
    if rule.promise:
        lines.append(f"promise = {_quote(rule.promise)}")
    if rule.cutoff:
        lines.append(f"cutoff = {_quote(rule.cutoff.isoformat())}")
    if rule.exempt:
        lines.append("exempt = true")
    elif rule.extend is not None:
        lines.append(f"extend_hours = {rule.extend.total_seconds() / 3600:g}")
    elif rule.end_of_day is not None:
        lines.append(f"end_of_day = {rule.end_of_day}")
    elif rule.due_at is not None:
        lines.append(f"ship_by = {_time(moved(rule.due_at))}")
    elif rule.duration and rule.promise != "promised":
        lines.append(_hours(rule.duration))
    if rule.regions:
        lines.append("regions = [" + ", ".join(_quote(_region(place, town)) for place, town in rule.regions) + "]")
    if rule.transit:
        tiers = rule.transit
        lines.append(f"same_area_hours = {tiers.same_area.total_seconds() / 3600:g}")
        lines.append(f"remote_hours = {tiers.remote.total_seconds() / 3600:g}")
        groups = ", ".join("[" + ", ".join(_quote(p) for p in sorted(group)) + "]" for group in tiers.same_area_groups)
        lines.append(f"same_area_groups = [{groups}]")
        lines.append("remote_provinces = [" + ", ".join(_quote(p) for p in sorted(tiers.remote_provinces)) + "]")
    if rule.merchants:
        lines.append("merchants = [" + ", ".join(_quote(m) for m in sorted(rule.merchants)) + "]")
    if rule.window:
        window = rule.window
        also = ", ".join(_quote(event) for event in window.also_tested_on)
        lines.append(
            f"window = {{ from = {_time(moved(window.start))}, until = {_time(moved(window.end))}, "
            f"tested_on = {_quote(window.tested_on)}" + (f", also_tested_on = [{also}] }}" if also else " }")
        )
    if not verified:
        lines.append("verified = false")
    lines += [f"label = {_quote(rule.label)}", f"explain = {_quote(rule.explain)}"]
    return lines


def _region(province: str, city: str | None) -> str:
    return f"{province}/{city}" if city else province


def limit_text(rule: Rule) -> str:
    """A rule's limit in words: 不判罚, 延长24小时, 2024-02-22 23:59:59 前, 10天, 48小时, ..."""
    if rule.exempt:
        return "不判罚"
    if rule.needs_filing:
        return "时限不变，可报备"
    if rule.extend is not None:
        return f"延长{rule.extend.total_seconds() / 3600:g}小时"
    if rule.end_of_day is not None:
        return f"第{rule.end_of_day}天 23:59:59"
    if rule.due_at is not None:
        return f"{format_time(rule.due_at)} 前"
    if rule.duration is None:
        return PROMISES.get(rule.promise or "", "按订单")
    return hours_text(rule.duration.total_seconds() / 3600)


DAYS_FROM_HOURS = 96  # the platform says 48 and 72 小时; from four whole days on it says 天 (7 天, 10 天)


def in_days(hours: float) -> bool:
    return hours >= DAYS_FROM_HOURS and hours % 24 == 0


def hours_text(hours: float) -> str:
    """A limit as the platform words it: 10 天, 48 小时."""
    return f"{hours / 24:g} 天" if in_days(hours) else f"{hours:g} 小时"


def conflicts(packs: list[RulePack]) -> list[str]:
    """Promo rules that set the same clock differently over overlapping windows, and which one wins."""
    overlay_rules = [(pack, rule) for pack in packs if pack.kind == "overlay" for rule in pack.rules if rule.window]
    found = []
    for index, (pack_a, a) in enumerate(overlay_rules):
        for pack_b, b in overlay_rules[index + 1 :]:
            if pack_a.id == pack_b.id or a.clock != b.clock or (a.promise or "") != (b.promise or ""):
                continue
            if a.window.end < b.window.start or b.window.end < a.window.start:
                continue
            limits = [(r.exempt, r.duration, r.extend, r.end_of_day, r.due_at, r.needs_filing) for r in (a, b)]
            if limits[0] == limits[1]:
                continue
            if (a.regions != b.regions and a.regions and b.regions) or (a.places and b.places and a.places != b.places):
                continue  # different regions: they may never apply to the same clock
            timed = [rule for rule in (a, b) if rule.duration is not None and not rule.exempt and rule.extend is None]
            winner = min(timed, key=lambda rule: rule.duration) if timed else a
            start = max(a.window.start, b.window.start)
            end = min(a.window.end, b.window.end)
            found.append(
                f"「{pack_a.name}」与「{pack_b.name}」在 {format_time(start)} 至 {format_time(end)} 都设定了"
                f"{CLOCKS[a.clock]}时限（{limit_text(a)} / {limit_text(b)}）：同时适用时按较早的截止时间，"
                f"即「{winner.title}」"
            )
    daily = sorted(
        (pack for pack in packs if pack.kind == "daily"),
        key=lambda p: p.effective_from.timestamp() if p.effective_from else float("-inf"),
    )
    for earlier, later in zip(daily, daily[1:], strict=False):
        if later.effective_from and (
            earlier.effective_until is None or earlier.effective_until >= later.effective_from
        ):
            found.append(
                f"日常规则包「{earlier.name}」与「{later.name}」从 {format_time(later.effective_from)} 起同时生效："
                f"按开始较晚的「{later.name}」"
            )
    return found


def deadline_changes(before: list, after: list) -> list[tuple]:
    """(deadline after, due before, due after) for every clock whose due time or rule a change of packs moves.

    Both lists come from triages of the same records, so a clock is identified by what it is about."""

    def key(deadline) -> tuple:
        return (deadline.kind, deadline.order_id, deadline.after_sale_id, deadline.tracking_no, deadline.sub_order_ids)

    old = {key(deadline): deadline for deadline in before}
    changes = []
    for deadline in after:
        previous = old.get(key(deadline))
        if previous is None or (previous.due, previous.rule) != (deadline.due, deadline.rule):
            changes.append((deadline, previous.due if previous else None, deadline.due))
    return changes


def toml_from_fields(meta: dict, rules: list[dict]) -> str:
    """A promo pack written from the rule calendar's form. meta: id, name, short_name, source_title,
    source_url, source_date; each rule: clock, amount, unit ("hours"/"days"/"extend"/"exempt"), start, end,
    tested_on, merchants (list, empty for all), regions (list like "河南/郑州", empty for everywhere), label,
    explain."""
    starts = [rule["start"] for rule in rules] or [None]
    ends = [rule["end"] for rule in rules] or [None]
    lines = [
        "schema = 1",
        f"id = {_quote(meta['id'])}",
        f"name = {_quote(meta['name'])}",
        f"short_name = {_quote(meta.get('short_name') or meta['name'])}",
        'platform = "douyin"',
        'kind = "overlay"',
        "",
        "[source]",
        f"title = {_quote(meta.get('source_title') or '')}",
        f"url = {_quote(meta.get('source_url') or '')}",
        f"date = {_quote(meta.get('source_date') or '')}",
        "",
        "[effective]",
    ]
    if starts[0] is not None:
        lines += [f"from = {_time(min(starts))}", f"until = {_time(max(ends))}"]
    for index, rule in enumerate(rules, 1):
        lines += ["", "[[rules]]", f'id = "{rule["clock"]}-{index}"', f"clock = {_quote(rule['clock'])}"]
        if rule["unit"] == "exempt":
            lines.append("exempt = true")
        elif rule["unit"] == "extend":
            lines.append(f"extend_hours = {rule['amount']:g}")
        elif rule["unit"] == "end_of_day":
            lines.append(f"end_of_day = {int(rule['amount'])}")
        else:
            lines.append(f"{rule['unit']} = {rule['amount']:g}")
        if rule.get("regions"):
            lines.append("regions = [" + ", ".join(_quote(region) for region in rule["regions"]) + "]")
        if rule.get("merchants"):
            lines.append("merchants = [" + ", ".join(_quote(m) for m in rule["merchants"]) + "]")
        lines.append(
            f"window = {{ from = {_time(rule['start'])}, until = {_time(rule['end'])}, "
            f"tested_on = {_quote(rule['tested_on'])} }}"
        )
        if not rule.get("verified", True):
            lines.append("verified = false")
        lines += [f"label = {_quote(rule['label'])}", f"explain = {_quote(rule.get('explain') or rule['label'])}"]
    return "\n".join(lines) + "\n"
