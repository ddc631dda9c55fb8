"""The importer's fast ways through a file (batch_rows: a batch of rows column by column; cell_reading.read_column;
cells.parse_times; parse_packages of one piece) give exactly what reading it one row and one cell at a time
gives, on exports full of quirks: TAB and apostrophe padding, '-' empties, full-width digits, Excel numbers and
serial dates, rows in GBK inside a UTF-8 file, garbled bytes, blank, huge and control-character cells,
duplicates and rows without their IDs."""

from __future__ import annotations

import csv
import io
import random
import re
import sys
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from shopguard.core.imports import cells, importer, limits
from shopguard.core.imports.batch_rows import BatchReader
from shopguard.core.imports.buyer import parse_buyer
from shopguard.core.imports.cell_reading import EMPTY, Memo, read_cell, read_column
from shopguard.core.imports.express_info import _packages_of_pieces, parse_packages
from shopguard.core.imports.importer import import_files
from tests.exports import write_xlsx

HEADERS = [
    "主订单编号", "子订单编号", "选购商品", "商品ID", "商品数量", "订单应付金额", "省", "市", "区",
    "支付完成时间", "订单提交时间", "承诺发货时间", "发货时间", "订单状态", "售后状态", "快递信息", "收件人",
    "收件人手机号", "详细地址",
]  # fmt: skip

IDS = ["6917926768823643751", "\t6917926768823643752", "'6917926768823643753", "\t'6917926768823643754 ", "-",
       "", "—", "６９１７９２６７６８８２３６４３７５５", "6917926768823.0", "6.91793E+18", "=SUM(A1:A9)", "#N/A",
       "69179267688236437\x0056", "合计"]  # fmt: skip
TIMES = ["2026-11-20 18:08:52", "\t2026-11-20 18:08:52", "'2026-11-21 23:59:59", "2026/11/20 18:08", "2026-11-20",
         "2026-02-30 10:00:00", "45250.5", "-", "--", "2026-11-20T18:08:52+08:00", "2026-11-20 18:08:52.123",
         "2026年11月20日 8:05", "2026-11-20 25:00:00", " ", "2026-11-20T10:08:52Z"]  # fmt: skip
MONEY = ["59.90", "\t1,200.00", "¥39", "￥8,000", "NaN", "Infinity", "abc", "-", "0", "'12.5", "1，000.5", "1e3"]
COUNTS = ["1", "\t2", "2.0", "1,000", "x", "-", "'3", "-4", "１"]
LABELS = ["已发货", "\t已发货", "'已发货", "带\x01控制", "\x01\x02", "—", "待发货 ", "已完成", "a\tb", "\u2028行"]
PACKAGES = [
    "\tSF1234567890-顺丰速运,纯棉T恤-3797217522327319643,1;",
    "YT1234567890-圆通速递,键盘;青轴-3797217522327319644,1;JD0987654321-京东快递,鼠标-3797217522327319645,2;",
    "无单号",
    "-",
    "'ZT5550001112-中通快递,面膜-3732669045540387002,1;",
    "123456-789,x",
]
BUYERS = ["张**", "\t138****1234", "##Zm9vYmFyYmF6cXV4##", "QUJDREVGR0hJSktMTU5PUFFSU1RVVg==", "-", "***", "李四"]
PRODUCT_IDS = ["3797217522327319643", "\t3797217522327319644", "-", "abc", "3.79721752232732E+18"]


def _cell(rng: random.Random, row: int, header: str, quirks: float) -> str:
    """A cell, mostly as 抖店 writes it, sometimes (`quirks`) one of the quirks."""
    plain = rng.random() >= quirks
    if header == "主订单编号":
        return f"\t69179267688236{row // 3:05d}" if plain else rng.choice(IDS)
    if header == "子订单编号":
        if rng.random() < 0.05:
            return f"\t69179267688237{max(row - 1, 0):05d}"  # the row above's: a duplicate
        return f"\t69179267688237{row:05d}" if plain else rng.choice(IDS)
    if header.endswith("时间"):
        return f"\t2026-11-{20 + row % 5} 1{row % 10}:0{row % 6}:00" if plain else rng.choice(TIMES)
    if header == "订单应付金额":
        return rng.choice(MONEY[:2] if plain else MONEY)
    if header == "商品数量":
        return rng.choice(COUNTS[:2] if plain else COUNTS)
    if header == "快递信息":
        return rng.choice(PACKAGES[:2] if plain else PACKAGES)
    if header in ("收件人", "收件人手机号", "详细地址"):
        return rng.choice(BUYERS)
    if header == "商品ID":
        return rng.choice(PRODUCT_IDS[:2] if plain else PRODUCT_IDS)
    return rng.choice(LABELS[:3] if plain else LABELS)


