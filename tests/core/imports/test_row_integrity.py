"""Junk never becomes a record: rows without IDs, IDs that are not IDs, control characters, encrypted buyer
fields and CSV rows in another encoding, each on a real file written here."""

import pytest

from shopguard.core.imports import csv_text, reader
from shopguard.core.imports.buyer import HIDDEN, looks_encrypted
from shopguard.core.imports.importer import import_files
from tests.exports import after_sale_row, order_row, tracking_row, write_csv, write_xlsx

ORDER_HEADERS_WITH_BUYER = [
    "主订单编号",
    "子订单编号",
    "选购商品",
    "支付完成时间",
    "收件人",
    "收件人手机号",
    "详细地址",
]


def good_row(n: int) -> dict:
    return order_row(order_id=f"69179267688236437{n:02d}", sub_order_id=f"69179267688236438{n:02d}")


@pytest.mark.parametrize("empty", ["", "-", "—", "--"])
def test_a_row_without_its_main_order_number_is_one_problem_and_the_rest_imports(tmp_path, empty):
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[1]["主订单编号"] = empty
    result = import_files([write_csv(tmp_path / "orders.csv", rows)])
    assert [line.order_id for line in result.orders] == ["6917926768823643701", "6917926768823643703"]
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (3, "主订单编号", "「主订单编号」为空，此行未导入")
    ]


def test_a_row_without_its_main_order_number_in_an_xlsx_too(tmp_path):
    rows = [good_row(1), good_row(2)]
    rows[0]["主订单编号"] = None  # a truly empty cell
    result = import_files([write_xlsx(tmp_path / "orders.xlsx", rows)])
    assert [line.order_id for line in result.orders] == ["6917926768823643702"]
    assert [(p.row, p.column) for p in result.problems] == [(2, "主订单编号")]


@pytest.mark.parametrize(
    "column, junk, says",
    [
        ("主订单编号", "合计", "不是编号"),
        ("主订单编号", "备注：周五前发货的订单请优先处理，谢谢配合", "不是编号"),
        ("子订单编号", "=SUM(E2:E100)", "是公式"),
        ("子订单编号", "总计 3 单", "不是编号"),
        ("主订单编号", "６９１７９２６７６８８２３６４３７５１", "不是编号"),  # full-width digits
        ("子订单编号", "69179267688236438\x0002", "控制字符"),
    ],
)
def test_junk_in_an_id_column_is_a_problem_for_its_row_and_never_an_order(tmp_path, column, junk, says):
    rows = [good_row(1), good_row(2)]
    rows[1][column] = junk
    result = import_files([write_csv(tmp_path / "orders.csv", rows)])
    assert [line.sub_order_id for line in result.orders] == ["6917926768823643801"]
    (problem,) = result.problems
    assert (problem.row, problem.column) == (3, column)
    assert says in problem.message and problem.message.endswith("此行未导入")
    assert "\x00" not in problem.message


def test_a_totals_row_under_an_after_sales_export_is_not_an_after_sale(tmp_path):
    total = after_sale_row(after_sale_id="合计", order_id="-", type="-", return_no="-")
    result = import_files([write_csv(tmp_path / "after.csv", [after_sale_row(), total])])
    assert [sale.after_sale_id for sale in result.after_sales] == ["7301000000000000001"]
    assert [(p.row, p.column) for p in result.problems] == [(3, "售后单号")]


@pytest.mark.parametrize("junk", ["合计", "共3个包裹", "Total", "-SF123", "SF 12345", "见备注"])
def test_tracking_numbers_are_letters_digits_and_dashes(tmp_path, junk):
    rows = [tracking_row("SF1400000000006", picked="2023-11-01 20:00:00"), tracking_row(junk, picked="2023-11-01")]
    result = import_files([write_csv(tmp_path / "track.csv", rows)])
    assert list(result.tracking) == ["SF1400000000006"]
    (problem,) = result.problems
    assert (problem.row, problem.column) == (3, "快递单号") and "此行未导入" in problem.message


def test_real_tracking_number_spellings_still_import(tmp_path):
    numbers = ["SF1400000000006", "yt7300000000001", "JDX012345678901-1-1", "773012345678904"]
    result = import_files([write_csv(tmp_path / "track.csv", [tracking_row(n, picked="2023-11-01 20:00:00")
                                                                  for n in numbers])])  # fmt: skip
    assert list(result.tracking) == [n.upper() for n in numbers]
    assert result.problems == []


def test_a_junk_return_tracking_number_leaves_that_field_empty_and_keeps_the_after_sale(tmp_path):
    result = import_files([write_csv(tmp_path / "after.csv", [after_sale_row(return_no="买家说明天寄")])])
    (sale,) = result.after_sales
    assert sale.return_tracking_no is None
    (problem,) = result.problems
    assert problem.column == "退货物流单号" and "不是编号" in problem.message
    assert result.unreadable["after_sales"] == {"7301000000000000001": {"return_tracking_no": 0}}


