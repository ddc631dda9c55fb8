"""What a late clock costs, by the penalty tables shipped in resources/penalties (issue 16's worked examples)."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.money import logistics_money, promise_tier, ship_money
from shopguard.core.rules.penalties import PenaltyTableError, load_penalty_table, load_penalty_tables

TABLES = load_penalty_tables()
PAID = datetime(2026, 11, 20, 10, 0, tzinfo=BEIJING)


def ship(paid, promise_hours=48, late_hours=None, done_late_hours=None, at=None):
    """A ship clock paid on 2026-11-20 10:00, promised `promise_hours` later; judged `late_hours` after its due
    time (still open), or done `done_late_hours` after it."""
    due = PAID + timedelta(hours=promise_hours)
    done = None if done_late_hours is None else due + timedelta(hours=done_late_hours)
    as_of = at or due + timedelta(hours=late_hours or 0)
    money = ship_money(Decimal(paid), PAID, due, done, False, TABLES)
    return money.at_risk, money.incurred(due, as_of), money.why


def test_the_worked_examples_of_the_issue():
    assert ship("39")[0] == "2.00"  # unshipped: can still become 缺货, 1% of 39 → min ¥2
    assert ship("1200", promise_hours=7 * 24)[0] == "36.00"  # 3%
    assert ship("8000", promise_hours=7 * 24)[0] == "50.00"  # 3% = 240 → max ¥50


@pytest.mark.parametrize(
    "done_late, incurred",
    [
        (timedelta(hours=48), "0.00"),  # exactly 48 h late: still the first column ("/" for ≤48 h)
        (timedelta(hours=48, seconds=1), "2.00"),  # one second more: 缺货
    ],
)
def test_the_lateness_tier_edge_is_48_hours_to_the_second(done_late, incurred):
    due = PAID + timedelta(hours=48)
    money = ship_money(Decimal("39"), PAID, due, due + done_late, False, TABLES)
    assert (money.at_risk, money.incurred(due, due + timedelta(days=5))) == (incurred, incurred)  # final


@pytest.mark.parametrize(
    "late, incurred",
    [(timedelta(0), None), (timedelta(seconds=1), "0.00"), (timedelta(hours=48), "0.00"),
     (timedelta(hours=48, seconds=1), "2.00")],
)  # fmt: skip
def test_what_an_open_clock_costs_already_steps_up_at_each_edge(late, incurred):
    due = PAID + timedelta(hours=48)
    assert ship_money(Decimal("39"), PAID, due, None, False, TABLES).incurred(due, due + late) == incurred


def test_an_open_clock_carries_what_it_costs_already_and_the_worst_it_can_cost():
    assert ship("1200", promise_hours=7 * 24, late_hours=-1)[:2] == ("36.00", None)
    # past the first tier: 1% already
    assert ship("1200", promise_hours=7 * 24, late_hours=10)[:2] == ("36.00", "12.00")
    at_risk, incurred, why = ship("1200", promise_hours=7 * 24, late_hours=49)
    assert incurred == "36.00"
    assert "aHwH9wK4Je2N" in why and "3%" in why  # the row and the source behind it


def test_minimum_maximum_and_half_up_rounding_to_the_fen():
    assert ship("10", promise_hours=300)[0] == "5.00"  # >240 h promise: 5% = 0.50 → min ¥5
    assert ship("150.50", promise_hours=300)[0] == "7.53"  # 5% = 7.525 → 7.53 (half up)
    assert ship("150.30", promise_hours=300)[0] == "7.52"  # 7.515 → 7.52
    assert ship("999999", promise_hours=300)[0] == "50.00"


def test_several_sub_orders_pay_on_their_summed_amount():
    # The caller adds the sub-orders' 订单应付金额 of one order; a merged clock is one late order.
    assert ship(str(Decimal("120.00") + Decimal("99.90")), promise_hours=120)[0] == "6.60"  # 3%


def test_on_time_and_shipped_with_no_time_cost_nothing():
    assert ship("39", done_late_hours=-1)[:2] == ("0.00", None)
    due = PAID + timedelta(hours=48)
    shipped = ship_money(Decimal("39"), PAID, due, None, True, TABLES)
    assert (shipped.at_risk, shipped.incurred(due, due + timedelta(days=3))) == ("0.00", None)


def test_before_any_known_table_there_is_no_amount_and_it_says_so():
    paid = datetime(2026, 7, 1, 10, tzinfo=BEIJING)
    due = paid + timedelta(hours=48)
    money = ship_money(Decimal("39"), paid, due, None, False, TABLES)
    assert (money.at_risk, money.incurred(due, paid + timedelta(days=5))) == (None, None)
    assert "扣款标准未知" in money.why and "2026-08-10" in money.why


def test_no_amount_paid_no_number():
    due = PAID + timedelta(hours=48)
    money = ship_money(None, PAID, due, None, False, TABLES)
    assert money.at_risk is None and "订单应付金额" in money.why


def test_promise_tiers():
    assert promise_tier(timedelta(hours=48)) == "up_to_48h"
    assert promise_tier(timedelta(hours=48, seconds=1)) == "48_to_240h"
    assert promise_tier(timedelta(hours=240)) == "48_to_240h"
    assert promise_tier(timedelta(hours=241)) == "over_240h"


def test_track_anomaly_pays_25_percent_between_5_and_100_after_48_hours_without_pickup():
    shipped = datetime(2026, 11, 20, 10, tzinfo=BEIJING)
    due = shipped + timedelta(hours=24)  # the pickup clock's own due; the anomaly counts from the ship time
    open_now = logistics_money("pickup", Decimal("59.90"), shipped, due, None, TABLES)
    # 25% of 59.90 = 14.975 → 14.98; nothing incurred until 48 h after shipping
    assert (open_now.at_risk, open_now.incurred(due, shipped + timedelta(hours=48))) == ("14.98", None)
    assert open_now.incurred(due, shipped + timedelta(hours=48, seconds=1)) == "14.98"
    past = logistics_money("pickup", Decimal("10"), shipped, due, None, TABLES)
    assert (past.at_risk, past.incurred(due, shipped + timedelta(hours=49))) == ("5.00", "5.00")
    in_time = logistics_money("pickup", Decimal("10"), shipped, due, shipped + timedelta(hours=47), TABLES)
    assert in_time.at_risk == "0.00"
    assert logistics_money("first_sort", Decimal("1000"), shipped, due, None, TABLES).at_risk == "100.00"


def test_the_draft_of_2026_08_11_ships_switched_off_and_marked_assumed():
    draft = next(table for table in TABLES if table.id == "douyin-ship-late-draft-2026-08-11")
    assert draft.switched_off and not draft.verified and draft.effective_from is None
    product = next(s for s in draft.sanctions if s.scope == "product")
    assert product.late_orders == 60
    in_force = next(table for table in TABLES if table.id == "douyin-ship-late-2026-08")
    assert {(s.scope, s.days, s.late_rate, s.late_orders) for s in in_force.sanctions} == {
        ("shop", 1, Decimal("0.30"), 200),
        ("shop", 2, Decimal("0.40"), 200),
        ("product", 1, Decimal("0.50"), 100),
    }


def test_an_invalid_table_says_where(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        'id = "x"\nname = "x"\n[source]\ntitle = "t"\nid = "s"\ndate = "2026-08-10"\n'
        '[[deductions]]\nid = "a"\nclock = "ship"\npromise = "up_to_48h"\nlate = "over_48h"\n'
        'percent = 1\nmin = "5"\nmax = "2"\nlabel = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(PenaltyTableError) as error:
        load_penalty_table(path)
    assert any("percent" in problem for problem in error.value.problems)  # a TOML number, not exact text
    assert any("min 大于 max" in problem for problem in error.value.problems)
