"""Importing real-looking exports: kinds, encodings, cell quirks and bad input, all on files written here."""

import io
import zipfile
from datetime import datetime
from decimal import Decimal

import msoffcrypto.format.ooxml
import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.imports.importer import import_files
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import EngineSettings
from tests.exports import (
    AFTER_SALE_HEADERS,
    after_sale_row,
    order_row,
    tracking_row,
    write_csv,
    write_xls,
    write_xlsx,
)

SHIPPED = dict(
    shipped="2023-11-01 12:00:00",
    status="已发货",
    packages="770291786060549-申通快递,T恤-3788410999938351943,1;",
)


def bj(*parts):
    return datetime(*parts, tzinfo=BEIJING)


def only(result, kind):
    assert [summary.kind for summary in result.files] == [kind]
    return result


def test_order_export_csv_with_tab_padding(tmp_path):
    path = write_csv(tmp_path / "1699750800_orders.csv", [order_row(**SHIPPED, amount="1,299.00")])
    result = only(import_files([path]), "orders")
    assert result.problems == []
    (line,) = result.orders
    assert line.order_id == "6917926768823643751"
    assert line.paid_at == bj(2023, 11, 1, 10)
    assert line.shipped_at == bj(2023, 11, 1, 12)
    assert line.promised_ship_at is None  # "-" means empty
    assert line.amount == Decimal("1299.00")
    assert [p.tracking_no for p in line.packages] == ["770291786060549"]
    assert line.packages[0].courier == "申通快递"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030", "gbk"])
def test_csv_encodings_excel_and_wps_write(tmp_path, encoding):
    path = write_csv(tmp_path / "orders.csv", [order_row(product="羊毛围巾 加厚")], encoding=encoding)
    result = only(import_files([path]), "orders")
    assert result.orders[0].product == "羊毛围巾 加厚"


def test_utf16_tab_separated_text_from_excel(tmp_path):
    path = write_csv(tmp_path / "orders.txt", [order_row()], encoding="utf-16", delimiter="\t", pad="")
    result = only(import_files([path]), "orders")
    assert result.orders[0].sub_order_id == "6917926768823643759"


def test_apostrophe_padding_and_columns_in_any_order(tmp_path):
    row = order_row()
    headers = list(reversed(list(row)))
    path = write_csv(tmp_path / "orders.csv", [row], headers=headers, pad="'")
    result = only(import_files([path]), "orders")
    assert result.orders[0].order_id == "6917926768823643751"
    assert result.orders[0].paid_at == bj(2023, 11, 1, 10)


def test_xlsx_with_real_date_cells_and_slash_times(tmp_path):
    rows = [
        order_row(paid=datetime(2023, 11, 1, 10, 23, 45), shipped="2023/11/1 12:05", status="已发货",
                  packages=SHIPPED["packages"]),
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "orders.xlsx", rows)
    result = only(import_files([path]), "orders")
    assert result.problems == []
    assert result.orders[0].paid_at == bj(2023, 11, 1, 10, 23, 45)
    assert result.orders[0].shipped_at == bj(2023, 11, 1, 12, 5)


def test_legacy_xls(tmp_path):
    path = write_xls(tmp_path / "售后.xls", [after_sale_row()])
    result = only(import_files([path]), "after_sales")
    assert result.after_sales[0].after_sale_id == "7301000000000000001"
    assert result.after_sales[0].return_shipped_at == bj(2023, 11, 2, 10)


def test_header_below_a_title_row(tmp_path):
    path = write_xlsx(tmp_path / "orders.xlsx", [order_row()], above=[["订单导出 2023-11-12"], []])
    result = only(import_files([path]), "orders")
    assert len(result.orders) == 1


def test_after_sales_full_width_brackets_and_aliases(tmp_path):
    row = after_sale_row()
    row["退商品金额（元）"] = "59.90"
    row["主订单编号"] = row.pop("订单号")  # alias spelling
    path = write_csv(tmp_path / "after.csv", [row])
    result = only(import_files([path]), "after_sales")
    sale = result.after_sales[0]
    assert sale.order_id == "6917926768823643751"
    assert sale.type == "退货退款"
    assert sale.return_tracking_no == "SF2000000000001"