def test_control_characters_are_removed_from_text(tmp_path):
    dirty = order_row(product="T恤\x00加厚\x0b\x1b款\t白色\r\n M码", province="广东\x07省")
    dirty["快递信息"] = "773012345678904-申通\x1b快递,T恤-3788410999938351943,1;"
    again = dirty | {"主订单编号": "6917926768823643761", "子订单编号": "6917926768823643769"}  # seen twice
    result = import_files([write_csv(tmp_path / "orders.csv", [dirty, again])])
    assert result.problems == []
    for line in result.orders:
        assert line.product == "T恤加厚款 白色  M码"
        assert line.province == "广东省"
        assert line.packages[0].courier == "申通快递"


def test_a_cell_of_nothing_but_control_characters_is_a_problem_not_a_value(tmp_path):
    rows = [order_row(product="\x00\x1b"), order_row(order_id="6917926768823643761", product="\x00\x1b")]
    result = import_files([write_csv(tmp_path / "orders.csv", rows)])
    assert [line.product for line in result.orders] == [None, None]
    assert [(p.row, p.column) for p in result.problems] == [(2, "选购商品"), (3, "选购商品")]
    assert all("控制字符" in p.message for p in result.problems)


@pytest.mark.parametrize(
    "value",
    [
        "##QxSl2L7pzmNnY0cEg0MDkzNDk0MDk0MDk=##",
        "$1R9a/lyTgQ8wVMl0j3c8dDN4AUs+8Fx7PwVxFk7d8kU=$YcE3ShrUtn1Fs7f+GnFzWnlbhi0=$1$$",
        "#6qMy#vKdqqjmPOxLwgXzK4pC7xTQKwRrbP5h+w1qQ9uA2Qh8=#1##",
        "aGVsbG8gd29ybGQgdGhpcyBpcyBhIHRlc3Q=",
    ],
)
def test_encrypted_buyer_values_are_recognised(value):
    assert looks_encrypted(value)


@pytest.mark.parametrize("value", ["张**", "138****1234", "13812341234", "广东省深圳市南山区科技园1号", "***", "#3栋"])
def test_masked_or_plain_buyer_values_are_not_taken_for_ciphertext(value):
    assert not looks_encrypted(value)


def test_encrypted_buyer_fields_are_stored_as_hidden_never_as_text(tmp_path):
    paid = "2023-11-01 10:00:00"
    rows = [
        {"主订单编号": "6917926768823643751", "子订单编号": "6917926768823643759", "支付完成时间": paid,
         "收件人": "##QxSl2L7pzmNnY0cEg0MDkzNDk0MDk0MDk=##", "收件人手机号": "$1R9a/lyTgQ8wVMl0j3c8dDN4AUs=$1$",
         "详细地址": "#6qMy#vKdqqjmPOxLwgXzK4pC7xTQKwRrbP5h=#1##"},
        {"主订单编号": "6917926768823643761", "子订单编号": "6917926768823643769", "支付完成时间": paid,
         "收件人": "张**", "收件人手机号": "138****1234", "详细地址": "广东省深圳市南山区***"},
    ]  # fmt: skip
    result = import_files([write_csv(tmp_path / "orders.csv", rows, headers=ORDER_HEADERS_WITH_BUYER)])
    hidden, masked = result.orders
    assert (hidden.buyer_name, hidden.buyer_phone, hidden.buyer_address) == (HIDDEN, HIDDEN, HIDDEN)
    assert (masked.buyer_name, masked.buyer_phone, masked.buyer_address) == (
        "张**",
        "138****1234",
        "广东省深圳市南山区***",
    )
    assert row_problems(result) == []


# --- CSV rows in another encoding (imports.csv_text; reader.py reads CSV through it, see below) ------------


def row_problems(result):
    """Problems of data rows (the header row's say which optional columns these small files lack)."""
    return [problem for problem in result.problems if problem.row != 1]


def mixed_file(path, lines: list[tuple[str, str]]) -> None:
    """One CSV line per (text, encoding): a file pieced together from exports in different encodings."""
    path.write_bytes(b"".join(text.encode(encoding) + b"\r\n" for text, encoding in lines))


HEADER = "主订单编号,子订单编号,选购商品,省,支付完成时间"


def order_line(n: int, product: str) -> str:
    return f"\t69179267688236437{n:02d},\t69179267688236438{n:02d},\t{product},\t广东省,\t2023-11-01 10:00:00"


@pytest.fixture
def csv_read_row_by_row(monkeypatch):
    """reader.py as it reads CSV files once it calls csv_text.csv_rows (a one-line change in reader.sheets)."""
    monkeypatch.setattr(reader, "_csv_rows", lambda path: csv_text.csv_rows(path, reader.UnreadableFile))


