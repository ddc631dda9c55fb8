"""After a change, only the orders it can reach are computed again, and the clocks equal a full computation."""

import random
import shutil
from collections import Counter
from datetime import datetime, timedelta

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.records import AfterSale, OrderLine, Package, Tracking
from shopguard.core.store import annotate, changes, clock_cache, clock_update
from shopguard.core.store.annotate import CORRECTION_KINDS
from shopguard.core.store.codec import AFTER_SALES, ORDER_LINES, PARCELS, encode, encode_time
from shopguard.core.store.database import DB_NAME, Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.triage import session
from shopguard.core.triage.output import deadline_dict
from tests.exports import after_sale_row, order_row, tracking_row, write_csv


@pytest.fixture
def how_computed(monkeypatch):
    """Records, for each triage, whether its clocks were kept, computed in part, or computed in full."""
    seen = []
    original = clock_update.current_clocks

    def spy(*args, **kwargs):
        current = original(*args, **kwargs)
        kept_as = current.to_keep and ("delta" if current.to_keep.delta else "whole")
        seen.append((current.computed, current.orders_computed, kept_as))
        return current

    monkeypatch.setattr(clock_update, "current_clocks", spy)
    return seen


def triage(store, as_of=DEMO_AS_OF, keep=True):
    result = session.triage_store(store, as_of, settings=DEMO_SETTINGS, keep=keep).triage
    return [deadline_dict(deadline) for deadline in result.deadlines], result.notices


def from_scratch(store, as_of=DEMO_AS_OF):
    return triage(store, as_of, keep=False)  # computes everything and keeps nothing


@pytest.fixture
def demo_store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        import_into_store(store, demo_files())
        yield store


def test_a_newer_export_recomputes_only_the_orders_it_changed(demo_store, tmp_path, how_computed):
    triage(demo_store)
    line = demo_store.connection.execute(
        "SELECT order_id, sub_order_id, paid_at FROM order_lines WHERE shipped_at IS NULL AND packages IS NULL"
        " AND order_status = '待发货' ORDER BY rowid LIMIT 1"
    ).fetchone()
    order_id, sub_order_id, paid_at = line
    shipped = order_row(order_id, sub_order_id, paid=paid_at[:19].replace("T", " "), shipped="2023-11-12 09:00:00",
                        status="已发货", packages="YT7000000000001-圆通速递,纯棉T恤")  # fmt: skip
    import_into_store(demo_store, [write_csv(tmp_path / "1699837200_orders.csv", [shipped])])
    assert changes.journal_size(demo_store) > 0

    got = triage(demo_store)
    assert how_computed[-1][:2] == ("partly", 1)
    assert got == from_scratch(demo_store)
    assert any(d["order_id"] == order_id and d["kind"] == "pickup" for d in got[0])
    # The journal starts again from the clocks just kept: the next run reuses them as they are.
    assert changes.journal_size(demo_store) == 0
    assert triage(demo_store, DEMO_AS_OF + timedelta(hours=30)) == from_scratch(
        demo_store, DEMO_AS_OF + timedelta(hours=30)
    )
    assert how_computed[-2][0] == "kept"


def test_imports_and_corrections_name_every_order_whose_clocks_they_move(tmp_path, monkeypatch, how_computed):
    """Each step goes the partial way through the store's own writers, and gives what a full computation does."""
    monkeypatch.setattr(clock_update, "PARTIAL_SHARE", 100.0)  # three orders: any change is a large share
    as_of = datetime(2023, 11, 5, 12, tzinfo=BEIJING)
    stamp = iter(range(1699000000, 1699999999, 3600))

    def orders(*rows):
        return write_csv(tmp_path / f"{next(stamp)}_orders.csv", list(rows))

    def line(order_id, packages, shipped="2023-11-02 10:00:00"):
        return order_row(order_id, order_id + "1", shipped=shipped, status="已发货", packages=packages)

    def step(paths=(), expected="partly"):
        if paths:
            import_into_store(store, list(paths))
        assert triage(store, as_of) == from_scratch(store, as_of)
        assert how_computed[-2][0] == expected

    with Store.open(tmp_path / "data") as store:
        import_into_store(store, [orders(line("6900000000000000011", "SF1001-顺丰速运,T恤"),
                                         line("6900000000000000022", "SF1002-顺丰速运,T恤"),
                                         order_row("6900000000000000033", "6900000000000000331"))])  # fmt: skip
        step(expected="all")
        # Order 22 now shares order 11's parcel (11 still owns its clocks); 11 also ships a second one.
        step([orders(line("6900000000000000011", "SF1001-顺丰速运,T恤;SF1003-圆通速递,袜子"),
                     line("6900000000000000022", "SF1001-顺丰速运,T恤"))])  # fmt: skip
        # Order 11 no longer packs the shared parcel: its clocks pass to order 22.
        step([orders(line("6900000000000000011", "SF1003-圆通速递,袜子"))])
        # A scan of the shared parcel moves clocks of the order that owns it.
        step([write_csv(tmp_path / "scans.csv", [tracking_row("SF1001", picked="2023-11-02 20:00:00")])])
        # A return parcel of order 33 that is also order 22's old parcel.
        step([write_csv(tmp_path / "after_sales.csv", [after_sale_row("7300000000000000001", "6900000000000000033",
                                                                      return_no="SF1002")])])  # fmt: skip
        step([write_csv(tmp_path / "scans2.csv", [tracking_row("SF1002", signed="2023-11-04 09:00:00")])])
        annotate.set_time(store, "6900000000000000011", "first-sort", as_of, target="SF1003")
        step()
        annotate.set_time(store, "6900000000000000033", "return-signed", as_of - timedelta(days=2))
        step()
        annotate.set_time(store, "6900000000000000011", "first-sort", None, target="SF1003")
        step()
        # A change made some other way leaves the journal incomplete: everything is computed.
        with store.transaction() as db:
            db.execute("UPDATE order_lines SET shipped_at = NULL WHERE order_id = '6900000000000000022'")
        step(expected="all")


