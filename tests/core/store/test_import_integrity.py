"""No stored fact is lost on import: unreadable cells, encrypted buyer fields and files that change while they
are imported, all on real files and a real SQLite store."""

import hashlib
import os
import threading

import pytest

from shopguard.core.imports import private_copy
from shopguard.core.imports.buyer import HIDDEN
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from tests.exports import after_sale_row, order_row, tracking_row, write_csv

ORDER = "6917926768823643751"
SUB = "6917926768823643759"
PACKED = "773012345678904-申通快递,卫衣-3788410999938351943,1;"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def stored_line(store, *columns):
    query = f"SELECT {', '.join(columns)} FROM order_lines WHERE sub_order_id = ?"
    return store.connection.execute(query, (SUB,)).fetchone()


def problems_of(report):
    return {(problem.row, problem.column): problem.message for problem in report.problems if problem.row != 1}


def with_product_id(row: dict, product_id: str) -> dict:
    return row | {"商品ID": product_id}


# --- 1. an unreadable cell never overwrites what the store holds --------------------------------------------


def first_export(tmp_path):
    row = order_row(paid="2023-11-01 10:00:00", promised="2023-11-02 10:00:00", shipped="2023-11-01 20:00:00",
                    status="已发货", packages=PACKED, amount="59.90")  # fmt: skip
    return write_csv(tmp_path / "1699750800_orders.csv", [with_product_id(row, "3788410999938351943")])


def test_unreadable_cells_of_a_newer_export_keep_the_stored_values_and_say_so(store, tmp_path):
    import_into_store(store, [first_export(tmp_path)])
    newer = order_row(paid="2023-11-31 10:00:00", promised="2023-11-02 10:00:00", shipped="2023-11-01 20:00:00",
                      status="已完成", packages="稍后补充", amount="五十九")  # fmt: skip
    path = write_csv(tmp_path / "1699837200_orders.csv", [with_product_id(newer, "合计")])

    (report,) = import_into_store(store, [path])

    assert stored_line(store, "paid_at", "amount", "packages", "product_id", "order_status") == (
        "2023-11-01T10:00:00+08:00", "59.90", "773012345678904|申通快递|3788410999938351943", "3788410999938351943",
        "已完成",  # what could be read is updated
    )  # fmt: skip
    assert (report.updated, report.unchanged) == (1, 0)
    problems = problems_of(report)
    assert problems[(2, "支付完成时间")] == (
        "时间「2023-11-31 10:00:00」不存在（2023 年 11 月没有 31 日）；保留已导入的值「2023-11-01 10:00:00」"
    )
    assert problems[(2, "订单应付金额")].endswith("；保留已导入的值「59.90」")
    assert problems[(2, "快递信息")].endswith("；保留已导入的值「773012345678904」")
    assert problems[(2, "商品ID")].endswith("；保留已导入的值「3788410999938351943」")
    kept = store.connection.execute("SELECT message FROM import_problems WHERE column_name = '支付完成时间'").fetchone()
    assert kept[0] == problems[(2, "支付完成时间")]  # the import's history says the same


def test_the_same_rows_with_an_unreadable_cell_are_unchanged(store, tmp_path):
    import_into_store(store, [first_export(tmp_path)])
    before = stored_line(store, "*")
    again = order_row(paid="昨天上午", promised="2023-11-02 10:00:00", shipped="2023-11-01 20:00:00",
                      status="已发货", packages=PACKED, amount="59.90")  # fmt: skip
    (report,) = import_into_store(store, [write_csv(tmp_path / "1699837200_orders.csv",
                                                    [with_product_id(again, "3788410999938351943")])])  # fmt: skip
    assert (report.updated, report.unchanged) == (0, 1)
    assert stored_line(store, "*") == before


def test_a_new_row_with_an_unreadable_cell_imports_with_that_field_empty(store, tmp_path):
    (report,) = import_into_store(store, [write_csv(tmp_path / "o.csv", [order_row(paid="2023-02-30 10:00:00")])])
    assert report.new == 1
    assert stored_line(store, "paid_at", "order_status") == (None, "待发货")
    assert problems_of(report)[(2, "支付完成时间")].endswith("；此项留空")


