"""CSV files whose rows are not all in one encoding (rows pasted from a GBK file into a UTF-8 one, or the
reverse): each odd row is read in its own encoding, imported, and named in one problem; bytes no encoding reads
are never stored as U+FFFD. Real files, written byte by byte here."""

import sqlite3

from shopguard.core.imports import csv_text, limits, reader
from shopguard.core.imports.importer import import_files
from shopguard.core.store.database import DB_NAME, Store
from shopguard.core.store.merge import import_into_store
from tests.exports import order_row, write_csv

HEADER = "主订单编号,子订单编号,选购商品,省,支付完成时间"


def order_line(n: int, product: str) -> str:
    return f"\t69179267688236437{n:02d},\t69179267688236438{n:02d},\t{product},\t广东省,\t2023-11-01 10:00:00"


def mixed_file(path, lines: list[tuple[str, str]], end: bytes = b"\r\n"):
    """One CSV line per (text, encoding): a file pieced together from exports in different encodings."""
    path.write_bytes(b"".join(text.encode(encoding) + end for text, encoding in lines))
    return path


def row_problems(result):
    """Problems of data rows (the header row's say which optional columns these small files lack)."""
    return [problem for problem in result.problems if problem.row != 1]


def test_a_gbk_row_in_a_utf8_file_is_imported_as_gbk_and_named_in_one_problem(tmp_path):
    path = mixed_file(tmp_path / "orders.csv", [("\ufeff" + HEADER, "utf-8"), (order_line(1, "纯棉T恤"), "utf-8"),
                      (order_line(2, "羊毛围巾"), "gbk"), (order_line(3, "加厚卫衣"), "utf-8")])  # fmt: skip
    result = import_files([path])
    assert [line.product for line in result.orders] == ["纯棉T恤", "羊毛围巾", "加厚卫衣"]
    (problem,) = row_problems(result)
    assert (problem.file, problem.row, problem.column) == ("orders.csv", 3, None)
    assert problem.message == (
        "此行是 GBK 编码，与文件其他行（UTF-8）不同（多半是从另一个文件复制过来的行）：已按 GBK 读取并导入，"
        "请核对此行的文字；要避免这个提示，请把整个文件另存为同一种编码"
    )


def test_a_utf8_row_in_a_gb18030_file_is_imported_as_utf8_and_named(tmp_path):
    lines = [(HEADER, "gb18030"), *[(order_line(n, "纯棉T恤"), "gb18030") for n in range(1, 5)]]
    lines.append((order_line(5, "羊毛围巾"), "utf-8"))
    result = import_files([mixed_file(tmp_path / "orders.csv", lines)])
    assert [line.product for line in result.orders] == ["纯棉T恤"] * 4 + ["羊毛围巾"]
    (problem,) = row_problems(result)
    assert problem.row == 6 and problem.message.startswith("此行是 UTF-8 编码，与文件其他行（GBK）不同")


def test_before_the_change_a_utf8_file_with_one_gbk_row_was_read_whole_as_gb18030(tmp_path):
    """The whole-file guess read every line as GB18030: the UTF-8 header became mojibake and the file was
    refused as「无法识别文件类型」. Now only the odd row is odd."""
    path = mixed_file(tmp_path / "orders.csv", [(HEADER, "utf-8"), (order_line(1, "纯棉T恤"), "utf-8"),
                      (order_line(2, "羊毛围巾"), "gbk")])  # fmt: skip
    result = import_files([path])
    assert [(line.product, line.province) for line in result.orders] == [("纯棉T恤", "广东省"), ("羊毛围巾", "广东省")]
    assert [p.row for p in row_problems(result)] == [3]


