"""The morning workbook on paper and in other spreadsheet programs: read back with openpyxl for the print settings
(A4 landscape, header row repeated, report date and page x/y, fonts that print at 9 pt or more), the empty
sheets' sentence, and converted by LibreOffice, as WPS and Excel users' colleagues open it."""

import os
import shutil
import subprocess
from datetime import datetime

import pytest
import xlsxwriter
from openpyxl import load_workbook

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.imports.importer import import_files
from shopguard.core.report.content import build_content
from shopguard.core.report.workbook import (
    EMPTY,
    PRINTABLE_WIDTH_PX,
    TODO_BUYER_COLUMN,
    TODO_COLUMNS,
    column_pixels,
    print_scale,
    write_workbook,
)
from shopguard.core.report.xlsx_rows import RowWriter
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import EngineSettings
from tests.clocks import demo_triage_with_unknown_clocks
from tests.exports import order_row, write_csv

PRINTED = ("概览", "今日待办", "之后到期", "报备进度")


def printed_size(sheet, cell) -> float:
    """The point size a cell prints at once the sheet is fitted to the page width."""
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLM" if letter in sheet.column_dimensions]
    scale = min(1.0, PRINTABLE_WIDTH_PX / sum(column_pixels(width) for width in widths))
    return cell.font.sz * scale


@pytest.fixture
def demo_book(tmp_path):
    content = build_content(demo_triage_with_unknown_clocks(tmp_path))
    return load_workbook(write_workbook(content, tmp_path / "晨报.xlsx"))


def test_every_sheet_prints_on_a4_landscape_with_date_and_page_numbers(demo_book):
    for title in PRINTED:
        sheet = demo_book[title]
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), title  # 9: A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1), title
        assert setup.fitToHeight == 0, title  # as many pages down as it takes, never squeezed to one
        assert sheet.oddHeader.right.text.startswith("报告日期 2023-11-12"), title
        assert sheet.oddHeader.left.text == f"ShopGuard 晨报 · {title}"
        assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页", title
    for title in ("今日待办", "之后到期", "报备进度"):
        assert demo_book[title].print_title_rows == "$1:$1", title  # the header row on every printed page


def test_the_to_do_list_prints_at_9_pt_or_more_and_wraps_long_text(demo_book):
    todo = demo_book["今日待办"]
    header = [cell.value for cell in todo[1]]
    assert header == [name for name, _ in TODO_COLUMNS]
    for row in todo.iter_rows(min_row=1):
        for cell in row:
            assert printed_size(todo, cell) >= 9, (cell.coordinate, cell.font.sz)
            assert cell.border.left.style == "thin"
    action = todo.cell(row=2, column=header.index("怎么做") + 1)
    assert action.alignment.wrap_text and action.alignment.vertical == "top"
    assert todo["A1"].fill.fgColor.rgb.endswith("DDE3EA") and todo["A1"].font.b
    # LibreOffice does not fit rows to wrapped text: each row's height is written, tall enough for its text
    assert all(todo.row_dimensions[row].customHeight for row in range(2, todo.max_row + 1))
    assert todo.row_dimensions[2].height >= 3 * 13.5  # "买家已寄回但迟迟未签收：…" takes three lines
    # every cell that shows text holds a string, never a formula
    assert all(cell.data_type in ("s", "d", "n") for row in todo.iter_rows(min_row=2) for cell in row)


def test_the_to_do_list_fits_the_page_width_even_with_the_buyer_column():
    assert print_scale(TODO_COLUMNS) == 1.0  # 10 pt as written
    assert print_scale((*TODO_COLUMNS, TODO_BUYER_COLUMN)) * 10 >= 9