@pytest.mark.parametrize(
    "headers",
    [
        ["快递单号", "快递公司", "揽收时间", "首个分拨中心时间", "签收时间", "最新轨迹时间"],
        ["运单号", "物流公司", "揽件时间", "到达分拨中心时间", "签收时间", "最后更新时间"],
        ["物流单号", "首次分拨时间"],
    ],
)
def test_tracking_sheet_aliases(tmp_path, headers):
    values = [
        "sf1400000000006",
        "顺丰速运",
        "2023-11-01 20:00:00",
        "2023-11-02 02:00:00",
        "-",
        "2023-11-02 02:00:00",
    ]
    canonical = ["快递单号", "快递公司", "揽收时间", "首个分拨中心时间", "签收时间", "最新轨迹时间"]
    aliases = {
        "运单号": "快递单号",
        "物流单号": "快递单号",
        "物流公司": "快递公司",
        "揽件时间": "揽收时间",
        "到达分拨中心时间": "首个分拨中心时间",
        "首次分拨时间": "首个分拨中心时间",
        "最后更新时间": "最新轨迹时间",
    }
    by_name = dict(zip(canonical, values, strict=True))
    row = {header: by_name[aliases.get(header, header)] for header in headers}
    path = write_csv(tmp_path / "track.csv", [row])
    result = only(import_files([path]), "tracking")
    parcel = result.tracking["SF1400000000006"]  # tracking numbers are matched case-insensitively
    assert parcel.first_sort_at == bj(2023, 11, 2, 2)


def test_float_and_scientific_ids_are_problems_and_other_rows_import(tmp_path):
    rows = [order_row(), order_row(order_id="6917926768823643752"), order_row(order_id="6917926768823643753")]
    rows[1]["主订单编号"] = 6.917926768823644e18  # Excel turned it into a number
    rows[2]["主订单编号"] = "6.91793E+18"
    path = write_xlsx(tmp_path / "orders.xlsx", rows)
    result = import_files([path])
    assert [line.order_id for line in result.orders] == ["6917926768823643751"]
    rows_and_columns = {(p.row, p.column) for p in result.problems}
    assert rows_and_columns == {(3, "主订单编号"), (4, "主订单编号")}
    assert all(p.file == "orders.xlsx" for p in result.problems)


def test_unparseable_time_names_file_row_and_column_and_keeps_the_row(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [order_row(), order_row(order_id="6917926768823643761", paid="昨天")])
    result = import_files([path])
    assert len(result.orders) == 2
    (problem,) = result.problems
    assert (problem.file, problem.row, problem.column) == ("orders.csv", 3, "支付完成时间")
    assert "昨天" in problem.message
    assert result.orders[1].paid_at is None


def test_duplicate_rows_are_reported_once_and_skipped(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [order_row(), order_row(), order_row(order_id="6917926768823643761")])
    result = import_files([path])
    assert len(result.orders) == 2
    (problem,) = result.problems
    assert problem.row == 3 and "第 2 行重复" in problem.message


def test_missing_optional_columns_are_tolerated_with_a_note(tmp_path):
    row = {
        "主订单编号": "6917926768823643751",
        "子订单编号": "6917926768823643759",
        "承诺发货时间": "2023-11-02 10:00:00",
    }
    path = write_csv(tmp_path / "orders.csv", [row])
    result = import_files([path])
    assert result.orders[0].promised_ship_at == datetime(2023, 11, 2, 10, tzinfo=BEIJING)
    missing = {p.column for p in result.problems}
    assert {"支付完成时间", "发货时间", "快递信息"} <= missing
    assert all(p.row == 1 for p in result.problems)


def test_missing_required_column_refuses_the_file_with_a_message(tmp_path):
    row = after_sale_row()
    del row["售后类型"]
    path = write_csv(tmp_path / "after.csv", [row])
    result = import_files([path])
    assert result.after_sales == []
    (problem,) = result.problems
    assert problem.column == "售后类型" and "缺少必需列" in problem.message


def test_empty_file_and_header_only_file(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = write_csv(tmp_path / "header.csv", [], headers=AFTER_SALE_HEADERS)
    result = import_files([empty, header_only])
    messages = {p.file: p.message for p in result.problems}
    assert messages["empty.csv"] == "文件是空的"
    assert "只有表头" in messages["header.csv"]


def test_corrupt_and_encrypted_xlsx(tmp_path):
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + b"not really a zip" * 20)
    plain = write_xlsx(tmp_path / "plain.xlsx", [order_row()])
    encrypted = tmp_path / "encrypted.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("secret", target)
    result = import_files([corrupt, encrypted, plain])
    messages = {p.file: p.message for p in result.problems}
    assert "损坏" in messages["corrupt.xlsx"]
    assert "密码" in messages["encrypted.xlsx"]
    assert len(result.orders) == 1  # the good file still imports


def test_settlement_and_fund_flow_exports_are_politely_refused(tmp_path):
    settlement = write_csv(
        tmp_path / "结算.csv",
        [
            {
                "结算时间": "2023-11-01 10:00:00",
                "订单号": "'6917926768823643751",
                "子订单号": "'1",
                "结算金额": "59.90",
            }
        ],
    )
    funds = write_csv(tmp_path / "动账.csv", [{"动账时间": "2023-11-01", "动帐流水号": "1", "动账方向": "入账"}])
    result = import_files([settlement, funds])
    assert [s.kind for s in result.files] == [None, None]
    messages = [p.message for p in result.problems]
    assert "结算单" in messages[0] and "已跳过" in messages[0]
    assert "动账" in messages[1]