def test_clocks_kept_for_another_version_of_the_data_are_not_brought_up_to_date(demo_store, tmp_path, how_computed):
    """A database restored from a backup has its own history: the kept clocks belong to a later one."""
    triage(demo_store)
    backup = demo_store.backup()
    import_into_store(demo_store, [write_csv(tmp_path / "1699837200_orders.csv", [order_row(status="已关闭")])])
    triage(demo_store)
    directory = demo_store.directory
    demo_store.close()
    shutil.copyfile(backup, directory / DB_NAME)
    for companion in ("-wal", "-shm"):
        (directory / (DB_NAME + companion)).unlink(missing_ok=True)
    with Store.open(directory) as restored:
        assert triage(restored) == from_scratch(restored)
        assert how_computed[-2][0] == "all"


def test_a_write_while_clocks_are_computed_is_never_hidden_by_them(demo_store, tmp_path, monkeypatch, how_computed):
    """Another process imports between this triage's reading and its keeping the clocks."""
    keep = clock_update.keep
    newer = write_csv(tmp_path / "1699837200_orders.csv", [order_row(status="已关闭")])

    def import_first(store, kept):
        with Store.open(store.directory) as other:
            import_into_store(other, [newer])
        keep(store, kept)

    with monkeypatch.context() as patched:
        patched.setattr(clock_update, "keep", import_first)
        triage(demo_store)
    # The clocks kept belong to the data before that import, and the journal did not restart from them.
    assert triage(demo_store) == from_scratch(demo_store)
    assert how_computed[-2][0] == "all"
    assert triage(demo_store) == from_scratch(demo_store)
    assert how_computed[-2][0] == "kept"


def test_clocks_that_could_not_be_written_leave_the_journal_to_the_next_run(
    demo_store, tmp_path, monkeypatch, how_computed
):
    triage(demo_store)
    import_into_store(demo_store, [write_csv(tmp_path / "1699837200_orders.csv", [order_row(status="已关闭")])])
    with monkeypatch.context() as patched:
        patched.setattr(clock_cache, "_save", lambda *args: False)  # a full disk, a file open elsewhere
        triage(demo_store)
    assert changes.journal_size(demo_store) > 0
    assert triage(demo_store) == from_scratch(demo_store)
    assert how_computed[-2][:2] == ("partly", 1)  # still from the clocks kept before the import


# A small shop where parcels are shared between orders, return parcels are also outbound ones, and after-sales
# come with and without an order id: every way one order's change can move another order's clocks.
T0 = datetime(2023, 11, 8, 8, tzinfo=BEIJING)
TRACKING_NOS = [f"SF{n:04d}" for n in range(60)]
ORDER_IDS = [f"69{n:03d}" for n in range(40)]
AFTER_SALE_IDS = [f"73{n:03d}" for n in range(16)]
PROVINCES = ["浙江省", "广东省", "新疆维吾尔自治区", None]


SPEC_OF = {spec.table: spec for spec in (ORDER_LINES, AFTER_SALES, PARCELS)}
TABLES_COLUMNS = {
    **{table: (*spec.columns, "first_import", "last_import") for table, spec in SPEC_OF.items()},
    "corrections": ("order_id", "kind", "target", "at", "created_at"),
}