def test_an_unreadable_scan_time_keeps_the_stored_one_and_says_which(store, tmp_path):
    import_into_store(store, [write_csv(tmp_path / "a.csv", [tracking_row("SF1001", picked="2023-11-01 20:00:00")])])
    later = write_csv(tmp_path / "b.csv", [tracking_row("SF1001", picked="2023-11-01 25:00:00",
                                                           signed="2023-11-03 09:00:00")])  # fmt: skip
    (report,) = import_into_store(store, [later])
    parcel = store.connection.execute("SELECT picked_up_at, signed_at FROM parcels").fetchone()
    assert parcel == ("2023-11-01T20:00:00+08:00", "2023-11-03T09:00:00+08:00")
    assert problems_of(report)[(2, "揽收时间")].endswith("；保留已导入的值「2023-11-01 20:00:00」")


def test_an_unreadable_return_tracking_number_keeps_the_stored_one(store, tmp_path):
    import_into_store(store, [write_csv(tmp_path / "1699750800_s.csv", [after_sale_row()])])
    newer = after_sale_row(return_no="见聊天记录", status="待商家收货")
    (report,) = import_into_store(store, [write_csv(tmp_path / "1699837200_s.csv", [newer])])
    assert store.connection.execute("SELECT return_tracking_no FROM after_sales").fetchone() == ("SF2000000000001",)
    assert problems_of(report)[(2, "退货物流单号")].endswith("；保留已导入的值「SF2000000000001」")


def test_an_unreadable_order_number_of_an_after_sale_keeps_the_stored_one_and_the_update(store, tmp_path):
    import_into_store(store, [write_csv(tmp_path / "1699750800_s.csv", [after_sale_row()])])
    newer = after_sale_row(refunded="2023-11-03 10:00:00", status="退款成功") | {"订单号": "6.91793E+18"}
    (report,) = import_into_store(store, [write_csv(tmp_path / "1699837200_s.csv", [newer])])
    assert report.updated == 1
    stored = store.connection.execute("SELECT order_id, refunded_at, status FROM after_sales").fetchone()
    assert stored == (ORDER, "2023-11-03T10:00:00+08:00", "退款成功")
    assert problems_of(report)[(2, "订单号")].endswith(f"；保留已导入的值「{ORDER}」")


# --- 6. encrypted buyer fields -----------------------------------------------------------------------------

BUYER = {"收件人": "张**", "收件人手机号": "138****1234", "详细地址": "广东省深圳市南山区***"}
ENCRYPTED = {
    "收件人": "##QxSl2L7pzmNnY0cEg0MDkzNDk0MDk0MDk=##",
    "收件人手机号": "$1R9a/lyTgQ8wVMl0j3c8dDN4AUs+8Fx7PwVxFk7d8kU=$YcE3ShrUtn1Fs7f+GnFzWnlbhi0=$1$$",
    "详细地址": "#6qMy#vKdqqjmPOxLwgXzK4pC7xTQKwRrbP5h+w1qQ9uA2Qh8=#1##",
}


def test_an_encrypted_export_never_replaces_known_buyer_details(store, tmp_path):
    import_into_store(store, [write_csv(tmp_path / "1699750800_o.csv", [order_row() | BUYER])])
    newer = write_csv(tmp_path / "1699837200_o.csv", [order_row(status="已关闭") | ENCRYPTED])
    (report,) = import_into_store(store, [newer])
    assert report.updated == 1
    assert stored_line(store, "buyer_name", "buyer_phone", "buyer_address", "order_status") == (
        "张**", "138****1234", "广东省深圳市南山区***", "已关闭"
    )  # fmt: skip


