"""A file with a problem in each of 200,000 rows keeps the first LISTED_PROBLEMS of them (and every problem about
the whole file) and counts the rest, in the importer and in the store: never 200,000 problem objects."""

import sqlite3

from shopguard.core.imports.importer import LISTED_PROBLEMS, import_files
from shopguard.core.store.database import DB_NAME, Store
from shopguard.core.store.merge import import_into_store
from tests.exports import ORDER_HEADERS

BAD_ROWS = 200_000


def file_with_a_bad_order_number_in_every_row(path, rows=BAD_ROWS, good_first=0):
    """The header, `good_first` good rows, then `rows` rows whose 主订单编号 is not a number (written line by line:
    a list of 200,000 dicts would cost more than the import)."""
    width = len(ORDER_HEADERS)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(",".join(ORDER_HEADERS) + "\r\n")
        for n in range(good_first):
            handle.write(f"\t69179267{n:011d},\t68179267{n:011d},\t纯棉T恤" + ",\t-" * (width - 3) + "\r\n")
        line = "\t订单号坏了,\t6817926768823643759,\t纯棉T恤" + ",\t-" * (width - 3) + "\r\n"
        handle.writelines(line for _ in range(rows))
    return path


def test_two_hundred_thousand_bad_rows_keep_a_thousand_problems_and_count_the_rest(tmp_path):
    path = file_with_a_bad_order_number_in_every_row(tmp_path / "orders.csv")
    result = import_files([path, tmp_path / "missing.csv"])
    in_rows = [problem for problem in result.problems if problem.row is not None]
    assert len(in_rows) == LISTED_PROBLEMS == 1000
    assert [problem.row for problem in in_rows] == list(range(2, 1002))  # the first ones, in order
    assert in_rows[0].column == "主订单编号" and in_rows[0].message.endswith("此行未导入")
    orders, missing = result.files
    assert orders.rows == BAD_ROWS and orders.problems_not_listed == BAD_ROWS - LISTED_PROBLEMS
    assert result.problems_not_listed == 199_000
    # A problem about a whole file is never left out, whatever came before it.
    assert [problem.message for problem in result.problems if problem.row is None] == ["找不到文件"]
    assert missing.problems_not_listed == 0


def test_the_store_keeps_the_listed_problems_and_counts_them_all(tmp_path):
    path = file_with_a_bad_order_number_in_every_row(tmp_path / "orders.csv", rows=3_000, good_first=2)
    with Store.open(tmp_path / "data") as store:
        (report,) = import_into_store(store, [path])
    assert report.new == 2 and report.problems_not_listed == 2_000
    assert len([problem for problem in report.problems if problem.row is not None]) == LISTED_PROBLEMS
    connection = sqlite3.connect(tmp_path / "data" / DB_NAME)
    try:
        (counted,) = connection.execute("SELECT problems FROM imports").fetchone()
        (stored,) = connection.execute("SELECT COUNT(*) FROM import_problems").fetchone()
    finally:
        connection.close()
    assert counted == len(report.problems) + 2_000 and stored == len(report.problems)


def test_an_unreadable_cell_beyond_the_listed_problems_still_keeps_the_stored_value(tmp_path):
    headers = ",".join(ORDER_HEADERS[:3] + ["支付完成时间"])
    first, second = tmp_path / "1699750800_orders.csv", tmp_path / "1699837200_orders.csv"
    rows = [f"\t69179267{n:011d},\t68179267{n:011d},\t纯棉T恤,\t{{paid}}" for n in range(LISTED_PROBLEMS + 5)]
    first.write_text("\n".join([headers, *(row.format(paid="2023-11-01 10:00:00") for row in rows)]), encoding="utf-8")
    second.write_text("\n".join([headers, *(row.format(paid="2023-11-31 10:00:00") for row in rows)]), encoding="utf-8")
    with Store.open(tmp_path / "data") as store:
        import_into_store(store, [first])
        (report,) = import_into_store(store, [second])
        paid = {row[0] for row in store.connection.execute("SELECT paid_at FROM order_lines")}
    header_problems = sum(1 for problem in report.problems if problem.row == 1)  # optional columns missing
    assert report.problems_not_listed == len(rows) - (LISTED_PROBLEMS - header_problems)
    assert len(paid) == 1 and next(iter(paid)).startswith("2023-11-01T10:00:00")  # the unlisted rows kept theirs too
    assert report.problems[-1].message.endswith("；保留已导入的值「2023-11-01 10:00:00」")