def _rows(seed: int, count: int, quirks: float) -> list[list[str]]:
    rng = random.Random(seed)
    rows = [[_cell(rng, number, header, quirks) for header in HEADERS] for number in range(count)]
    for number in rng.sample(range(count), int(count * quirks / 3)):
        rows[number] = rows[number][: rng.randrange(len(HEADERS))]  # a short row
    for number in rng.sample(range(count), int(count * quirks / 6)):
        rows[number] = [rng.choice(["", "-", " "]) for _ in HEADERS]  # an empty row, or one that looks empty
    return rows


def _quirky_csv(path, seed: int, count: int = 120, quirks: float = 0.3):
    """UTF-8 with a BOM, a few rows in GBK, one with bytes no encoding reads, one with a cell over the limit."""
    rng = random.Random(seed)
    lines = [b"\xef\xbb\xbf" + ",".join(HEADERS).encode() + b"\r\n"]
    for number, row in enumerate(_rows(seed, count, quirks)):
        if number in (count // 3, count // 2):
            row = [*row, *[""] * (len(HEADERS) - len(row))]
            row[:3] = [
                f"\t{number}",
                f"\t9{number}",
                "\t已发货" if number == count // 3 else "发" * (limits.CSV_CELL_CHARS + 1),
            ]
        text = io.StringIO()
        csv.writer(text).writerow(row)
        line = text.getvalue()
        encoding = "gbk" if rng.random() < quirks / 4 and number != count // 3 else "utf-8"
        try:
            data = line.encode(encoding)
        except UnicodeEncodeError:
            data = line.encode("utf-8")
        if number == count // 3:
            data = data.replace("已".encode(), b"\xff\xfe\x80", 1)
        lines.append(data)
    path.write_bytes(b"".join(lines))
    return path


def _quirky_xlsx(path, seed: int, count: int = 80):
    """Cells as a merchant's Excel leaves them: numbers for IDs and amounts, dates and serial numbers for times."""
    rng = random.Random(seed)
    rows = []
    for row in _rows(seed, count, 0.3):
        cells_of_row = {}
        for header, value in zip(HEADERS, row, strict=False):
            value = ILLEGAL_CHARACTERS_RE.sub("", value.lstrip("\t"))  # what openpyxl can write
            draw = rng.random()
            if draw < 0.15 and header.endswith("编号"):
                value = rng.choice([6917926768823643.0, 6.917926768823643e18, 691792676882, True, -5])
            elif draw < 0.15 and header.endswith("时间"):
                value = rng.choice([45250.5, datetime(2026, 11, 20, 18, 8, 52), 12.0, 80000.0])
            elif draw < 0.15 and header in ("订单应付金额", "商品数量"):
                value = rng.choice([59.9, 2, 2.0, float("nan"), False])
            cells_of_row[header] = value
        rows.append(cells_of_row)
    return write_xlsx(path, rows, headers=HEADERS, pad="")


def _everything(result) -> tuple:
    """What an import hands on, in order: records, problems, unreadable cells and the files' summaries."""
    return (
        [repr(record) for record in result.orders],
        [repr(record) for record in result.after_sales],
        [repr(record) for record in result.tracking.values()],
        [(p.file, p.row, p.column, p.message) for p in result.problems],
        repr(result.unreadable),
        [repr(summary) for summary in result.files],
    )


def _row_by_row(monkeypatch, paths) -> tuple:
    with monkeypatch.context() as patched:
        patched.setattr(BatchReader, "usable", classmethod(lambda *_: False))
        return _everything(import_files(paths))


@pytest.mark.parametrize("batch_rows", [1, 4, 500])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_quirky_csv_reads_the_same_in_batches_as_row_by_row(tmp_path, monkeypatch, seed, batch_rows):
    path = _quirky_csv(tmp_path / "1699750800_orders.csv", seed, count=400, quirks=0.03)
    expected = _row_by_row(monkeypatch, [path])
    batches = []
    real_read = BatchReader.read
    monkeypatch.setattr(BatchReader, "read", lambda self, rows: batches.append(r := real_read(self, rows)) or r)
    monkeypatch.setattr(importer, "BATCH_ROWS", batch_rows)
    assert _everything(import_files([path])) == expected
    # The file has good rows and rows read again one by one, and the batches saw both.
    marked = [out for marks, _, _ in batches for out in marks]
    assert False in marked and True in marked
    records, _, _, problems, unreadable, _ = expected
    assert len(records) > 20 and len(problems) > 20 and unreadable != "{}"
    messages = " ".join(problem[3] for problem in problems)
    for said in ("GBK 编码", "乱码", "超过", "重复", "为空", "不是编号", "不存在", "不是数字", "不是整数", "控制字符"):
        assert said in messages


@pytest.mark.parametrize("seed", [4, 5])
def test_a_quirky_xlsx_reads_the_same_in_batches_as_row_by_row(tmp_path, monkeypatch, seed):
    path = _quirky_xlsx(tmp_path / "orders.xlsx", seed)
    expected = _row_by_row(monkeypatch, [path])
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    assert _everything(import_files([path])) == expected
    assert len(expected[0]) > 10 and "15位有效数字" in " ".join(problem[3] for problem in expected[3])


def test_a_later_file_repeating_an_earlier_ones_rows_reads_the_same(tmp_path, monkeypatch):
    first = _quirky_csv(tmp_path / "1699750800_orders.csv", 6)
    second = _quirky_xlsx(tmp_path / "1699750900_orders.xlsx", 6)
    expected = _row_by_row(monkeypatch, [first, second, first])
    assert _everything(import_files([first, second, first])) == expected


def test_progress_is_told_at_the_same_rows_in_batches_as_row_by_row(tmp_path, monkeypatch):
    path = _quirky_csv(tmp_path / "orders.csv", 7, count=1500, quirks=0.0005)  # whole batches without a quirk
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 50)
    told_row_by_row: list = []
    with monkeypatch.context() as patched:
        patched.setattr(BatchReader, "usable", classmethod(lambda *_: False))
        import_files([path], progress=lambda name, rows: told_row_by_row.append(rows))
    told: list = []
    monkeypatch.setattr(importer, "BATCH_ROWS", 64)
    import_files([path], progress=lambda name, rows: told.append(rows))
    assert told == told_row_by_row and len(told) >= 10


