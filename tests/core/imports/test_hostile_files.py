"""Hostile and huge files: zip bombs, parts and rows too large to be real, sheets calamine cannot hold, endless
empty rows, CSV cells longer than the csv module allows. Each ends quickly, in bounded memory, with one message
for the merchant (never a traceback), and a file that is merely odd still imports what it can."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile

import pytest

from shopguard.core.imports import limits, reader, xlsx
from shopguard.core.imports.importer import import_files
from shopguard.core.imports.reader import UnreadableFile
from shopguard.core.imports.xlsx import zipstream
from tests.core.imports.bombs import Repeated, bomb_workbook, worksheet
from tests.core.imports.test_xlsx_stream import inline, write_parts
from tests.exports import ORDER_HEADERS, order_row, write_csv

MEMORY = 1 << 30  # what a merchant's import may use, at most
CPU_SECONDS = 20  # before the change, this limit stopped the empty-rows bomb below still reading
SHEET = "xl/worksheets/sheet1.xml"
HEADER = f'<row r="1">{inline("A1", ORDER_HEADERS[0])}{inline("B1", ORDER_HEADERS[1])}</row>'


def triage_in_a_small_process(path, tmp_path) -> tuple[int, str, float]:
    """`shopguard triage FILE` in a process limited to 1 GiB of memory and CPU_SECONDS of CPU:
    (exit code, stderr, CPU seconds used)."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))

    command = [sys.executable, "-m", "shopguard", "triage", str(path), "--data-dir", str(tmp_path / "data")]
    with (tmp_path / "stdout").open("wb") as stdout, (tmp_path / "stderr").open("wb") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, preexec_fn=limit)
        _, status, usage = os.wait4(process.pid, 0)  # waited for here, so that its own CPU time can be read
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, (tmp_path / "stderr").read_text(encoding="utf-8"), usage.ru_utime + usage.ru_stime


# Each of these made the import take minutes, gigabytes, or abort the process outright (python-calamine aborts
# when an allocation fails). Every one of them is a few MB on disk and built in well under a second.
BOMBS = {
    # 572 MB of rows without a cell: each was a pass of the row loop, twice (header search, emptiness check).
    "empty-rows": ({SHEET: worksheet(Repeated(b"", b"<row/>" * 100_000, 1_000, b""))}, {}, "文件是空的"),
    # 587 MB of cells without their r= reference: only calamine reads those, and it held them all.
    "calamine": (
        {SHEET: worksheet(Repeated(b"", b"<row><c><v>1</v></c><c><v>2</v></c></row>" * 20_000, 750, b""))},
        {},
        "这个文件要整个读进内存才能读取，解压后有 587 MB，超过 256 MB 的上限，没有读取。请在 Excel 或 WPS 中打开它",
    ),
    # 292 MB of two-letter shared strings: 17 million Python strings.
    "strings": (
        {"xl/sharedStrings.xml": Repeated(b"<sst>", b"<si><t>ab</t></si>" * 100_000, 170, b"</sst>")},
        {"shared_strings": []},
        "共享字符串（sharedStrings.xml）解压后有 292 MB，超过 256 MB 的上限，远大于正常的导出文件，没有读取",
    ),
    # 189 MB of cell styles, parsed whole by ElementTree: a MemoryError and a traceback.
    "styles": (
        {"xl/styles.xml": Repeated(b"<styleSheet><cellXfs>", b'<xf numFmtId="0"/>' * 100_000, 110, b"</cellXfs>")},
        {"cell_formats": [0]},
        "工作簿里的 styles.xml 解压后有 189 MB，超过 16 MB 的上限，远大于正常的导出文件，没有读取",
    ),
    # One row of 210 MB, copied once more for every 4 MB chunk added to it (over 1 GB and half a minute).
    "long-row": (
        {SHEET: worksheet(Repeated(b'<row r="1">', b'<c r="A1"><v>1</v></c>' * 100_000, 100, b"</row>"))},
        {},
        "工作表「S」第 1 行超过 16 MB（正常的导出每行只有几 KB），文件已损坏或不是正常的导出文件，没有读取",
    ),
    # 1 KB: one cell in A1 and one in XFD100000 make calamine ask for 52 GB, and the process aborts.
    "sparse": (
        {
            SHEET: worksheet(
                b'<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
                b'<x:row r="100000"><x:c r="XFD100000"><x:v>2</x:v></x:c></x:row>',
                prefix="x:",
            )
        },
        {},
        "工作表的数据范围超过 10,000,000 个单元格（行数×列数），要占用的内存太多，没有读取",
    ),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_hostile_workbook_ends_in_seconds_in_under_1_gib_with_one_message(tmp_path, name):
    parts, options, message = BOMBS[name]
    path = bomb_workbook(tmp_path / f"{name}.xlsx", dict(parts), **options)
    code, stderr, cpu = triage_in_a_small_process(path, tmp_path)
    assert "Traceback" not in stderr, stderr[-3000:]
    assert code == 2, (code, stderr[-3000:])
    problem, conclusion = stderr.splitlines()
    assert (
        problem.startswith(f"{name}.xlsx：{message}") and conclusion == "shopguard: 没有一个文件能读取，未计算任何时钟"
    )
    assert cpu < CPU_SECONDS / 2


def test_a_part_that_unpacks_to_more_than_it_declares_stops_at_the_first_chunk(tmp_path):
    body = Repeated(b"", b"<row/>" * 100_000, 100, b"")  # 60 MB declaring 1,000 bytes
    path = bomb_workbook(tmp_path / "liar.xlsx", {SHEET: worksheet(body)}, declared_sizes={SHEET: 1_000})
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SHEET).file_size == 1_000
    unpacked = 0
    with pytest.raises(zipfile.BadZipFile, match="larger than its declared size"):
        with zipstream.decompressed_part(path, SHEET, limits.WORKSHEET_BYTES, "工作表") as chunks:
            for chunk in chunks:
                unpacked += len(chunk)
    assert unpacked <= 1_000


