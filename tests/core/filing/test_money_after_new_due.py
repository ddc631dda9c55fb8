"""A filing the platform approved with a new due time: the clock's money follows the new due, not the old one
(real export, real store, the shipped penalty table)."""

from datetime import datetime

from shopguard.core.clock import BEIJING
from shopguard.core.filing.model import Area, Filing
from shopguard.core.filing.service import create_filing
from shopguard.core.filing.storage import set_status
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.preferences import set_setting
from shopguard.core.triage.session import triage_store
from tests.exports import order_row, write_csv

AT = datetime(2026, 11, 27, 12, tzinfo=BEIJING)  # two hours past the promised ship time
ORDER = "6917926768823643761"


def ship_clock(store):
    return next(d for d in triage_store(store, AT).triage.deadlines if d.kind == "ship" and d.order_id == ORDER)


def test_a_new_due_time_prices_the_clock_again(tmp_path):
    # ¥1,200 with a 7-day promise (48–240 h tier): 1% now, 3% once 48 h late.
    rows = [order_row(order_id=ORDER, paid="2026-11-20 10:00:00", promised="2026-11-27 10:00:00", amount="1,200.00",
                      province="浙江省")]  # fmt: skip
    with Store.open(tmp_path / "data") as store:
        import_into_store(store, [write_csv(tmp_path / "orders.csv", rows)], backups_kept=0)
        set_setting(store, "shop_province", "浙江")
        before = ship_clock(store)
        assert (before.status, before.money_at_risk, before.money_incurred) == ("overdue", "36.00", "12.00")
        period = (datetime(2026, 11, 26, tzinfo=BEIJING), datetime(2026, 11, 28, 23, 59, 59, tzinfo=BEIJING))
        filing = Filing(type="force-majeure", cause="weather", period_start=period[0], period_end=period[1],
                        area=Area("浙江"), order_ids=[ORDER])  # fmt: skip
        created, _, _ = create_filing(store, filing, [], None, AT)
        # The platform moves the ship time to 12-01 10:00: 11 days after payment, the >240 h tier (5%, max ¥50),
        # and not late yet: nothing incurred.
        set_status(store, created.id, "approved", new_due=datetime(2026, 12, 1, 10, tzinfo=BEIJING))
        moved = ship_clock(store)
        assert (moved.status, moved.due.day) == ("pending", 1)
        assert (moved.money_at_risk, moved.money_incurred) == ("50.00", None)
        assert "5%" in moved.money_basis and "1,200.00" in moved.money_basis
        # Moved to a time already passed by less than 48 h: the first column of the 48–240 h tier is incurred.
        set_status(store, created.id, "approved", new_due=datetime(2026, 11, 26, 10, tzinfo=BEIJING))
        earlier = ship_clock(store)
        assert (earlier.status, earlier.money_at_risk, earlier.money_incurred) == ("overdue", "36.00", "12.00")
        # 26 h late now; at 48 h + 1 s the 3% step would be reached (the steps follow the new due time).
        later = triage_store(store, datetime(2026, 11, 28, 10, 0, 1, tzinfo=BEIJING)).triage.deadlines
        assert next(d for d in later if d.kind == "ship").money_incurred == "36.00"