def test_overview_tables_have_borders_and_a_header_fill_and_the_48_hours_fit_one_page(demo_book):
    overview = demo_book["概览"]
    rows = list(overview.iter_rows())
    headers = [row for row in rows if row[0].value in ("分组", "时钟", "日期", "时间", "快递公司")]
    assert len(headers) == 5
    for header in headers:
        assert header[0].fill.fgColor.rgb.endswith("DDE3EA") and header[0].border.bottom.style == "thin"
    hours_top = next(index for index, row in enumerate(rows) if row[0].value == "时间")
    breaks = [page_break.id for page_break in overview.row_breaks.brk]
    assert hours_top - 1 in breaks  # a page of its own, starting with its title (the row above the header)
    hours = [row for row in rows[hours_top + 1 : hours_top + 25]]
    assert [row[0].value.hour for row in hours] == [(10 + hour) % 24 for hour in range(24)]  # 10:00 on, 24 rows
    assert all(isinstance(row[2].value, datetime) for row in hours)  # the second 24 hours beside the first
    assert rows[hours_top + 25][0].value is None  # 25 rows: one landscape page
    (chart,) = overview._charts
    assert chart.y_axis.number_format.formatCode == "0" and chart.y_axis.majorUnit >= 1  # whole numbers
    assert chart.y_axis.title is not None and chart.x_axis.title is not None


def test_empty_sheets_say_so(tmp_path):
    rows = [order_row(paid="2026-11-20 09:00:00", promised="2026-11-27 10:00:00")]  # due in a week: nothing today
    imported = import_files([write_csv(tmp_path / "1699750800_订单导出.csv", rows)])
    at = datetime(2026, 11, 20, 10, 0, tzinfo=BEIJING)
    triage = compute_deadlines(imported.orders, imported.after_sales, imported.tracking, load_packs(),
                               EngineSettings(), at)  # fmt: skip
    book = load_workbook(write_workbook(build_content(triage), tmp_path / "r.xlsx"))
    assert book["今日待办"]["A2"].value == EMPTY["今日待办"] and "今天没有需要处理的订单" in EMPTY["今日待办"]
    assert book["报备进度"]["A2"].value == EMPTY["报备进度"]
    assert book["之后到期"]["F2"].value == "6917926768823643751"  # the week-away clock is listed, not lost


def test_rows_written_a_row_at_a_time_read_back_as_written(tmp_path):
    path = tmp_path / "rows.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("t")
    boxed, date = book.add_format({"border": 1}), book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_string(0, 0, "header")
    rows = RowWriter(sheet, 1, [boxed, None, date, None, boxed])
    hostile = ['=HYPERLINK("http://x","y")', " 前后空格 ", "A&B <b>", "控制\x00字符\x1b", "#N/A", "+86 138"]
    for index, text in enumerate(hostile):
        rows.add([text, index * 1.5, datetime(2026, 11, 20, 9, 30, tzinfo=BEIJING), None, None], 30 if index else None)
    next_row = rows.close()
    sheet.write_string(next_row, 0, "after")  # the sheet goes on with xlsxwriter's own calls
    book.close()
    read = load_workbook(path)["t"]
    values = [[cell.value for cell in row] for row in read.iter_rows(min_row=2, max_row=7)]
    assert [row[0] for row in values] == [
        '=HYPERLINK("http://x","y")', " 前后空格 ", "A&B <b>", "控制 字符 ", "#N/A", "+86 138"
    ]  # fmt: skip
    assert all(read.cell(row=row, column=1).data_type == "s" for row in range(2, 8))
    assert [row[1] for row in values] == [0, 1.5, 3, 4.5, 6, 7.5]
    assert {row[2] for row in values} == {datetime(2026, 11, 20, 9, 30)}
    assert read["E2"].border.left.style == "thin" and read["E2"].value is None  # an empty cell keeps its border
    assert read.row_dimensions[3].height == 30 and read["A8"].value == "after"
    assert read.max_column == 5


@pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"), reason="LibreOffice not installed")
def test_libreoffice_opens_and_prints_the_workbook(tmp_path):
    content = build_content(demo_triage_with_unknown_clocks(tmp_path))
    workbook = write_workbook(content, tmp_path / "晨报.xlsx", full=True)
    out = tmp_path / "pdf"
    profile = tmp_path / "profile"  # its own LibreOffice profile: no clash with another running soffice
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(workbook)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = (out / "晨报.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 20_000