def test_a_part_declaring_more_than_its_limit_is_refused_before_unpacking(tmp_path, monkeypatch):
    path = write_parts(tmp_path / "book.xlsx", [("订单", HEADER)])
    monkeypatch.setattr(limits, "WORKSHEET_BYTES", 100)
    (sheet,) = reader.sheets(path)
    with pytest.raises(UnreadableFile, match="^工作表「订单」解压后有 1 KB，超过 1 KB 的上限，远大于正常的导出文件"):
        next(sheet.rows)


def test_more_shared_strings_than_any_export_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "SHARED_STRINGS_COUNT", 10)
    path = write_parts(tmp_path / "book.xlsx", [("S", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>')],
                       shared_strings=[f"<t>{index}</t>" for index in range(11)])  # fmt: skip
    with pytest.raises(UnreadableFile, match="^共享字符串（sharedStrings.xml）超过 10 项"):
        list(reader.sheets(path))


# --- empty rows --------------------------------------------------------------------------------------------


def test_a_sheet_ends_after_a_long_run_of_empty_rows_and_says_so(tmp_path):
    empty = b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (row, row) for row in range(3, 150_003))
    after_the_gap = inline("A150003", "6917926768823643799").encode()
    body = HEADER.encode() + f'<row r="2">{inline("A2", "6917926768823643751")}</row>'.encode() + empty
    path = bomb_workbook(
        tmp_path / "gap.xlsx", {SHEET: worksheet(body + b'<row r="150003">' + after_the_gap + b"</row>")}
    )
    (sheet,) = reader.sheets(path)
    rows = list(sheet.rows)
    assert rows[-1][0] == 2 + limits.EMPTY_RUN_ROWS - 1  # the empty rows before the stop came out, nothing after
    assert sheet.ended_early == "第 2 行之后连续 100,000 行都是空的，后面的内容没有读取（正常的导出中间不会有空行）"


def test_rows_without_cells_end_a_streamed_sheet_without_reading_on(tmp_path):
    body = HEADER.encode() + b"<row/>" * 300_000 + f'<row r="300002">{inline("A300002", "x")}</row>'.encode()
    path = bomb_workbook(tmp_path / "gap.xlsx", {SHEET: worksheet(body)})
    (sheet,) = reader.sheets(path)
    assert [number for number, _ in sheet.rows] == [1]
    assert sheet.ended_early.startswith("第 1 行之后连续 100,000 行都是空的")


def test_a_csv_ends_after_a_long_run_of_empty_lines(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [order_row()])
    with path.open("a", encoding="utf-8") as handle:
        handle.write(",,,\n" * 120_000 + "\t6917926768823643799,\t6917926768823643790\n")
    (sheet,) = reader.sheets(path)
    assert sum(1 for number, cells in sheet.rows if any(cells)) == 2
    assert sheet.ended_early.startswith("第 2 行之后连续 100,000 行都是空的")
    # What the rows before the gap hold still imports, and a problem says where reading stopped.
    result = import_files([path])
    assert [order.order_id for order in result.orders] == ["6917926768823643751"]
    assert [(p.row, p.message) for p in result.problems if p.row is None] == [
        (None, "第 2 行之后连续 100,000 行都是空的，后面的内容没有读取（正常的导出中间不会有空行）")
    ]


def test_a_row_beyond_excels_last_row_means_a_damaged_file(tmp_path):
    body = HEADER + f'<row r="1048577">{inline("A1048577", "6917926768823643751")}</row>'
    path = write_parts(tmp_path / "beyond.xlsx", [("订单", body)])
    (sheet,) = reader.sheets(path)
    with pytest.raises(UnreadableFile, match="^工作表「订单」有第 1,048,577 行，超过 Excel 最多 1,048,576 行的上限"):
        list(sheet.rows)


def test_cell_attributes_that_never_repeat_do_not_grow_the_reader_without_end(tmp_path):
    cells = "".join(f'<row r="{row}"><c r="A{row}" s="{row:07d}"><v>{row}</v></c></row>' for row in range(1, 30_001))
    path = write_parts(tmp_path / "styles.xlsx", [("S", cells)])
    sheet = xlsx.open_workbook(path).sheet("S")
    assert sum(1 for _ in sheet.rows()) == 30_000
    assert len(sheet._cell_kinds) == 10_000  # one converter remembered per attribute string, up to a limit


# --- what calamine is asked to hold --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, positions",
    [
        ('<row r="2"><c r="B2"/><c r="D2"/></row><row r="7"><c r="C7"/></row>', 7 * 4),  # exact: every cell numbered
        ("<x:row><x:c/><x:c/><x:c/></x:row><x:row><x:c/></x:row>", 2 * 3),  # rows and cells that follow the last
        ('<row r="5"><c r="E5"/><c/><c/></row><row/>', 6 * 7),  # E5 then two more cells: up to G; one more row
    ],
)
def test_cell_positions_bound_the_grid_calamine_would_build(body, positions):
    assert xlsx.cell_positions(iter([body[:7].encode(), body[7:].encode()])) == positions


