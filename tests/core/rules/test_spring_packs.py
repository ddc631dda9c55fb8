"""The 春节 packs as data: dates to the second, sources, verified marks; ship_by in the pack format."""

from datetime import datetime

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.resources import resource_dir
from shopguard.core.rules.calendar_notes import notes_for_year
from shopguard.core.rules.packs import RulePackError, load_pack, load_packs
from shopguard.core.rules.user_packs import duplicate_pack, pack_to_toml


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


def shipped(pack_id):
    return next(pack for pack in load_packs() if pack.id == pack_id)


def test_2024_pack_is_read_from_its_source_to_the_second():
    pack = shipped("douyin-spring-2024")
    (rule,) = pack.rules
    assert pack.source_url.endswith("584121") and pack.source_date == "2024-01-24"
    assert (rule.window.start, rule.window.end, rule.window.tested_on) == (
        at("2024-02-02 00:00:00"), at("2024-02-20 23:59:59"), "paid_at")  # fmt: skip
    assert rule.due_at == at("2024-02-22 23:59:59") and rule.verified and rule.merchants == {"domestic"}


def test_2026_pack_marks_the_hours_the_source_leaves_open_as_assumed():
    pack = shipped("douyin-spring-2026")
    rules = {rule.id: rule for rule in pack.rules}
    assert rules["ship-by-0224"].due_at == at("2026-02-24 23:59:59")
    assert rules["ship-72h"].duration.total_seconds() == 72 * 3600
    assert all(not rule.verified and rule.window.tested_on == "submitted_at" for rule in pack.rules)
    assert pack.source_url == "https://m.ebrun.com/637059.html"


def test_fair_table_is_shipped_apart_and_matches_the_reference():
    fair = load_pack(resource_dir() / "rules-optional" / "douyin-spring-fair-2026.toml")
    assert "douyin-spring-fair-2026" not in {pack.id for pack in load_packs()}
    table = [(r.window.start.strftime("%m-%d"), r.window.end.strftime("%m-%d"),
              r.due_at.strftime("%m-%d %H:%M:%S") if r.due_at else f"{r.duration.total_seconds() / 3600:g}h")
             for r in fair.rules]  # fmt: skip
    assert table == [
        ("02-11", "02-12", "48h"), ("02-13", "02-15", "02-25 23:59:59"), ("02-16", "02-20", "02-24 23:59:59"),
        ("02-21", "02-22", "72h"), ("02-23", "02-24", "48h"),
    ]  # fmt: skip


def test_ship_by_survives_a_copy_to_next_year(tmp_path):
    pack = shipped("douyin-spring-2024")
    copy = tmp_path / "copy.toml"
    copy.write_text(duplicate_pack(pack, "spring-2025", at("2025-01-21 00:00:00")), encoding="utf-8")
    moved = load_pack(copy)
    assert moved.rules[0].due_at == at("2025-02-10 23:59:59") and not moved.rules[0].verified
    same = tmp_path / "same.toml"
    same.write_text(pack_to_toml(pack), encoding="utf-8")
    assert load_pack(same).rules[0].due_at == pack.rules[0].due_at


def test_ship_by_is_refused_beside_another_limit(tmp_path):
    text = (resource_dir() / "rules" / "douyin-spring-2024.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('ship_by = "2024-02-22 23:59:59"', 'ship_by = "2024-02-22 23:59:59"\nhours = 48'),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(RulePackError) as error:
        load_pack(bad)
    assert error.value.problems == ["rules[0].ship_by：只用于活动规则，且不能与其他时限同时写"]
    bad.write_text(text.replace('ship_by = "2024-02-22 23:59:59"', 'ship_by = "二月二十二"'), encoding="utf-8")
    with pytest.raises(RulePackError) as error:
        load_pack(bad)
    assert error.value.problems == ["rules[0].ship_by：时间 '二月二十二' 应写成 \"2023-10-31 00:00:00\""]


def test_calendar_says_2026_promos_keep_daily_deadlines():
    (note,) = notes_for_year(2026)
    assert "日常" in note.title and note.start == at("2026-08-12 00:00:00") and note.verified
    assert notes_for_year(2025) == []


def test_conflicts_name_the_fair_against_the_defaults_and_a_notice_that_needs_filing():
    from shopguard.core.rules.notices import make_notice, notice_pack
    from shopguard.core.rules.user_packs import conflicts

    fair = load_pack(resource_dir() / "rules-optional" / "douyin-spring-fair-2026.toml")
    found = conflicts([shipped("douyin-spring-2026"), fair])
    # Only 02-23 … 02-24 differ (48 h against 72 h); 02-16 … 02-22 say the same in both.
    assert len(found) == 1 and "72 小时 / 48 小时" in found[0] and "即「新春大集 2026: 02-23 起下单" in found[0]
    notice = make_notice("会议公告", "浙江省/杭州市", "buyer", "2026-02-16..2026-02-18", ship_by="2026-02-26",
                         needs_filing=True)  # fmt: skip
    (clash,) = conflicts([shipped("douyin-spring-2026"), notice_pack(notice)])
    assert "时限不变，可报备" in clash and "2026-02-24 23:59:59 前" in clash