def _shown(value) -> object:
    return "EMPTY" if value is EMPTY else (type(value).__name__, repr(value))


PARSERS = [cells.parse_id, cells.parse_shared_id, cells.parse_time, cells.parse_money, cells.parse_count,
           cells.parse_label, cells.parse_text, cells.parse_tracking_no, parse_buyer]  # fmt: skip
QUIRKY_TEXT = sorted(
    {
        *IDS,
        *TIMES,
        *MONEY,
        *COUNTS,
        *LABELS,
        *PACKAGES,
        *BUYERS,
        *PRODUCT_IDS,
        "",
        "'",
        "''",
        "'-",
        "\t-\t",
        " ' - ",
        "SF1234567890",
        "\tsf1234567890",
        "梁*\t*",
        "135****\x017892",
        "x" * (limits.CSV_CELL_CHARS + 5),
    }  # fmt: skip
)


@pytest.mark.parametrize("parse", PARSERS, ids=lambda parse: parse.__name__)
@pytest.mark.parametrize("memo_size", [None, 1, 4096])
def test_read_column_gives_what_read_cell_gives_cell_by_cell(parse, memo_size):
    readable, unreadable = [], []
    for text in QUIRKY_TEXT:
        try:
            read_cell(text, parse, None)
        except cells.CellError:
            unreadable.append(text)
        else:
            readable.append(text)
    assert readable and unreadable
    column = [*readable, *readable[::-1], readable[0]]  # repeats, as in a real column
    memo = Memo(memo_size) if memo_size else None
    values = read_column(column, parse, memo)
    assert [_shown(value) for value in values] == [_shown(read_cell(text, parse, None)) for text in column]
    if memo is not None:  # what it remembers is right, and bounded
        assert 0 < len(memo) <= memo_size
        assert all(_shown(value) == _shown(read_cell(text, parse, None)) for text, value in memo.items())
    for text in unreadable:
        with pytest.raises(cells.CellError):
            read_column([*readable, text], parse, Memo(8))


def test_read_column_keeps_types_that_compare_equal_apart():
    assert [_shown(value) for value in read_column(["1.0", "1.00", "\t1"], cells.parse_money, Memo(8))] == [
        ("Decimal", repr(Decimal("1.0"))),
        ("Decimal", repr(Decimal("1.00"))),
        ("Decimal", repr(Decimal("1"))),
    ]


STANDARD_TIMES = ["2026-11-20 18:08:52", "2024-02-29 00:00:00", "1991-06-01 12:00:00", "2026-11-21 23:59:59"]