# --- CSV cells longer than the csv module allows -------------------------------------------------------------


def test_one_long_csv_cell_is_a_problem_for_that_cell_and_the_other_rows_import(tmp_path):
    long_name = "超长商品名" * 30_000  # 150,000 characters, over the csv module's 131,072
    rows = [order_row(), order_row(order_id="6917926768823643761", product=long_name),
            order_row(order_id="6917926768823643771")]  # fmt: skip
    result = import_files([write_csv(tmp_path / "orders.csv", rows)])
    assert sorted(order.order_id for order in result.orders) == [
        "6917926768823643751", "6917926768823643761", "6917926768823643771"]  # fmt: skip
    product = {order.order_id: order.product for order in result.orders}
    assert product["6917926768823643761"] is None and product["6917926768823643771"] == "纯棉T恤"
    (problem,) = result.problems
    assert (problem.file, problem.row, problem.column) == ("orders.csv", 3, "选购商品")
    assert problem.message == (
        "单元格内容有 150,001 个字符，超过 131,072 个字符的上限，没有读取；"
        "请在 Excel/WPS 中检查这个单元格（正常的导出不会有这么长的内容）"
    )


def test_a_long_csv_cell_in_an_id_column_costs_that_row_only(tmp_path):
    rows = [order_row(), order_row(order_id="6" * 200_000), order_row(order_id="6917926768823643771")]
    result = import_files([write_csv(tmp_path / "orders.csv", rows)])
    assert sorted(order.order_id for order in result.orders) == ["6917926768823643751", "6917926768823643771"]
    (problem,) = result.problems  # one problem for the row: what is wrong, and that the row is not imported
    assert (problem.row, problem.column) == (3, "主订单编号") and problem.message.endswith("此行未导入")