def test_a_gbk_row_in_a_utf8_file_is_read_as_gbk_and_reported(tmp_path, csv_read_row_by_row):
    path = tmp_path / "orders.csv"
    mixed_file(path, [("\ufeff" + HEADER, "utf-8"), (order_line(1, "纯棉T恤"), "utf-8"),
                      (order_line(2, "羊毛围巾"), "gbk"), (order_line(3, "加厚卫衣"), "utf-8")])  # fmt: skip
    result = import_files([path])
    assert [line.product for line in result.orders] == ["纯棉T恤", "羊毛围巾", "加厚卫衣"]
    (problem,) = row_problems(result)
    assert (problem.row, problem.column) == (3, None)
    assert "GBK" in problem.message and "UTF-8" in problem.message


def test_a_utf8_row_in_a_gbk_file_is_read_as_utf8_and_reported(tmp_path, csv_read_row_by_row):
    path = tmp_path / "orders.csv"
    lines = [
        (HEADER, "gbk"),
        *[(order_line(n, "纯棉T恤"), "gbk") for n in range(1, 5)],
        (order_line(5, "羊毛围巾"), "utf-8"),
    ]
    mixed_file(path, lines)
    result = import_files([path])
    assert [line.product for line in result.orders] == ["纯棉T恤"] * 4 + ["羊毛围巾"]
    assert [(p.row, "此行是 UTF-8 编码" in p.message) for p in row_problems(result)] == [(6, True)]


def test_bytes_no_encoding_reads_are_never_stored_as_replacement_characters(tmp_path, csv_read_row_by_row):
    path = tmp_path / "orders.csv"
    good, bad = order_line(1, "纯棉T恤").encode("utf-8"), order_line(2, "羊毛@@").encode("utf-8")
    bad = bad.replace(b"@@", b"\xff\xfe\x80")  # no encoding has these bytes in that order
    path.write_bytes(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n" + good + b"\r\n" + bad + b"\r\n")
    result = import_files([path])
    first, second = result.orders
    assert first.product == "纯棉T恤" and second.product is None and second.province == "广东省"
    problems = row_problems(result)
    assert [(p.row, p.column) for p in problems] == [(3, None), (3, "选购商品")]
    assert "无法识别的字节" in problems[0].message
    (gaps,) = result.unreadable["orders"].values()
    assert list(gaps) == ["product"] and result.problems[gaps["product"]] == problems[1]


def test_a_file_in_one_encoding_has_no_notes_and_reads_as_before(tmp_path):
    for encoding in ("utf-8-sig", "gb18030"):
        path = write_csv(tmp_path / f"{encoding}.csv", [order_row(product="羊毛围巾 加厚")], encoding=encoding)
        rows = csv_text.csv_rows(path, reader.UnreadableFile)
        assert [cells[2] for _, cells in rows][1:] == ["\t羊毛围巾 加厚"]
        assert not getattr(rows, "notes", None)


def test_a_quoted_cell_over_two_lines_keeps_its_note_on_its_own_row(tmp_path, csv_read_row_by_row):
    path = tmp_path / "orders.csv"
    two_lines = order_line(2, '"羊毛围巾\r\n加厚款"').replace('\t"', '"\t')
    first, second = two_lines.split("\r\n")
    mixed_file(path, [("\ufeff" + HEADER, "utf-8"), (order_line(1, "纯棉T恤"), "utf-8"), (first, "utf-8"),
                      (second, "gbk"), (order_line(3, "加厚卫衣"), "utf-8")])  # fmt: skip
    result = import_files([path])
    assert [line.product for line in result.orders] == ["纯棉T恤", "羊毛围巾 加厚款", "加厚卫衣"]
    assert [(p.row, "GBK" in p.message) for p in row_problems(result)] == [(3, True)]


def test_a_gbk_file_with_mac_line_endings_and_a_utf8_row(tmp_path, csv_read_row_by_row):
    path = tmp_path / "orders.csv"
    lines = [(HEADER, "gbk"), (order_line(1, "纯棉T恤"), "gbk"), (order_line(2, "羊毛围巾"), "utf-8")]
    path.write_bytes(b"".join(text.encode(encoding) + b"\r" for text, encoding in lines))
    result = import_files([path])
    assert [line.product for line in result.orders] == ["纯棉T恤", "羊毛围巾"]
    assert [(p.row, "UTF-8" in p.message) for p in row_problems(result)] == [(3, True)]


def test_a_gbk_row_far_down_a_big_utf8_file_is_read_once_with_every_row_in_order(tmp_path, csv_read_row_by_row):
    path = tmp_path / "orders.csv"
    lines = [("\ufeff" + HEADER, "utf-8")] + [(order_line(n % 100, "纯棉T恤"), "utf-8") for n in range(3000)]
    lines[2500] = (order_line(99, "羊毛围巾"), "gbk")  # well past the first chunks the UTF-8 reading decodes
    mixed_file(path, lines)
    rows = csv_text.csv_rows(path, reader.UnreadableFile)
    read = [(number, cells[2]) for number, cells in rows]
    assert [number for number, _ in read] == list(range(1, 3002))
    assert read[2500] == (2501, "\t羊毛围巾") and read[2499][1] == read[2501][1] == "\t纯棉T恤"
    assert list(rows.notes) == [2501] and "GBK" in rows.notes[2501].message
