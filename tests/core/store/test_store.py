"""The store merges imports without losing the merchant's work; all on real files and a real SQLite file."""

import sqlite3
from datetime import datetime

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.store import annotate, database
from shopguard.core.store.database import DB_NAME, Store, StoreError
from shopguard.core.store.merge import export_time_from_name, file_sha256, import_into_store
from shopguard.core.store.purge import purge_before
from shopguard.core.store.snapshot import load_snapshot
from tests.exports import after_sale_row, order_row, tracking_row, write_csv

ORDER = "6917926768823643751"
PACKED = "773012345678904-申通快递,卫衣-3788410999938351943,1;"


def bj(text):
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def table_dump(store, table):
    return sorted(store.connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def unshipped(tmp_path, name="1699750800_orders.csv", **changes):
    row = order_row(paid="2023-11-11 08:00:00", promised="2023-11-12 08:00:00") | changes
    return write_csv(tmp_path / name, [row])


def shipped(tmp_path, name="1699837200_orders.csv"):
    return write_csv(tmp_path / name, [
        order_row(paid="2023-11-11 08:00:00", promised="2023-11-12 08:00:00", shipped="2023-11-11 20:00:00",
                  status="已发货", packages=PACKED),
    ])  # fmt: skip


def test_first_import_counts_new_rows_and_records_history(store, tmp_path):
    path = unshipped(tmp_path)
    (report,) = import_into_store(store, [path])
    assert (report.kind, report.rows, report.new, report.updated, report.unchanged) == ("orders", 1, 1, 0, 0)
    row = store.connection.execute("SELECT file_name, size, sha256, kind, export_time, rows FROM imports").fetchone()
    assert row == (path.name, path.stat().st_size, file_sha256(path), "orders", "2023-11-12T09:00:00+08:00", 1)


def test_export_time_comes_from_the_file_name():
    assert export_time_from_name("1768222209_84d8a.csv") == datetime(2026, 1, 12, 20, 50, 9, tzinfo=BEIJING)
    assert export_time_from_name("订单导出.xlsx") is None


def test_reimporting_the_same_file_changes_nothing_and_is_recognised(store, tmp_path):
    path = unshipped(tmp_path)
    import_into_store(store, [path])
    before = {table: table_dump(store, table) for table in ("order_lines", "after_sales", "parcels")}
    (again,) = import_into_store(store, [path])
    assert again.same_as is not None and again.same_as[0] == 1
    assert (again.new, again.updated) == (0, 0)
    assert {table: table_dump(store, table) for table in before} == before


def test_same_rows_in_a_different_file_are_unchanged(store, tmp_path):
    import_into_store(store, [unshipped(tmp_path)])
    before = table_dump(store, "order_lines")
    copy = unshipped(tmp_path, name="1699750800_orders_copy.csv", 商品数量="1 ")  # other bytes, same values
    (report,) = import_into_store(store, [copy])
    assert (report.new, report.updated, report.unchanged) == (0, 0, 1)
    assert table_dump(store, "order_lines") == before


def test_newer_export_updates_fields_and_keeps_notes_marks_and_corrections(store, tmp_path):
    import_into_store(store, [unshipped(tmp_path)])
    annotate.add_note(store, ORDER, "买家要求改地址")
    annotate.set_handled(store, ORDER)
    annotate.set_time(store, ORDER, "shipped", bj("2023-11-11 19:00:00"))
    (report,) = import_into_store(store, [shipped(tmp_path)])
    assert (report.new, report.updated) == (0, 1)
    snapshot = load_snapshot(store)
    (line,) = snapshot.orders
    assert line.order_status == "已发货" and [p.tracking_no for p in line.packages] == ["773012345678904"]
    assert line.shipped_at == bj("2023-11-11 19:00:00")  # the manual correction wins over the export
    assert snapshot.notes == {ORDER: "买家要求改地址"} and snapshot.handled == {ORDER}
    stored = store.connection.execute("SELECT shipped_at FROM order_lines").fetchone()[0]
    assert stored == "2023-11-11T20:00:00+08:00"  # the imported value is kept underneath


def test_older_export_never_overwrites_newer_data(store, tmp_path):
    import_into_store(store, [shipped(tmp_path)])
    (report,) = import_into_store(store, [unshipped(tmp_path)])
    assert (report.older, report.updated) == (1, 0)
    assert load_snapshot(store).orders[0].order_status == "已发货"


def test_a_file_without_a_column_does_not_blank_stored_values(store, tmp_path):
    import_into_store(store, [shipped(tmp_path)])
    narrow = write_csv(
        tmp_path / "1699923600_orders.csv",
        [{"主订单编号": ORDER, "子订单编号": ORDER[:-1] + "9", "订单状态": "已完成"}],
    )
    (report,) = import_into_store(store, [narrow])
    assert report.updated == 1
    (line,) = load_snapshot(store).orders
    assert line.order_status == "已完成" and line.shipped_at == bj("2023-11-11 20:00:00") and line.packages


def test_tracking_sheets_only_add_scans(store, tmp_path):
    import_into_store(store, [write_csv(tmp_path / "a.csv", [tracking_row("SF1", picked="2023-11-01 20:00:00")])])
    import_into_store(store, [write_csv(tmp_path / "b.csv", [tracking_row("SF1", signed="2023-11-03 09:00:00")])])
    parcel = load_snapshot(store).tracking["SF1"]
    assert parcel.picked_up_at == bj("2023-11-01 20:00:00") and parcel.signed_at == bj("2023-11-03 09:00:00")


def test_unreadable_file_is_reported_and_others_still_import(store, tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    reports = import_into_store(store, [bad, unshipped(tmp_path)])
    assert reports[0].kind is None and "损坏" in reports[0].problems[0].message
    assert reports[1].new == 1
    problems = store.connection.execute("SELECT message FROM import_problems").fetchall()
    assert len(problems) == 1


def test_rolling_backups_keep_the_newest(store, tmp_path):
    for n in range(7):
        import_into_store(store, [unshipped(tmp_path, name=f"16997508{n:02d}_orders.csv")], backups_kept=3)
    backups = sorted((store.directory / "backups").glob("shopguard-*.db"))
    assert len(backups) == 3
    newest = sqlite3.connect(backups[-1])
    assert newest.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 6  # taken before the 7th import
    newest.close()


def test_correction_needs_a_target_when_an_order_has_several_parcels(store, tmp_path):
    two = "SF1000001-顺丰速运,a-1,1;SF1000002-顺丰速运,b-2,1;"
    import_into_store(store, [write_csv(tmp_path / "o.csv", [order_row(shipped="2023-11-11 20:00:00", packages=two)])])
    with pytest.raises(annotate.AnnotationError, match="--tracking"):
        annotate.set_time(store, ORDER, "pickup", bj("2023-11-12 08:00:00"))
    correction = annotate.set_time(store, ORDER, "pickup", bj("2023-11-12 08:00:00"), "sf1000002")
    assert correction.target == "SF1000002"
    assert load_snapshot(store).tracking["SF1000002"].picked_up_at == bj("2023-11-12 08:00:00")
    annotate.set_time(store, ORDER, "pickup", None, "SF1000002")
    assert "SF1000002" not in load_snapshot(store).tracking


def test_return_signed_correction_reaches_the_return_parcel(store, tmp_path):
    import_into_store(store, [write_csv(tmp_path / "s.csv", [after_sale_row()])])
    annotate.set_time(store, ORDER, "return-signed", bj("2023-11-05 10:00:00"))
    assert load_snapshot(store).tracking["SF2000000000001"].signed_at == bj("2023-11-05 10:00:00")


def test_unknown_order_is_a_clear_error(store):
    with pytest.raises(annotate.AnnotationError, match="没有订单"):
        annotate.resolve_order_id(store, "123")


def test_purge_deletes_old_orders_with_everything_that_is_only_theirs(store, tmp_path):
    old = order_row(paid="2023-01-01 08:00:00", shipped="2023-01-01 20:00:00", status="已完成", packages=PACKED)
    new = order_row(order_id="6917926768823643761", paid="2023-11-11 08:00:00")
    import_into_store(store, [write_csv(tmp_path / "o.csv", [old, new])])
    import_into_store(
        store, [write_csv(tmp_path / "t.csv", [tracking_row("773012345678904", signed="2023-01-03 10:00:00")])]
    )
    import_into_store(store, [write_csv(tmp_path / "s.csv", [after_sale_row(applied="2023-01-05 10:00:00")])])
    annotate.add_note(store, ORDER, "旧订单备注")
    report = purge_before(store, bj("2023-06-01 00:00:00"))
    assert (report.orders, report.order_lines, report.after_sales, report.parcels) == (1, 1, 1, 1)
    snapshot = load_snapshot(store)
    assert [line.order_id for line in snapshot.orders] == ["6917926768823643761"]
    assert snapshot.after_sales == [] and snapshot.tracking == {} and snapshot.notes == {}
    raw = (store.directory / DB_NAME).read_bytes()
    assert "旧订单备注".encode() not in raw  # VACUUM rewrote the file: the text is gone from disk


def test_damaged_database_is_moved_aside_not_recreated_over(tmp_path, monkeypatch):
    directory = tmp_path / "data"
    with Store.open(directory) as store:
        import_into_store(store, [unshipped(tmp_path)])
    path = directory / DB_NAME
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # wreck page 2
    path.write_bytes(bytes(data))
    monkeypatch.setattr(database, "_checked_this_run", set())  # the next start of ShopGuard
    with pytest.raises(StoreError, match="已损坏"):
        Store.open(directory)
    moved = list(directory.glob(f"{DB_NAME}.damaged-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == bytes(data)  # kept exactly as found
    with Store.open(directory) as fresh:  # the next start begins with an empty store
        assert fresh.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 0


def test_not_a_database_at_all(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / DB_NAME).write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(StoreError, match="已损坏"):
        Store.open(directory)


def test_the_integrity_check_runs_once_per_start(tmp_path, monkeypatch):
    Store.open(tmp_path / "data").close()  # an existing store from an earlier day
    checks = []
    monkeypatch.setattr(database, "_checked_this_run", set())  # today's start
    real = database._check_integrity
    monkeypatch.setattr(database, "_check_integrity", lambda *args: checks.append(args) or real(*args))
    for _ in range(3):  # the window opens the store for every note, mark and import
        Store.open(tmp_path / "data").close()
    assert len(checks) == 1
