from datetime import datetime, timedelta

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.engine import compute_deadlines
from shopguard.core.records import OrderLine, Package
from shopguard.core.rulepacks import RulePackError, load_pack, load_packs
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
    assert set(packs) == {"douyin-daily-2023", "douyin-daily-2025-09", "douyin-double11-2023"}
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
    with pytest.raises(RulePackError, match="line 4"):
        load_pack(path)
