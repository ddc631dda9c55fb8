"""Platform notices that move ship deadlines for a list of places (平台发货及服务调整公告: disasters, conferences).

A notice lists places, a window of 承诺发货时间 (or 支付完成时间), the new latest ship time (or +N days), whether
the place is matched on where the shop ships from, the buyer's address or either, and whether the platform
exempts by itself (平台主动豁免) or the merchant must file (商家报备).

Notices are kept in <data folder>/notices.json (a file, like the merchant's own packs: the CLI and the window
read the same one, and nothing else in the store depends on it). Each becomes an overlay pack with one ship rule,
so every triage applies it through the rule book and the clock cache's key changes with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from shopguard.core.clock import format_time
from shopguard.core.files import write_atomically
from shopguard.core.imports.cells import CellError, parse_time
from shopguard.core.rules.packs import Rule, RulePack, RulePackError, Window
from shopguard.core.rules.regions import Place, PlaceError, parse_places

NOTICES_FILE = "notices.json"
MATCHES = {"ship-from": "发货地", "buyer": "收货地址", "either": "发货地或收货地址"}
TESTED_ON = {"promised_ship_at": "承诺发货时间", "paid_at": "支付完成时间"}
MAX_EXTEND_DAYS = 30  # the longest seen is +14 days (2022 epidemic rule); more is a typing mistake
FORMAT_VERSION = 1


class NoticeError(RulePackError):
    """A notice that cannot be used or saved; `problems` says every reason in Chinese."""

    def __init__(self, problems: list[str], path: str = "公告有误"):
        super().__init__(path, problems)


@dataclass(frozen=True, slots=True)
class Notice:
    title: str
    places: tuple[Place, ...]
    match: str  # a key of MATCHES
    tested_on: str  # a key of TESTED_ON
    start: datetime
    end: datetime  # inclusive to the second
    ship_by: datetime | None = None  # the new latest ship time
    extend_days: int | None = None  # or: the daily due time plus this many days
    needs_filing: bool = False  # False: the platform exempts by itself
    id: int = 0  # 0 until saved
    added_at: datetime | None = None

    @property
    def pack_id(self) -> str:
        return f"notice-{self.id}"

    @property
    def short_name(self) -> str:
        return f"公告 #{self.id}"

    def effect(self) -> str:
        """What the notice grants, in the merchant's words."""
        if self.ship_by is not None:
            granted = f"最晚发货时间调整为 {format_time(self.ship_by)}"
        elif self.extend_days is not None:
            granted = f"最晚发货时间顺延 {self.extend_days} 天"
        else:
            granted = "不考核发货时效"
        how = "需商家报备" if self.needs_filing else "平台主动豁免"
        return f"{granted}（{how}）"

    def window_text(self) -> str:
        return f"{TESTED_ON[self.tested_on]} {format_time(self.start)} 至 {format_time(self.end)}"

    def places_text(self) -> str:
        return "、".join(place.describe() for place in self.places)


def parse_window(text: str) -> tuple[datetime, datetime]:
    """「2026-07-20 00:00:00..2026-07-22 23:59:59」: both ends included."""
    start_text, dots, end_text = text.partition("..")
    if not dots:
        raise NoticeError([f"时间窗口「{text}」应写成 开始..结束，如 2026-07-20 00:00:00..2026-07-22 23:59:59"])
    problems, ends = [], []
    for text_part, what, last in ((start_text, "窗口开始", False), (end_text, "窗口结束", True)):
        try:
            ends.append(_time(text_part, what, date_means_end=last))
        except NoticeError as error:
            problems += error.problems
    if problems:
        raise NoticeError(problems)
    start, end = ends
    if end < start:
        raise NoticeError([f"时间窗口的结束 {format_time(end)} 早于开始 {format_time(start)}"])
    return start, end


