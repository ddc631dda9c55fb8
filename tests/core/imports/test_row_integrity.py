"""Junk never becomes a record: rows without IDs, IDs that are not IDs, control characters, encrypted buyer
fields and CSV rows in another encoding, each on a real file written here."""

import pytest

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


def row_problems(result):
    """Problems of data rows (the header row's say which optional columns these small files lack)."""
    return [problem for problem in result.problems if problem.row != 1]
