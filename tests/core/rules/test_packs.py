from datetime import datetime, timedelta

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.records import OrderLine, Package
from shopguard.core.rules.packs import RulePackError, load_pack, load_packs
from shopguard.core.settings import EngineSettings

VALID = """
schema = 1
id = "my-618"
name = "我的 618"
platform = "douyin"
kind = "overlay"
[source]
title = "618 公告"
date = "2026-05-20"
[effective]
from = "2026-06-01 00:00:00"
until = "2026-06-20 23:59:59"
[[rules]]
id = "pickup-72h"
clock = "pickup"
hours = 72
label = "揽收72小时"
explain = "618 期间发货的订单揽收时限72小时。"
window = { from = "2026-06-01 00:00:00", until = "2026-06-20 23:59:59", tested_on = "shipped_at" }
"""


def test_shipped_packs_have_the_promised_ids_and_sources():
    packs = {pack.id: pack for pack in load_packs()}
    assert set(packs) == {"douyin-daily-2023", "douyin-daily-2025-09", "douyin-double11-2023",
                          "douyin-spring-2024", "douyin-spring-2026"}  # fmt: skip
    for pack in packs.values():
        assert pack.source_title and pack.source_date and pack.platform == "douyin"
    assert packs["douyin-double11-2023"].kind == "overlay"
    unverified = {rule.clock for rule in packs["douyin-daily-2025-09"].rules if not rule.verified}
    assert unverified == {"return_refund", "exchange", "return_receipt"}


def test_double11_rules_match_the_source_document():
    pack = next(p for p in load_packs() if p.id == "douyin-double11-2023")
    rules = {rule.clock: rule for rule in pack.rules}
    assert rules["pickup"].duration == timedelta(hours=48) and rules["first_sort"].duration == timedelta(hours=48)
    assert rules["transit"].exempt
    assert rules["return_refund"].duration == rules["exchange"].duration == timedelta(hours=72)
    assert rules["return_receipt"].duration == timedelta(days=10)
    shipping_window = (
        datetime(2023, 10, 31, tzinfo=BEIJING),
        datetime(2023, 11, 14, 23, 59, 59, tzinfo=BEIJING),
    )
    after_sales_window = (
        datetime(2023, 10, 31, tzinfo=BEIJING),
        datetime(2023, 11, 30, 23, 59, 59, tzinfo=BEIJING),
    )
    for clock in ("pickup", "first_sort", "transit"):
        window = rules[clock].window
        assert (window.start, window.end, window.tested_on) == (*shipping_window, "shipped_at")
        assert rules[clock].merchants == {"domestic"}
    assert rules["return_refund"].window.tested_on == rules["exchange"].window.tested_on == "return_signed_at"
    assert rules["return_receipt"].window.tested_on == "applied_at"
    for clock in ("return_refund", "exchange", "return_receipt"):
        assert (rules[clock].window.start, rules[clock].window.end) == after_sales_window
        # 全球购 follows its own 服务管理规范 (the source says so for the promo's after-sales too)
        assert rules[clock].merchants == {"domestic"}
    # The safe reading: 72 h only when the whole after-sale falls in the window
    assert rules["return_refund"].window.also_tested_on == rules["exchange"].window.also_tested_on == ("applied_at",)


def test_a_merchant_pack_overrides_the_daily_rule_inside_its_window(tmp_path):
    path = tmp_path / "618.toml"
    path.write_text(VALID, encoding="utf-8")
    packs = load_packs([path])
    last_second = datetime(2026, 6, 20, 23, 59, 59, tzinfo=BEIJING)
    order = OrderLine("1", "2", order_status="已发货", shipped_at=last_second, packages=(Package("SF1", None),))
    triage = compute_deadlines([order], [], {}, packs, EngineSettings(), datetime(2026, 6, 21, tzinfo=BEIJING))
    (pickup,) = triage.deadlines
    assert pickup.rule == "my-618/pickup-72h" and pickup.rule_title == "my-618: 揽收72小时"
    assert "618" in pickup.explanation and "活动窗口" in pickup.explanation