def test_bytes_no_encoding_reads_are_never_stored_as_replacement_characters(tmp_path):
    good, bad = order_line(1, "纯棉T恤").encode("utf-8"), order_line(2, "羊毛@@").encode("utf-8")
    bad = bad.replace(b"@@", b"\xff\xfe\x80")  # neither UTF-8 nor GB18030 has these bytes in that order
    path = tmp_path / "orders.csv"
    path.write_bytes(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n" + good + b"\r\n" + bad + b"\r\n")
    result = import_files([path])
    first, second = result.orders
    assert first.product == "纯棉T恤" and second.product is None and second.province == "广东省"
    (problem,) = row_problems(result)
    assert (problem.row, problem.column) == (3, "选购商品")
    assert problem.message.startswith("有无法识别的乱码字符（这一行的编码既不是 UTF-8 也不是 GBK），没有读取；")
    (gaps,) = result.unreadable["orders"].values()  # the store keeps what it holds for that cell
    assert list(gaps) == ["product"] and result.problems[gaps["product"]] == problem


def test_a_garbled_order_number_costs_that_row_and_says_so(tmp_path):
    path = tmp_path / "orders.csv"
    bad = order_line(2, "羊毛围巾").encode("utf-8").replace(b"6917926768823643702", b"69179\xff\xfe\x80")
    path.write_bytes(HEADER.encode() + b"\n" + order_line(1, "纯棉T恤").encode() + b"\n" + bad + b"\n")
    result = import_files([path])
    assert [line.order_id for line in result.orders] == ["6917926768823643701"]
    (problem,) = row_problems(result)
    assert (problem.row, problem.column) == (3, "主订单编号") and problem.message.endswith("此行未导入")


def test_the_store_keeps_its_value_for_a_garbled_cell_and_never_holds_u_fffd(tmp_path):
    first = mixed_file(tmp_path / "1699750800_orders.csv", [(HEADER, "utf-8"), (order_line(1, "纯棉T恤"), "utf-8")])
    second = tmp_path / "1699837200_orders.csv"
    second.write_bytes(HEADER.encode() + b"\n" + order_line(1, "羊毛@@").encode().replace(b"@@", b"\xff\xfe\x80"))
    with Store.open(tmp_path / "data") as store:
        import_into_store(store, [first])
        (report,) = import_into_store(store, [second])
    (problem,) = [p for p in report.problems if p.row == 2]
    assert problem.message.endswith("；保留已导入的值「纯棉T恤」")
    connection = sqlite3.connect(tmp_path / "data" / DB_NAME)
    try:
        assert connection.execute("SELECT product FROM order_lines").fetchall() == [("纯棉T恤",)]
        dump = "\n".join(connection.iterdump())
    finally:
        connection.close()
    assert "\ufffd" not in dump


def test_a_quoted_cell_over_two_lines_keeps_its_note_on_its_own_row(tmp_path):
    two_lines = order_line(2, '"羊毛围巾\r\n加厚款"').replace('\t"', '"\t')
    first, second = two_lines.split("\r\n")
    path = mixed_file(tmp_path / "orders.csv", [("\ufeff" + HEADER, "utf-8"), (order_line(1, "纯棉T恤"), "utf-8"),
                      (first, "utf-8"), (second, "gbk"), (order_line(3, "加厚卫衣"), "utf-8")])  # fmt: skip
    result = import_files([path])
    assert [line.product for line in result.orders] == ["纯棉T恤", "羊毛围巾 加厚款", "加厚卫衣"]
    assert [(p.row, "GBK 编码" in p.message) for p in row_problems(result)] == [(3, True)]


def test_a_gbk_file_with_mac_line_endings_and_a_utf8_row(tmp_path):
    lines = [(HEADER, "gbk"), (order_line(1, "纯棉T恤"), "gbk"), (order_line(2, "羊毛围巾"), "utf-8")]
    result = import_files([mixed_file(tmp_path / "orders.csv", lines, end=b"\r")])
    assert [line.product for line in result.orders] == ["纯棉T恤", "羊毛围巾"]
    assert [(p.row, "UTF-8 编码" in p.message) for p in row_problems(result)] == [(3, True)]


def test_a_gbk_row_far_down_a_big_utf8_file_comes_out_once_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_text, "BLOCK_BYTES", 4096)  # many blocks, with CRLFs split between two of them
    lines = [("\ufeff" + HEADER, "utf-8")] + [(order_line(n % 100, "纯棉T恤"), "utf-8") for n in range(3000)]
    lines[2500] = (order_line(99, "羊毛围巾"), "gbk")
    (sheet,) = reader.sheets(mixed_file(tmp_path / "orders.csv", lines))
    read = [(number, cells[2], getattr(cells, "note", None) is not None) for number, cells in sheet.rows]
    assert [number for number, *_ in read] == list(range(1, 3002))
    assert read[2500] == (2501, "\t羊毛围巾", True) and read[2499][1:] == read[2501][1:] == ("\t纯棉T恤", False)
    assert sum(noted for *_, noted in read) == 1


def test_files_in_one_encoding_read_as_before_without_notes(tmp_path):
    for encoding in ("utf-8-sig", "utf-8", "gb18030", "utf-16"):
        path = write_csv(tmp_path / f"{encoding}.csv", [order_row(product="羊毛围巾 加厚")], encoding=encoding)
        result = import_files([path])
        assert [line.product for line in result.orders] == ["羊毛围巾 加厚"], encoding
        assert row_problems(result) == [], encoding


def test_a_long_line_in_a_file_of_mixed_encodings_is_still_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "CSV_LINE_CHARS", 10_000)
    path = mixed_file(tmp_path / "orders.csv", [(HEADER, "gbk"), (order_line(1, "长" * 20_000), "utf-8")])
    (problem,) = [p for p in import_files([path]).problems if p.row is None]
    assert "CSV 文件的第 2 行超过 10,000 个字符" in problem.message and "整个文件未导入" in problem.message
