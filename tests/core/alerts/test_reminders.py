"""What the desktop announces, decided without Qt: each clock once, within its kind's lead time, at most one
notification per check."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from shopguard.core.alerts.reminders import LeadsError, clock_key, format_leads, next_reminder, parse_leads
from shopguard.core.demo import DEMO_AS_OF
from tests.core.alerts.helpers import demo_content

SHIP_ORDER, PICKUP_ORDER = "6917880231000000251", "6917880231000000451"  # 发货 due in 4 h, 揽收 in 8 h


@pytest.fixture
def deadlines():
    return demo_content().deadlines


def test_a_clock_is_announced_once_when_it_comes_within_two_hours(deadlines):
    leads = parse_leads(None)
    assert leads == {"ship": 120, "pickup": 120}
    assert next_reminder(deadlines, DEMO_AS_OF, leads, set()) is None  # 4 h and 8 h left: not yet
    moment = DEMO_AS_OF + timedelta(hours=2, minutes=30)
    reminder = next_reminder(deadlines, moment, leads, set())
    assert reminder.title == "ShopGuard：1 条即将超时"
    assert reminder.text == f"{SHIP_ORDER} 发货 还剩 1小时30分"
    assert reminder.order_id == SHIP_ORDER
    announced = set(reminder.keys)
    assert next_reminder(deadlines, moment + timedelta(minutes=10), leads, announced) is None  # never twice
    later = next_reminder(deadlines, DEMO_AS_OF + timedelta(hours=6, minutes=15), leads, announced)
    assert later.order_id == PICKUP_ORDER and later.text == f"{PICKUP_ORDER} 揽收 还剩 1小时45分"


def test_hundreds_of_clocks_due_together_are_one_notification(deadlines):
    ship = next(d for d in deadlines if d.order_id == SHIP_ORDER and d.kind == "ship")
    many = [replace(ship, order_id=f"69000000000000{n:05d}", due=ship.due + timedelta(seconds=n)) for n in range(300)]
    reminder = next_reminder(many, ship.due - timedelta(minutes=30), parse_leads(None), set())
    lines = reminder.text.splitlines()
    assert reminder.title == "ShopGuard：300 条即将超时"
    assert lines == ["6900000000000000000 发货 还剩 30分", "6900000000000000001 发货 还剩 30分",
                     "6900000000000000002 发货 还剩 30分", "还有 297 条"]  # fmt: skip
    assert len(reminder.keys) == 300
    assert next_reminder(many, ship.due - timedelta(minutes=20), parse_leads(None), set(reminder.keys)) is None


def test_handled_overdue_and_unlisted_kinds_are_not_announced(deadlines):
    moment = DEMO_AS_OF + timedelta(hours=2, minutes=30)
    handled = [replace(d, handled=True) if d.order_id == SHIP_ORDER else d for d in deadlines]
    assert next_reminder(handled, moment, parse_leads(None), set()) is None
    assert next_reminder(deadlines, moment, parse_leads("pickup=120"), set()) is None  # ship not listed
    assert next_reminder(deadlines, DEMO_AS_OF + timedelta(hours=4, minutes=1), {"ship": 120}, set()) is None


def test_lead_times_per_kind_and_a_new_due_time_is_news(deadlines):
    leads = parse_leads("ship=300, pickup=30")
    assert leads == {"ship": 300, "pickup": 30}
    first = next_reminder(deadlines, DEMO_AS_OF, leads, set())
    assert first.order_id == SHIP_ORDER  # 4 h left, within 300 minutes
    ship = next(d for d in deadlines if d.order_id == SHIP_ORDER and d.kind == "ship")
    moved = replace(ship, due=ship.due + timedelta(hours=1))  # a correction moved it
    assert clock_key(moved) != clock_key(ship)
    assert next_reminder([moved], DEMO_AS_OF, leads, set(first.keys)).order_id == SHIP_ORDER
    assert parse_leads("发货=60，退款＝30") == {"ship": 60, "return_refund": 30}  # as typed in Chinese
    assert format_leads({"ship": 60, "return_refund": 30}) == "发货=60, 退款=30"
    for bad in ("ship=两小时", "parcel=60", "ship", "发货"):
        with pytest.raises(LeadsError, match="发货=120"):
            parse_leads(bad)