def test_two_matching_promos_warn_at_the_earlier_deadline(tmp_path):
    longer = tmp_path / "a.toml"
    longer.write_text(VALID.replace('id = "my-618"', 'id = "a"'), encoding="utf-8")
    shorter = tmp_path / "b.toml"
    shorter.write_text(VALID.replace('id = "my-618"', 'id = "b"').replace("hours = 72", "hours = 36"), encoding="utf-8")
    order = OrderLine("1", "2", order_status="已发货", shipped_at=datetime(2026, 6, 2, tzinfo=BEIJING),
                      packages=(Package("SF1", None),))  # fmt: skip
    triage = compute_deadlines(
        [order], [], {}, load_packs([longer, shorter]), EngineSettings(), datetime(2026, 6, 2, tzinfo=BEIJING)
    )
    assert triage.deadlines[0].rule == "b/pickup-72h"


@pytest.mark.parametrize(
    "change, message",
    [
        (('kind = "overlay"', 'kind = "promo"'), "kind"),
        (('clock = "pickup"', 'clock = "lanshou"'), "rules[0].clock"),
        (("hours = 72", "hours = -1"), "rules[0].hours"),
        (("hours = 72", ""), "缺少时限"),
        (('tested_on = "shipped_at"', 'tested_on = "whenever"'), "tested_on"),
        (('tested_on = "shipped_at"', 'tested_on = "shipped_at", also_tested_on = ["soon"]'), "also_tested_on"),
        (('tested_on = "shipped_at"', 'tested_on = "shipped_at", also_tested_on = "paid_at"'), "also_tested_on"),
        (
            ('until = "2026-06-20 23:59:59", tested_on', 'until = "2026-05-20 23:59:59", tested_on'),
            "结束时间早于开始时间",
        ),
        (('from = "2026-06-01 00:00:00", until', 'from = "6月1日", until'), "window.from"),
        (('id = "my-618"\n', ""), "id：缺少"),
        (('title = "618 公告"\n', ""), "source.title"),
    ],
)
def test_invalid_packs_say_where(tmp_path, change, message):
    path = tmp_path / "bad.toml"
    path.write_text(VALID.replace(*change, 1), encoding="utf-8")
    with pytest.raises(RulePackError) as error:
        load_pack(path)
    assert any(message in problem for problem in error.value.problems), error.value.problems


def test_toml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(VALID.replace('name = "我的 618"', "name = 我的 618"), encoding="utf-8")
    with pytest.raises(RulePackError, match="第 4 行第 8 列附近") as error:
        load_pack(path)
    assert not any(word in str(error.value) for word in ("Invalid", "line", "column"))  # Chinese only


REGIONAL = """
schema = 1
id = "rain-henan"
name = "暴雨 河南郑州"
short_name = "暴雨郑州"
platform = "douyin"
kind = "overlay"
[source]
title = "关于河南暴雨的报备公告"
date = "2026-07-19"
[effective]
from = "2026-07-20 00:00:00"
until = "2026-07-25 23:59:59"
[[rules]]
id = "transit-plus-48"
clock = "transit"
extend_hours = 48
regions = ["河南/郑州"]
label = "中转延长48小时"
explain = "郑州暴雨期间，发往郑州的包裹中转时限延长48小时。"
window = { from = "2026-07-20 00:00:00", until = "2026-07-25 23:59:59", tested_on = "last_update_at" }
[[rules]]
id = "pickup-plus-24"
clock = "pickup"
extend_hours = 24
regions = ["河南"]
label = "揽收延长24小时"
explain = "河南的店铺揽收时限延长24小时。"
window = { from = "2026-07-20 00:00:00", until = "2026-07-25 23:59:59", tested_on = "shipped_at" }
"""