@pytest.mark.parametrize(
    "odd",
    [None, "2026-02-30 10:00:00", "2025-02-29 10:00:00", "2026-11-20 24:00:00",
     "2026-11-20 18:08:52\n2026-11-20 18:08:52", "2026/11/20 18:08", "2026-11-20T18:08:52",
     "2026-11-20 18:08:52+08:00", "２０２６-11-20 18:08:52", ""],
)  # fmt: skip
def test_parse_times_gives_what_parse_time_gives_one_by_one(odd):
    texts = [*STANDARD_TIMES, *([odd] if odd is not None else []), *STANDARD_TIMES[::-1]]
    try:
        expected = [_shown(cells.parse_time(text)) for text in texts]
    except cells.CellError as error:
        with pytest.raises(cells.CellError, match=re.escape(str(error))):
            cells.parse_times(texts)
    else:
        assert [_shown(moment) for moment in cells.parse_times(texts)] == expected


ONE_PIECE = [
    "770291786060549-申通快递,xx-3788410999938351943,1;", "\tSF1234567890-顺丰速运,纯棉T恤-3797217522327319643,1",
    "'sf1234567890-顺丰速运,T恤-纯棉-3797217522327319643, 2 ;  ", "SF1234567890-顺丰速运;", "SF1234567890- ,x-1,1;",
    "SF1234567890-12345,x-3797217522327319643,1;", "SF12345-顺丰,x-3797217522327319643,1;", "-顺丰速运,x-1,1;",
    "无单号", "", ";", " ; ", "\t';'", "SF1234567890-顺丰速运,x-3797217522327319643,1;'", "123456-789,x",
    "SF1234567890-顺丰速运,x-3797217522327319643,1;\t", "SF1234567890-顺丰速运,标题\n换行-3797217522327319643,1;",
]  # fmt: skip
SEVERAL_PIECES = [
    "SF1234567890-顺丰速运,白色T恤-纯棉, 加厚;款-3788410999938351943,1;JT1234567890-极兔速递,袜子-37884109,2",
    "SF1234567890-顺丰速运,x-1,1;;", "SF1234567890-顺丰速运,x-1,1; ; ",
    "770291786060549-申通快递,a-1,1;770291786060549-申通快递,b-2,1;", "a;b;c", ";SF1234567890-顺丰速运,x-1,1;",
]  # fmt: skip


@pytest.mark.parametrize("text", ONE_PIECE + SEVERAL_PIECES)
def test_parse_packages_reads_one_piece_as_its_loop_over_pieces_does(text):
    try:
        expected = _packages_of_pieces(text)
    except ValueError as error:
        with pytest.raises(ValueError, match=re.escape(str(error))):
            parse_packages(text)
    else:
        assert parse_packages(text) == expected
        assert [tuple(map(type, package)) for package in parse_packages(text)] == [
            tuple(map(type, package)) for package in expected
        ]


def test_after_a_stretch_of_rows_with_problems_the_rest_is_read_in_batches_again(tmp_path, monkeypatch):
    rows = _rows(8, 900, 0.0)
    for row in rows[:300]:
        row[HEADERS.index("发货时间")] = "\t2026-11-20"  # a date without its time: a problem in each of these rows
    text = io.StringIO()
    csv.writer(text).writerows([HEADERS, *rows])
    path = tmp_path / "orders.csv"
    path.write_text(text.getvalue(), encoding="utf-8-sig")
    expected = _row_by_row(monkeypatch, [path])
    batches = []
    real_read = BatchReader.read
    monkeypatch.setattr(BatchReader, "read", lambda self, rows: batches.append(r := real_read(self, rows)) or r)
    monkeypatch.setattr(importer, "BATCH_ROWS", 50)
    assert _everything(import_files([path])) == expected
    assert [problem[2] for problem in expected[3]].count("发货时间") == 300 and len(expected[0]) > 800
    # Not every batch of the stretch was tried column by column, and the clean rows after it were.
    tried = [marks.count(True) for marks, _, _ in batches]
    assert len(tried) < 900 // 50 and tried[-1] == 0 and tried.count(50) >= 1


CLEAN_COLUMNS = {  # cells as an export writes them, padding removed
    cells.parse_id: ["6917926768823643751", "6917926768823643752", "0"],
    cells.parse_shared_id: ["3797217522327319643", "3797217522327319644"],
    cells.parse_text: ["730888131766096-申通快递,键盘-3797217522327319643,1;", "纯棉T恤", "a b"],
    cells.parse_label: ["已发货", "广东省", "待发货", "x"],
    cells.parse_time: STANDARD_TIMES,
    parse_buyer: ["梁**", "135****7892", "***", "广东省深圳市**"],
}