def _time(text: str, what: str, date_means_end: bool = False) -> datetime:
    """A moment; a bare date (notices often give only dates) is its first second, or its last when it ends
    a window or is a ship-by time (the hour the notice leaves open, read as 23:59:59)."""
    text = text.strip()
    if len(text) <= 10 and text.count("-") + text.count("/") == 2:
        text += " 23:59:59" if date_means_end else " 00:00:00"
    try:
        return parse_time(text)
    except CellError:
        raise NoticeError([f"{what}「{text}」不是时间，应写成 2026-07-20 00:00:00"]) from None


def make_notice(
    title: str,
    places: str,
    match: str,
    window: str,
    tested_on: str = "promised_ship_at",
    ship_by: str | None = None,
    extend_days: int | None = None,
    needs_filing: bool = False,
) -> Notice:
    """A notice from what the merchant typed or pasted; NoticeError lists every problem at once."""
    problems: list[str] = []
    if not title or not title.strip():
        problems.append("请填写公告标题")
    parsed_places: tuple[Place, ...] = ()
    try:
        parsed_places = parse_places(places or "")
    except PlaceError as error:
        problems.append(str(error))
    if match not in MATCHES:
        problems.append(f"匹配方式应为 {' / '.join(MATCHES)}（{'、'.join(MATCHES.values())}）")
    if tested_on not in TESTED_ON:
        problems.append(f"窗口按 {' / '.join(TESTED_ON)} 判断")
    start = end = new_time = None
    try:
        start, end = parse_window(window or "")
    except NoticeError as error:
        problems += error.problems
    if ship_by is not None and extend_days is not None:
        problems.append("新的最晚发货时间和顺延天数只能填一个")
    if ship_by is not None:
        try:
            new_time = _time(ship_by, "新的最晚发货时间", date_means_end=True)
        except NoticeError as error:
            problems += error.problems
        if new_time is not None and start is not None and new_time < start:
            problems.append(f"新的最晚发货时间 {format_time(new_time)} 早于窗口开始，请核对公告")
    if extend_days is not None and not 1 <= extend_days <= MAX_EXTEND_DAYS:
        problems.append(f"顺延天数应为 1 到 {MAX_EXTEND_DAYS} 天")
    if problems:
        raise NoticeError(problems)
    return Notice(title.strip(), parsed_places, match, tested_on, start, end, new_time, extend_days, needs_filing)


# --- the file -------------------------------------------------------------------------------------------------


def notices_path(data_dir: Path) -> Path:
    return Path(data_dir) / NOTICES_FILE


def load_notices(data_dir: Path) -> list[Notice]:
    """The saved notices, oldest first; none when the file does not exist yet."""
    return _read(notices_path(data_dir))[1]


def _read(path: Path) -> tuple[int, list[Notice]]:
    if not path.is_file():
        return 1, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return int(data["next_id"]), [_from_json(raw) for raw in data["notices"]]
    except (ValueError, KeyError, TypeError, AttributeError, CellError):
        raise NoticeError(["公告文件已损坏，无法读取；请从备份恢复，或删除它后重新添加公告"], str(path)) from None


def add_notice(data_dir: Path, notice: Notice, added_at: datetime) -> Notice:
    """Save the notice with the next id (ids are never reused, so 「公告 #3」 always means one notice)."""
    path = notices_path(data_dir)
    next_id, notices = _read(path)
    saved = Notice(**{**_fields(notice), "id": next_id, "added_at": added_at})
    _write(path, next_id + 1, [*notices, saved])
    return saved


def remove_notice(data_dir: Path, notice_id: int) -> Notice:
    path = notices_path(data_dir)
    next_id, notices = _read(path)
    gone = next((notice for notice in notices if notice.id == notice_id), None)
    if gone is None:
        raise NoticeError([f"没有编号为 {notice_id} 的公告（用 shopguard notices list 查看）"])
    _write(path, next_id, [notice for notice in notices if notice.id != notice_id])
    return gone