def test_a_regional_notice_extends_only_where_it_applies(tmp_path):
    from shopguard.core.records import Tracking

    path = tmp_path / "rain.toml"
    path.write_text(REGIONAL, encoding="utf-8")
    packs = load_packs([path])
    at = datetime(2026, 7, 22, 12, tzinfo=BEIJING)

    def clocks(city, shop_province):
        shipped = datetime(2026, 7, 21, 9, tzinfo=BEIJING)
        order = OrderLine("1", "2", province="河南省", city=city, order_status="已发货", shipped_at=shipped,
                          packages=(Package("SF1", None),))  # fmt: skip
        scans = {"SF1": Tracking("SF1", picked_up_at=shipped + timedelta(hours=3),
                                 last_update_at=shipped + timedelta(hours=11))}  # fmt: skip
        triage = compute_deadlines([order], [], scans, packs, EngineSettings(shop_province=shop_province), at)
        return {d.kind: d for d in triage.deadlines}

    zhengzhou = clocks("郑州市", "浙江")
    transit = zhengzhou["transit"]
    assert transit.rule == "rain-henan/transit-plus-48"
    assert transit.due == datetime(2026, 7, 21, 20, tzinfo=BEIJING) + timedelta(
        hours=72 + 48
    )  # cross-province 72 h + 48
    assert "延长 48 小时" in transit.explanation
    assert zhengzhou["pickup"].rule == "douyin-daily-2025-09/pickup-24h"  # the shop is in 浙江, not 河南
    luoyang = clocks("洛阳市", "河南")
    assert luoyang["transit"].rule == "douyin-daily-2025-09/transit-stall"  # another city of 河南
    assert luoyang["pickup"].rule == "rain-henan/pickup-plus-24"  # the shop is in 河南
    assert luoyang["pickup"].due == datetime(2026, 7, 21, 9, tzinfo=BEIJING) + timedelta(hours=48)


def test_regional_and_extension_fields_are_checked(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(REGIONAL.replace('regions = ["河南/郑州"]', 'regions = ["火星/基地"]'), encoding="utf-8")
    with pytest.raises(RulePackError, match="不是省份"):
        load_pack(path)
    path.write_text(REGIONAL.replace("extend_hours = 24", "extend_hours = 24\nhours = 48"), encoding="utf-8")
    with pytest.raises(RulePackError, match="不能与 hours"):
        load_pack(path)


def test_pack_files_round_trip_through_the_writer(tmp_path):
    from shopguard.core.rules.user_packs import pack_to_toml

    path = tmp_path / "rain.toml"
    path.write_text(REGIONAL, encoding="utf-8")
    original = load_pack(path)
    again = tmp_path / "again.toml"
    again.write_text(pack_to_toml(original), encoding="utf-8")
    copy = load_pack(again)

    def fields(pack):
        return [(r.clock, r.duration, r.extend, r.regions, r.window, r.exempt, r.label) for r in pack.rules]

    assert fields(copy) == fields(original)
    for pack in load_packs():
        written = tmp_path / f"{pack.id}.toml"
        written.write_text(pack_to_toml(pack), encoding="utf-8")
        reread = load_pack(written)
        assert fields(reread) == fields(pack) and (reread.effective_from, reread.effective_until) == (
            pack.effective_from,
            pack.effective_until,
        )


def test_a_calendar_rule_sets_the_end_of_a_day(tmp_path):
    text = VALID.replace("hours = 72", "end_of_day = 1").replace('id = "my-618"', 'id = "eod"')
    path = tmp_path / "eod.toml"
    path.write_text(text, encoding="utf-8")
    order = OrderLine("1", "2", order_status="已发货", shipped_at=datetime(2026, 6, 2, 15, 30, tzinfo=BEIJING),
                      packages=(Package("SF1", None),))  # fmt: skip
    triage = compute_deadlines(
        [order], [], {}, load_packs([path]), EngineSettings(), datetime(2026, 6, 2, 16, tzinfo=BEIJING)
    )
    (pickup,) = triage.deadlines
    assert pickup.due == datetime(2026, 6, 3, 23, 59, 59, tzinfo=BEIJING) and pickup.rule == "eod/pickup-72h"
    from shopguard.core.rules.user_packs import pack_to_toml

    again = tmp_path / "again.toml"
    again.write_text(pack_to_toml(load_pack(path)), encoding="utf-8")
    assert load_pack(again).rules[0].end_of_day == 1


def test_a_copied_pack_keeps_every_timestamp_its_window_is_tested_on(tmp_path):
    from shopguard.core.rules.user_packs import duplicate_pack

    double11 = next(p for p in load_packs() if p.id == "douyin-double11-2023")
    path = tmp_path / "copy.toml"
    path.write_text(duplicate_pack(double11, "double11-2026", datetime(2026, 10, 20, tzinfo=BEIJING)), "utf-8")
    copied = {rule.clock: rule for rule in load_pack(path).rules}
    assert copied["return_refund"].window.also_tested_on == ("applied_at",)
    assert copied["return_refund"].window.start == datetime(2026, 10, 20, tzinfo=BEIJING)
    assert copied["return_refund"].merchants == {"domestic"}