@pytest.mark.parametrize("parse", list(CLEAN_COLUMNS), ids=lambda parse: parse.__name__)
@pytest.mark.parametrize("odd", [None, *QUIRKY_TEXT], ids=range(len(QUIRKY_TEXT) + 1))
def test_a_column_parser_gives_what_its_parser_gives_one_by_one(parse, odd):
    """A clean column, and one with a quirk in it: what read_column makes of it is what read_cell makes of each."""
    clean = CLEAN_COLUMNS[parse]
    column = [*clean, *([odd] if odd is not None else []), *clean[::-1]]
    try:
        expected = [_shown(read_cell(text, parse, None)) for text in column]
    except cells.CellError as error:
        with pytest.raises(cells.CellError, match=re.escape(str(error))):
            read_column(column, parse, None)
    else:
        assert [_shown(value) for value in read_column(column, parse, None)] == expected
        assert [_shown(value) for value in read_column(column, parse, Memo(4))] == expected
        if parse in (cells.parse_label, cells.parse_shared_id):  # one shared copy of each text
            assert all(value is sys.intern(value) for value in read_column(column, parse, None) if value is not EMPTY)


AFTER_SALE_HEADERS = ["售后单号", "订单号", "商品单号", "商品名称", "售后类型", "售后状态", "售后申请时间",
                      "同意售后申请时间", "退货物流单号", "退货发货时间", "商家退款时间", "售后完结时间",
                      "售后关闭时间", "换货物流单号", "退货物流状态"]  # fmt: skip
TRACKING_HEADERS = ["快递单号", "快递公司", "揽收时间", "首个分拨中心时间", "签收时间", "最新轨迹时间"]
TRACKING_NUMBERS = ["SF1234567890", "\tsf1234567891", "'YT0000000001", "-", "", "SF-", "-SF123", "顺丰123", "6.9E+11",
                    "JD0987654321 ", "A" * 60, "=A1"]  # fmt: skip


def _other_kind_csv(path, headers: list[str], seed: int, count: int = 300, quirks: float = 0.05):
    """An after-sale export or a courier sheet, mostly as written, sometimes (`quirks`) with a quirk in a cell."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        row = []
        for position, header in enumerate(headers):
            plain = rng.random() >= quirks
            if position == 0 and header == "快递单号":
                row.append(
                    f"\tSF{number // (2 if rng.random() < 0.1 else 1):010d}" if plain else rng.choice(TRACKING_NUMBERS)
                )
            elif position == 0 or header in ("订单号", "商品单号"):
                row.append(f"\t7301{number // (2 if rng.random() < 0.05 else 1):015d}" if plain else rng.choice(IDS))
            elif "物流单号" in header:
                row.append(rng.choice(TRACKING_NUMBERS[:2] if plain else TRACKING_NUMBERS))
            elif header.endswith("时间"):
                row.append(f"\t2026-11-{20 + number % 5} 1{number % 10}:00:00" if plain else rng.choice(TIMES))
            else:
                row.append(rng.choice(LABELS[:3] if plain else LABELS))
        rows.append(row)
    text = io.StringIO()
    csv.writer(text).writerows([headers, *rows])
    path.write_text(text.getvalue(), encoding="utf-8-sig")
    return path


@pytest.mark.parametrize("headers", [AFTER_SALE_HEADERS, TRACKING_HEADERS], ids=["after-sales", "courier sheet"])
@pytest.mark.parametrize("seed", [9, 10])
def test_after_sales_and_courier_sheets_read_the_same_in_batches_as_row_by_row(tmp_path, monkeypatch, headers, seed):
    first = _other_kind_csv(tmp_path / "a.csv", headers, seed)
    second = _other_kind_csv(tmp_path / "b.csv", headers, seed + 100)  # later files win; parcels are merged
    expected = _row_by_row(monkeypatch, [first, second])
    monkeypatch.setattr(importer, "BATCH_ROWS", 16)
    assert _everything(import_files([first, second])) == expected
    records = expected[1] if headers is AFTER_SALE_HEADERS else expected[2]
    assert len(records) > 100 and len(expected[3]) > 20


def test_a_triage_skipping_columns_reads_the_same_in_batches_as_row_by_row(tmp_path, monkeypatch):
    path = _quirky_csv(tmp_path / "orders.csv", 11, count=300, quirks=0.03)
    with monkeypatch.context() as patched:
        patched.setattr(BatchReader, "usable", classmethod(lambda *_: False))
        expected = _everything(import_files([path], skip=importer.NOT_FOR_DEADLINES))
    monkeypatch.setattr(importer, "BATCH_ROWS", 32)
    assert _everything(import_files([path], skip=importer.NOT_FOR_DEADLINES)) == expected
    assert "buyer_name=None" in expected[0][0] and "quantity=None" in expected[0][0]