def test_a_long_cell_where_the_header_is_looked_for_is_one_message(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("x" * 200_000 + "\n" + ",".join(ORDER_HEADERS) + "\n", encoding="utf-8")
    (problem,) = import_files([path]).problems
    assert problem.message.startswith("单元格内容有 200,000 个字符，超过 131,072 个字符的上限，没有读取")


def test_a_csv_line_longer_than_any_export_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "CSV_LINE_CHARS", 10_000)
    path = write_csv(tmp_path / "orders.csv", [order_row(), order_row(product="长" * 20_000)])
    (problem,) = import_files([path]).problems
    assert problem.message == (
        "读到第 1 行后出错，整个文件未导入，请重新下载：CSV 文件的第 3 行超过 10,000 个字符"
        "（正常的导出每行只有几百个字符），文件已损坏或不是正常的导出文件，没有读取。请重新从抖店下载原文件"
    )


def test_an_unclosed_quote_in_a_big_csv_is_a_message_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "CSV_LINE_CHARS", 10_000)
    path = write_csv(tmp_path / "orders.csv", [order_row()])
    with path.open("a", encoding="utf-8") as handle:
        handle.write(
            '\t6917926768823643761,"没有配对的引号\n' + "\t6917926768823643799,\t6917926768823643790\n" * 1_000
        )
    (problem,) = import_files([path]).problems
    assert problem.message == (
        "读到第 1 行后出错，整个文件未导入，请重新下载：CSV 文件里有一个单元格超过 10,000 个字符"
        "（多半是引号没有配对，后面的内容都成了这个单元格），文件无法读取：请在 Excel/WPS 中打开检查后另存为 CSV 再导入"
    )


# --- .ods: repeated rows and cells ---------------------------------------------------------------------------

ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(text: str, repeated: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return f'<table:table-cell office:value-type="string"{times}><text:p>{text}</text:p></table:table-cell>'


def write_ods(path, rows: str):
    """An .ods as LibreOffice writes it (mimetype first and stored, a manifest), one sheet holding `rows` (row XML)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="订单">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument'
            '.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return path


ODS_HEADER = "<table:table-row>" + "".join(ods_cell(name) for name in ORDER_HEADERS[:2]) + "</table:table-row>"


def test_an_ods_repeating_one_cell_16_million_times_is_refused_in_a_small_process(tmp_path):
    """Under 1 KB on disk: before the limit, calamine allocated past 1 GiB and aborted the process (signal 6)."""
    repeated = f'<table:table-row table:number-rows-repeated="1000000">{ods_cell("6917926768823643751", 16)}'
    path = write_ods(tmp_path / "bomb.ods", ODS_HEADER + repeated + "</table:table-row>")
    assert path.stat().st_size < 1000
    code, stderr, cpu = triage_in_a_small_process(path, tmp_path)
    assert code == 2 and "Traceback" not in stderr
    assert "工作表的数据范围超过 10,000,000 个单元格（行数×列数），要占用的内存太多，没有读取" in stderr
    assert cpu < 10


def test_an_ods_with_empty_rows_formatted_down_to_the_sheets_end_still_imports(tmp_path):
    data = f"<table:table-row>{ods_cell('6917926768823643751')}{ods_cell('6917926768823643759')}</table:table-row>"
    # LibreOffice writes the formatted empty rows and columns below and beside the data like this.
    empty = '<table:table-cell table:number-columns-repeated="16382"/>'
    tail = f'<table:table-row table:number-rows-repeated="1048574">{empty}</table:table-row>'
    path = write_ods(tmp_path / "orders.ods", ODS_HEADER + data + tail)
    assert [order.order_id for order in import_files([path]).orders] == ["6917926768823643751"]


@pytest.mark.parametrize("name, part", [("big.ods", "content.xml"), ("big.xlsb", "xl/worksheets/sheet1.bin")])
def test_an_ods_or_xlsb_larger_unpacked_than_calamine_may_hold_is_refused(tmp_path, monkeypatch, name, part):
    monkeypatch.setattr(limits, "CALAMINE_BYTES", 4 * limits.MB)
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(part, b"<x>" + b" " * (5 * limits.MB) + b"</x>")
    assert path.stat().st_size < 100_000
    (problem,) = import_files([path]).problems
    assert problem.message.startswith("这个文件要整个读进内存才能读取，解压后有 5.0 MB，超过 4.0 MB 的上限，没有读取")
