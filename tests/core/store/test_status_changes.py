"""Which clocks an import changed, from the triage of a real store before and after importing real files."""

from datetime import datetime

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.status_changes import LISTED, compare, describe_order, statuses
from shopguard.core.triage.session import triage_store
from tests.exports import order_row, write_csv

AT = datetime(2023, 11, 12, 10, tzinfo=BEIJING)
PENDING, OVERDUE, TO_CHECK, LATER = (
    "6917926768823643751",
    "6917926768823643761",
    "6917926768823643771",
    "6917926768823643781",
)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def import_and_compare(store, path):
    before = statuses(triage_store(store, AT).triage.deadlines)
    import_into_store(store, [path])
    return compare(before, statuses(triage_store(store, AT).triage.deadlines))


def yesterday(tmp_path):
    return write_csv(tmp_path / "1699750800_orders.csv", [
        order_row(order_id=PENDING, paid="2023-11-11 08:00:00", promised="2023-11-12 12:00:00"),
        order_row(order_id=OVERDUE, paid="2023-11-10 08:00:00", promised="2023-11-11 12:00:00"),
        order_row(order_id=TO_CHECK, paid="2023-11-11 09:00:00", promised="2023-11-12 20:00:00"),
        order_row(order_id=LATER, paid="2023-11-11 09:00:00", promised="2023-11-12 20:00:00"),
    ])  # fmt: skip


def test_the_orders_whose_clocks_changed_status_and_the_new_ones_to_check(store, tmp_path):
    import_into_store(store, [yesterday(tmp_path)])
    today = write_csv(tmp_path / "1699837200_orders.csv", [
        order_row(order_id=PENDING, paid="2023-11-11 08:00:00", promised="2023-11-12 08:00:00"),  # promise moved up
        order_row(order_id=OVERDUE, paid="2023-11-10 08:00:00", promised="2023-11-11 12:00:00",
                  shipped="2023-11-11 10:00:00", status="已发货"),  # shipped in time after all
        order_row(order_id=TO_CHECK, paid="-", promised="-"),  # nothing left to start from
        order_row(order_id=LATER, paid="2023-11-11 09:00:00", promised="2023-11-12 20:00:00"),  # unchanged
        order_row(order_id="6917926768823643791", paid="2023-11-02 08:00:00", promised="2023-11-03 08:00:00"),
        order_row(order_id="6917926768823643801", paid="2023-11-12 08:00:00", promised="2023-11-13 08:00:00"),
    ])  # fmt: skip

    changes = import_and_compare(store, today)

    assert [describe_order(order) for order in changes.orders] == [
        f"订单 {PENDING}：发货 未到期 → 已超时",
        "订单 6917926768823643791：发货 新增 已超时",
        f"订单 {TO_CHECK}：发货 未到期 → 需要核对",
        f"订单 {OVERDUE}：发货 已超时 → 按时完成",
    ]  # a new order still pending is no news; the unchanged order is not listed
    assert changes.to_check == 1


def test_a_clock_that_stops_running_is_listed(store, tmp_path):
    import_into_store(store, [yesterday(tmp_path)])
    closed = write_csv(tmp_path / "1699837200_orders.csv", [order_row(order_id=PENDING, status="已关闭")])
    changes = import_and_compare(store, closed)
    assert [describe_order(order) for order in changes.orders] == [f"订单 {PENDING}：发货 未到期 → 不再计时"]


def test_the_same_data_again_changes_nothing(store, tmp_path):
    import_into_store(store, [yesterday(tmp_path)])
    copy = tmp_path / "1699837200_orders.csv"
    copy.write_bytes(yesterday(tmp_path).read_bytes() + b"\r\n")  # other bytes, same rows
    assert import_and_compare(store, copy).orders == []


def test_sub_orders_merging_into_one_ship_clock_is_no_change(store, tmp_path):
    one = order_row(order_id=PENDING, sub_order_id="6917926768823643001", paid="2023-11-11 08:00:00",
                    promised="2023-11-12 12:00:00")  # fmt: skip
    two = one | {"子订单编号": "6917926768823643002", "承诺发货时间": "\t2023-11-12 13:00:00"}
    import_into_store(store, [write_csv(tmp_path / "1699750800_orders.csv", [one, two])])
    merged = two | {"承诺发货时间": "\t2023-11-12 12:00:00"}  # now the same deadline: one clock for both
    changes = import_and_compare(store, write_csv(tmp_path / "1699837200_orders.csv", [one, merged]))
    assert changes.orders == []


def test_the_list_is_capped_and_counts_the_rest(store, tmp_path):
    rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}", paid="2023-11-12 09:00:00",
                      promised="-") for n in range(LISTED + 7)]  # fmt: skip
    for row in rows:
        row["支付完成时间"] = "\t2023-11-31 09:00:00"  # impossible: every ship clock needs checking
    changes = import_and_compare(store, write_csv(tmp_path / "orders.csv", rows))
    listed, more = changes.listed()
    assert (len(listed), more, changes.to_check) == (LISTED, 7, LISTED + 7)