def _write(path: Path, next_id: int, notices: list[Notice]) -> None:
    text = json.dumps(
        {"version": FORMAT_VERSION, "next_id": next_id, "notices": [notice_to_json(n) for n in notices]},
        ensure_ascii=False,
        indent=2,
    )
    write_atomically(path, lambda partial: partial.write_text(text + "\n", encoding="utf-8"))


def _fields(notice: Notice) -> dict:
    return {name: getattr(notice, name) for name in Notice.__slots__}


def notice_to_json(notice: Notice) -> dict:
    return {
        "id": notice.id,
        "title": notice.title,
        "places": [place.describe() for place in notice.places],
        "place_parts": [[place.province, place.city, place.district] for place in notice.places],
        "match": notice.match,
        "tested_on": notice.tested_on,
        "from": format_time(notice.start),
        "until": format_time(notice.end),
        "ship_by": format_time(notice.ship_by) or None,
        "extend_days": notice.extend_days,
        "needs_filing": notice.needs_filing,
        "added_at": format_time(notice.added_at) or None,
        "effect": notice.effect(),
    }


def _from_json(raw: dict) -> Notice:
    return Notice(
        id=int(raw["id"]),
        title=str(raw["title"]),
        places=tuple(Place(*parts) for parts in raw["place_parts"]),
        match=_known(raw["match"], MATCHES),
        tested_on=_known(raw["tested_on"], TESTED_ON),
        start=parse_time(raw["from"]),
        end=parse_time(raw["until"]),
        ship_by=parse_time(raw["ship_by"]) if raw.get("ship_by") else None,
        extend_days=int(raw["extend_days"]) if raw.get("extend_days") is not None else None,
        needs_filing=raw["needs_filing"] is True,
        added_at=parse_time(raw["added_at"]) if raw.get("added_at") else None,
    )


def _known(value: str, allowed: dict) -> str:
    if value not in allowed:
        raise ValueError(value)
    return value


# --- as rule packs --------------------------------------------------------------------------------------------


def notice_packs(data_dir: Path) -> list[RulePack]:
    path = notices_path(data_dir)
    return [notice_pack(notice, f"{path}#{notice.id}") for notice in load_notices(data_dir)]


def notice_pack(notice: Notice, path: str = "") -> RulePack:
    """The notice as an overlay pack with one ship rule (rule id `notice-<id>/ship`)."""
    label = ("可报备：" if notice.needs_filing else "") + notice.title
    if notice.needs_filing:
        explain = (f"平台公告「{notice.title}」覆盖该订单（{notice.effect()}）：截止时间不变，报备通过后才豁免；"
                   f"可报备，请用报备助手按公告 #{notice.id} 报备。")  # fmt: skip
    else:
        explain = f"平台公告「{notice.title}」：{notice.effect()}。"
    rule = Rule(
        pack_id=notice.pack_id,
        pack_short_name=notice.short_name,
        id="ship",
        clock="ship",
        label=label,
        explain=explain,
        verified=True,  # the merchant typed it from the notice they read
        exempt=notice.ship_by is None and notice.extend_days is None and not notice.needs_filing,
        window=Window(notice.start, notice.end, notice.tested_on),
        extend=timedelta(days=notice.extend_days) if notice.extend_days and not notice.needs_filing else None,
        due_at=notice.ship_by if not notice.needs_filing else None,
        needs_filing=notice.needs_filing,
        places=notice.places,
        match=notice.match,
        ref=f"{notice.pack_id}/ship",
        title=f"{notice.short_name}: {label}",
    )
    until = max(moment for moment in (notice.end, notice.ship_by) if moment is not None)
    return RulePack(
        id=notice.pack_id,
        name=f"{notice.short_name}：{notice.title}",
        short_name=notice.short_name,
        platform="douyin",
        kind="overlay",
        source_title=notice.title,
        source_url="",
        source_date=notice.added_at.strftime("%Y-%m-%d") if notice.added_at else "",
        effective_from=notice.start,
        effective_until=until,
        rules=(rule,),
        path=path,
    )