class RandomShop:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.makers = {"order_lines": self.line, "after_sales": self.after_sale, "parcels": self.parcel,
                       "corrections": self.correction}  # fmt: skip

    def moment(self, chance=0.75):
        return T0 + timedelta(minutes=self.rng.randrange(0, 8 * 24 * 60)) if self.rng.random() < chance else None

    def line(self, order_id=None, sub_order_id=None) -> OrderLine:
        rng = self.rng
        order_id = order_id or rng.choice(ORDER_IDS)
        numbers = rng.sample(TRACKING_NOS, rng.choice([0, 1, 1, 2, 3]))
        return OrderLine(
            order_id, sub_order_id or f"{order_id}-{rng.randrange(3)}", product=rng.choice(["T恤", "袜子"]),
            province=rng.choice(PROVINCES), city="某市", paid_at=self.moment(0.9), promised_ship_at=self.moment(0.3),
            shipped_at=self.moment(0.6), order_status=rng.choice(["待发货", "已发货", "已完成", "已关闭", None]),
            packages=tuple(Package(no, rng.choice(["顺丰速运", None])) for no in numbers),
        )  # fmt: skip

    def after_sale(self, after_sale_id=None) -> AfterSale:
        rng = self.rng
        return AfterSale(
            after_sale_id or rng.choice(AFTER_SALE_IDS), order_id=rng.choice([*ORDER_IDS, None]),
            type=rng.choice(["退货退款", "换货", "已发货仅退款"]), status=rng.choice(["待商家收货", "售后成功", None]),
            applied_at=self.moment(0.9), return_tracking_no=rng.choice([*TRACKING_NOS, None]),
            return_shipped_at=self.moment(), refunded_at=self.moment(0.3), finished_at=self.moment(0.2),
            closed_at=self.moment(0.1), exchange_tracking_no=rng.choice([*TRACKING_NOS, None, None]),
        )  # fmt: skip

    def parcel(self) -> Tracking:
        return Tracking(
            self.rng.choice(TRACKING_NOS), self.rng.choice(["圆通速递", None]), picked_up_at=self.moment(),
            first_sort_at=self.moment(0.5), signed_at=self.moment(0.4), last_update_at=self.moment(0.5),
        )  # fmt: skip

    def correction(self) -> tuple:
        rng = self.rng
        kind = rng.choice(list(CORRECTION_KINDS.values()))
        targets = {"order": [""], "parcel": TRACKING_NOS}.get(kind.level, AFTER_SALE_IDS)
        target = rng.choice(targets)
        return rng.choice(ORDER_IDS), kind.name, target, encode_time(self.moment(1)), encode_time(T0)

    def delete_one(self, db, table: str) -> None:
        rowids = [row[0] for row in db.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
        if rowids:
            db.execute(f"DELETE FROM {table} WHERE rowid = ?", (self.rng.choice(rowids),))

    def change(self, db) -> None:
        """One insert, update, replacement (a new rowid) or delete somewhere in the tables clocks come from."""
        rng = self.rng
        table, make = rng.choice(list(self.makers.items()))
        spec = SPEC_OF.get(table)
        roll = rng.random()
        if roll < 0.2:
            self.delete_one(db, table)
            return
        row = make() if spec is None else (*encode(make()), 0, 0)
        columns = TABLES_COLUMNS[table]
        if spec is not None and roll < 0.6:  # update in place: the row keeps its place in stored order
            assignments = ", ".join(f"{name} = ?" for name in columns)
            key = row[columns.index(spec.key)]
            if db.execute(f"UPDATE {table} SET {assignments} WHERE {spec.key} = ?", (*row, key)).rowcount:
                return
        marks = ", ".join("?" * len(row))
        db.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", row)

    def changes(self, store, count: int) -> None:
        """`count` changes in one transaction, journalled as the store's own writers do (store.changes)."""
        with store.transaction() as db:
            before = changes.data_version(store)
            rows_before = {table: self.rows(db, table) for table in TABLES_COLUMNS}
            for _ in range(count):
                self.change(db)
            touched = set()
            for table, rows in rows_before.items():
                keys_of = changes.key_reader(table, ("rowid", *TABLES_COLUMNS[table]))
                for row in rows ^ self.rows(db, table):  # every row inserted, deleted, changed or moved
                    touched.update(keys_of(row))
            changes.record_changes(store, before, touched)

    @staticmethod
    def rows(db, table):
        return set(db.execute(f"SELECT rowid, {', '.join(TABLES_COLUMNS[table])} FROM {table}"))


@pytest.mark.parametrize("seed", range(6))
def test_clocks_brought_up_to_date_equal_clocks_computed_from_scratch(tmp_path, monkeypatch, how_computed, seed):
    monkeypatch.setattr(clock_update, "PARTIAL_SHARE", 100.0)  # never fall back to computing everything
    monkeypatch.setattr(clock_update, "DELTA_SHARE", 0.3)  # a small shop: let the delta grow before folding it
    shop = RandomShop(seed)
    statuses = set()
    with Store.open(tmp_path / "data") as store:
        shop.changes(store, 200)
        for step in range(60):
            as_of = T0 + timedelta(hours=shop.rng.randrange(24, 9 * 24))  # also back in time: judged afresh
            got = triage(store, as_of)
            assert got == from_scratch(store, as_of), f"step {step}"
            statuses.update(d["status"] for d in got[0])
            shop.changes(store, shop.rng.choice([1, 2, 4, 8]))
    partly = [orders for how, orders, _ in how_computed if how == "partly"]
    # The test is only worth something if it went the partial way, with a real part, and saw clocks,
    # keeping the recomputed orders both apart (the delta file) and folded into the whole set.
    assert len(partly) >= 50 and min(partly) < len(ORDER_IDS) / 2
    kept_as = Counter(kept_as for how, _, kept_as in how_computed if how == "partly")
    assert kept_as["delta"] >= 5 and kept_as["whole"] >= 5
    assert statuses >= {"pending", "overdue", "met", "missed"}
