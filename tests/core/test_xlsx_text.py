"""Nothing we write into an .xlsx becomes a formula or an error cell, and no control character in an order id, a
product name or a reason can stop the morning report or a filing package."""

from datetime import datetime

from openpyxl import load_workbook

from shopguard.core.clock import BEIJING
from shopguard.core.filing.coverage import CoverageRow
from shopguard.core.filing.model import Area, Filing
from shopguard.core.filing.package import build_package
from tests.exports import order_row, write_csv
from tests.processes import run

FORMULA_ID = '=HYPERLINK("http://evil.example","点我")'
ODD_NAME = "纯棉T恤\x00白色\x0b加厚\x1b款"  # NUL, vertical tab (pasted from Word), ESC
PAID = "2026-11-20 09:00:00"


def test_control_characters_in_a_product_name_never_stop_the_morning_report(tmp_path):
    rows = [order_row(paid=PAID, product=ODD_NAME),
            order_row(order_id="6917926768823643761", paid=PAID, product="#N/A")]  # fmt: skip
    orders = write_csv(tmp_path / "orders.csv", rows)
    path = tmp_path / "晨报.xlsx"
    result = run("report", orders, "--at", "2026-11-20 10:00:00", "--out", path, "--full")
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(path)["全部时钟"]
    products = {row[5].value: (row[7].value, row[7].data_type) for row in sheet.iter_rows(min_row=2)}
    # The import already removes control characters (the writer's own replacement is the next test's).
    assert products == {"6917926768823643751": ("纯棉T恤白色加厚款", "s"),
                        "6917926768823643761": ("#N/A", "s")}  # text, not Excel's error value  # fmt: skip


def test_the_affected_orders_workbook_keeps_ids_and_reasons_as_text(tmp_path):
    due = datetime(2023, 11, 12, 18, tzinfo=BEIJING)
    coverage = [
        CoverageRow(FORMULA_ID, "ship", "=1+1", due, True, "=cmd|' /C calc'!A0"),
        CoverageRow("69179\x0b26768823643751", "pickup", "SF\x1b1234567", None, False, "超出影响时段\x00"),
    ]
    filing = Filing("address", None, due, due, Area("浙江"), [row.order_id for row in coverage])
    folder, _ = build_package(filing, coverage, tmp_path / "out", datetime(2023, 11, 12, 10, tzinfo=BEIJING))
    sheet = load_workbook(folder / "受影响订单.xlsx")["受影响订单"]
    rows = [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [[row[0], row[1], row[5]] for row in rows] == [
        [(FORMULA_ID, "s"), ("=1+1", "s"), ("=cmd|' /C calc'!A0", "s")],
        [("69179 26768823643751", "s"), ("SF 1234567", "s"), ("超出影响时段 ", "s")],
    ]
    assert rows[0][3] == (datetime(2023, 11, 12, 18), "d") and sheet["A2"].number_format == "@"
    assert sheet.freeze_panes == "A2"