def test_encrypted_buyer_details_are_stored_as_hidden_and_plain_ones_replace_them(store, tmp_path):
    import_into_store(store, [write_csv(tmp_path / "1699750800_o.csv", [order_row() | ENCRYPTED])])
    assert stored_line(store, "buyer_name", "buyer_phone", "buyer_address") == (HIDDEN, HIDDEN, HIDDEN)
    import_into_store(store, [write_csv(tmp_path / "1699837200_o.csv", [order_row() | BUYER])])
    assert stored_line(store, "buyer_name", "buyer_phone", "buyer_address") == tuple(BUYER.values())


# --- 3. a file that changes while it is imported ----------------------------------------------------------


def big_export(tmp_path, rows=4500):
    lines = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}") for n in range(rows)]
    return write_csv(tmp_path / "1699750800_orders.csv", lines)


def count(store, table="order_lines"):
    return store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_file_truncated_while_it_is_read_is_refused_and_the_whole_file_imports_later(store, tmp_path):
    path = big_export(tmp_path)
    whole = path.read_bytes()

    def truncate_once(file_name, rows):
        if path.stat().st_size == len(whole):  # the browser rewrites the download: it is cut short meanwhile
            with path.open("r+b") as handle:
                handle.truncate(len(whole) // 3)

    (refused,) = import_into_store(store, [path], progress=truncate_once)

    assert refused.kind is None and refused.import_id is None
    (problem,) = refused.problems
    assert "导入过程中文件被改动" in problem.message and "没有导入" in problem.message
    assert count(store) == 0 and count(store, "imports") == 0
    path.write_bytes(whole)  # the complete download
    (report,) = import_into_store(store, [path])
    assert report.same_as is None and report.new == 4500 and count(store) == 4500


def test_a_file_rewritten_by_another_thread_while_it_is_copied_is_refused(store, tmp_path, monkeypatch):
    path = big_export(tmp_path)
    monkeypatch.setattr(private_copy, "CHUNK", 64 * 1024)
    real_read = private_copy._read
    calls = []

    def read_while_another_program_writes(source):
        chunk = real_read(source)
        calls.append(len(chunk))
        if len(calls) == 1:
            writer = threading.Thread(target=lambda: write_csv(path, [order_row()]))  # Excel saves over it
            writer.start()
            writer.join()
        return chunk

    monkeypatch.setattr(private_copy, "_read", read_while_another_program_writes)
    (refused,) = import_into_store(store, [path])
    assert len(calls) > 1  # the copy was under way when the file changed
    assert refused.kind is None and "导入过程中文件被改动" in refused.problems[0].message
    assert count(store) == 0 and count(store, "imports") == 0


def test_a_file_deleted_while_it_is_read_is_refused(store, tmp_path):
    path = big_export(tmp_path)
    (refused,) = import_into_store(store, [path], progress=lambda *_: path.unlink(missing_ok=True))
    assert refused.kind is None and "被删除或移走" in refused.problems[0].message
    assert count(store) == 0 and count(store, "imports") == 0


def test_a_file_touched_but_unchanged_in_size_is_refused_too(store, tmp_path):
    path = big_export(tmp_path)
    stat = path.stat()

    def saved_again(*_):  # same bytes count, later time: saved again by another program
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    (refused,) = import_into_store(store, [path], progress=saved_again)
    assert refused.kind is None and count(store) == 0


def test_a_file_another_program_holds_is_refused_with_a_message(store, tmp_path, monkeypatch):
    path = big_export(tmp_path, rows=10)
    real_open = type(path).open

    def open_unless_locked(self, *args, **kwargs):  # as Windows refuses a file being written elsewhere
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", open_unless_locked)
    (refused,) = import_into_store(store, [path])
    assert refused.kind is None and refused.problems[0].message.startswith("无法读取文件：没有权限，或正被其他程序占用")
    assert count(store, "imports") == 0


def test_the_hash_recorded_is_that_of_the_bytes_imported(store, tmp_path):
    path = big_export(tmp_path, rows=10)
    (report,) = import_into_store(store, [path])
    recorded = store.connection.execute("SELECT sha256, size FROM imports").fetchone()
    assert recorded == (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size)
    assert report.new == 10