def test_unknown_kind_and_unsupported_or_missing_files(tmp_path):
    unknown = write_csv(tmp_path / "商品.csv", [{"商品ID": "1", "库存": "5"}])
    word = tmp_path / "说明.docx"
    word.write_bytes(b"x")
    result = import_files([unknown, word, tmp_path / "不存在.csv"])
    messages = [p.message for p in result.problems]
    assert "无法识别文件类型" in messages[0]
    assert "不支持的文件类型" in messages[1]
    assert "找不到文件" in messages[2]


def test_bad_packed_express_info_is_a_problem_but_the_order_imports(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [order_row(shipped="2023-11-01 12:00:00", packages="稍后补充")])
    result = import_files([path])
    assert len(result.orders) == 1 and result.orders[0].packages == ()
    assert result.problems[0].column == "快递信息"


def test_tracking_rows_for_the_same_parcel_merge_across_files(tmp_path):
    first = write_csv(tmp_path / "a.csv", [tracking_row("SF1", picked="2023-11-01 20:00:00")])
    second = write_csv(tmp_path / "b.csv", [tracking_row("SF1", signed="2023-11-03 09:00:00")])
    result = import_files([first, second])
    parcel = result.tracking["SF1"]
    assert parcel.picked_up_at == bj(2023, 11, 1, 20) and parcel.signed_at == bj(2023, 11, 3, 9)


def test_big_csv_is_streamed_with_correct_row_numbers(tmp_path):
    rows = [order_row(order_id=f"69179267688236{n:05d}", sub_order_id=f"69179267688237{n:05d}") for n in range(3000)]
    rows[2500]["支付完成时间"] = "bad"
    result = import_files([write_csv(tmp_path / "orders.csv", rows)])
    assert len(result.orders) == 3000
    assert result.problems[0].row == 2502


def test_csv_quirk_reading_is_byte_exact_for_ids(tmp_path):
    buffer = io.StringIO()
    buffer.write("主订单编号,子订单编号\n\t0000000000000000001,\t0000000000000000002\n")
    path = tmp_path / "o.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    result = import_files([path])
    assert result.orders[0].order_id == "0000000000000000001"  # leading zeros survive


def test_a_file_that_breaks_off_half_way_imports_nothing(tmp_path):
    """Rows already read from a file that turns out damaged may be damaged too: none of them is kept."""
    rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}") for n in range(3000)]
    path = write_xlsx(tmp_path / "orders.xlsx", rows)
    # Re-store the sheet uncompressed and change a byte near the end: only the checksum can tell.
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    data = bytearray(path.read_bytes())
    position = data.index(b"6800000000000002990")
    data[position : position + 4] = b"6811"
    path.write_bytes(bytes(data))
    good = write_csv(tmp_path / "other.csv", [order_row()])

    result = import_files([path, good])

    assert [line.sub_order_id for line in result.orders] == [order_row()["子订单编号"]]
    (problem,) = [p for p in result.problems if p.file == path.name]
    assert "整个文件未导入" in problem.message
    assert result.files[0].imported == 0


def test_an_excel_error_in_an_id_cell_is_reported_not_imported_as_an_id(tmp_path):
    # Without padding openpyxl stores "#N/A" as a real error cell, as a failed VLOOKUP leaves it.
    rows = [
        order_row(sub_order_id="#N/A"),
        order_row(order_id="6917926768823643752", sub_order_id="6917926768823643758"),
    ]
    result = import_files([write_xlsx(tmp_path / "edited.xlsx", rows, pad="")])
    assert [line.sub_order_id for line in result.orders] == ["6917926768823643758"]
    messages = [(p.row, p.column, p.message) for p in result.problems]
    assert messages == [(2, "子订单编号", "编号是 Excel 的错误值「#N/A」（公式出错），不是编号，此行未导入")]


def test_the_amount_paid_under_the_header_实付金额(tmp_path):
    """Some 抖店 exports call the amount 实付金额: it is the amount the deduction is a percentage of."""
    row = order_row(order_id="6917926768823643761", paid="2026-11-20 10:00:00", promised="2026-11-27 10:00:00")
    row = {("实付金额" if header == "订单应付金额" else header): value for header, value in row.items()}
    row["实付金额"] = "1,200.00"
    path = write_csv(tmp_path / "1699750800_订单导出.csv", [row], encoding="gb18030")
    result = only(import_files([path]), "orders")
    assert result.problems == []
    assert result.orders[0].amount == Decimal("1200.00")
    triage = compute_deadlines(result.orders, [], {}, load_packs(), EngineSettings(), bj(2026, 11, 27, 12))
    ship = next(d for d in triage.deadlines if d.kind == "ship")
    assert (ship.money_at_risk, ship.money_incurred) == ("36.00", "12.00")  # 3% and 1% of ¥1,200, 7-day promise
