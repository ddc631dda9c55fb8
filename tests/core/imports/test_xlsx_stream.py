"""The streaming .xlsx reader gives python-calamine's values, row for row, without loading a sheet whole."""

from __future__ import annotations

import random
import threading
import tracemalloc
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from shopguard.core.imports import reader, xlsx
from shopguard.core.imports.reader import UnreadableFile
from shopguard.core.imports.xlsx import zipstream
from shopguard.core.imports.xlsx.columns import column_letters
from shopguard.core.imports.xlsx.formats import DURATION, MOMENT, PLAIN, format_kind

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml."


@pytest.fixture(params=["thread", "inline", "tiny-chunks"])
def reading_mode(request, monkeypatch):
    """Inflating in a thread or not; and in chunks far smaller than a row, to cut items at every point."""
    monkeypatch.setattr(zipstream, "BACKGROUND_DECOMPRESSION", request.param != "inline")
    if request.param == "tiny-chunks":
        monkeypatch.setattr(zipstream, "CHUNK_SIZE", 997)
        monkeypatch.setattr(zipstream, "BLOCK_SIZE", 701)
    return request.param


# --- what each reader gives ------------------------------------------------------------------------------


def _trimmed(values: list) -> list:
    values = list(values)
    while values and values[-1] == "":
        values.pop()
    return values


def calamine_rows(path: Path, name: str) -> list[tuple[int, list]]:
    """calamine's non-empty rows, with cells at their absolute column positions (A = 0)."""
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)
    offset = sheet.start[1] if sheet.start else 0
    rows = [(number, _trimmed([""] * offset + values)) for number, values in enumerate(sheet.iter_rows(), 1)]
    return [(number, values) for number, values in rows if values]


def streamed_rows(path: Path, name: str) -> list[tuple[int, list]]:
    rows = xlsx.open_workbook(path).sheet(name).rows()
    return [(number, _trimmed(values)) for number, values in rows if _trimmed(values)]


def typed(rows: list[tuple[int, list]]) -> list:
    """Rows with every value paired with its type, so that 1 == 1.0 == True cannot hide a difference."""
    return [(number, [(type(value).__name__, value) for value in values]) for number, values in rows]


def assert_same_as_calamine(path: Path) -> None:
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    assert xlsx.open_workbook(path).sheet_names == names
    for name in names:
        assert typed(streamed_rows(path, name)) == typed(calamine_rows(path, name)), name


# --- workbooks written by hand ---------------------------------------------------------------------------


def write_parts(
    path: Path,
    sheets: list[tuple[str, str]],
    shared_strings: list[str] | str | None = None,
    number_formats: dict[int, str] | None = None,
    cell_formats: list[int] | None = None,
    date1904: bool = False,
    part_numbers: list[int] | None = None,
    absolute_targets: bool = False,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """An .xlsx from XML fragments: each sheet's text is its <sheetData> content, or a whole worksheet.

    `part_numbers` names the worksheet parts (sheet{n}.xml), so the parts need not follow the sheet order;
    `shared_strings` items are <si> content (or the whole part); `cell_formats` are the numFmtIds of the
    cell styles (s=).
    """
    part_numbers = part_numbers or list(range(1, len(sheets) + 1))
    parts = {}
    content_types = {"/xl/workbook.xml": "sheet.main+xml"}
    relationships = []
    sheet_entries = []
    for index, (name, xml) in enumerate(sheets, start=1):
        part = f"xl/worksheets/sheet{part_numbers[index - 1]}.xml"
        if "worksheet" not in xml:
            xml = f'<worksheet xmlns="{MAIN_NS}"><sheetData>{xml}</sheetData></worksheet>'
        parts[part] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml
        content_types[f"/{part}"] = "worksheet+xml"
        relationships.append((f"rIdSheet{index}", "worksheet", f"/{part}" if absolute_targets else part[3:]))
        sheet_entries.append(f'<sheet name="{name}" sheetId="{index}" r:id="rIdSheet{index}"/>')
    if isinstance(shared_strings, list):
        items = "".join(f"<si>{item}</si>" for item in shared_strings)
        shared_strings = f'<sst xmlns="{MAIN_NS}" count="{len(shared_strings)}">{items}</sst>'
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
        relationships.append(("rIdStrings", "sharedStrings", "sharedStrings.xml"))
    if cell_formats is not None:
        codes = "".join(
            f'<numFmt numFmtId="{number}" formatCode="{_attribute(code)}"/>'
            for number, code in (number_formats or {}).items()
        )
        xfs = "".join(f'<xf numFmtId="{number}" fontId="0" fillId="0" borderId="0"/>' for number in cell_formats)
        parts["xl/styles.xml"] = (
            f'<styleSheet xmlns="{MAIN_NS}"><numFmts>{codes}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>'
        )
        relationships.append(("rIdStyles", "styles", "styles.xml"))
    workbook_pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    sheet_list = "".join(sheet_entries)
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{workbook_pr}<sheets>{sheet_list}</sheets></workbook>'
    )
    parts["xl/_rels/workbook.xml.rels"] = _relationships(relationships)
    parts["_rels/.rels"] = _relationships([("rId1", "officeDocument", "xl/workbook.xml")])
    overrides = "".join(
        f'<Override PartName="{name}" ContentType="{OFFICE_TYPE}{kind}"/>' for name, kind in content_types.items()
    )
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _relationships(relationships: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f'<Relationship Id="{rid}" Type="{REL_NS}/{kind}" Target="{target}"/>' for rid, kind, target in relationships
    )
    return f'<Relationships xmlns="{PACKAGE_REL_NS}">{entries}</Relationships>'


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def inline(ref: str, text: str, preserve: bool = False) -> str:
    space = ' xml:space="preserve"' if preserve else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


# --- workbooks written by openpyxl -----------------------------------------------------------------------

SAMPLE_ROWS = [
    ["主订单编号", "商品", "数量", "金额", "支付时间", "日期", "时刻", "时长", "完成", "备注"],
    ["\t6917926768823643751", "【买一送一】机械键盘 青轴", 2, 491.5, datetime(2023, 11, 11, 0, 5, 1),
     date(2023, 11, 12), time(10, 30), timedelta(hours=50, minutes=3), True, "a & b <c> \"d\" 'e'"],
    ["\t6917926768823643752", "  两边有空格  ", -3, 1e-7, datetime(2023, 11, 11, 23, 59, 59, 500000),
     date(1900, 1, 1), time(0, 0, 1), timedelta(0), False, "第一行\n第二行"],
    [None, None, 12345678901234567, 0.1 + 0.2, None, None, None, None, None, "=SUM(C2:C3)"],
    ["只有一格"],
    [],
    [None, None, None, None, None, None, None, None, None, "尾"],
]  # fmt: skip


def write_openpyxl(path: Path, write_only: bool, rows: list[list] = SAMPLE_ROWS) -> Path:
    workbook = Workbook(write_only=write_only)
    if write_only:
        sheet = workbook.create_sheet("订单")
    else:
        sheet = workbook.active
        sheet.title = "订单"
    for row in rows:
        sheet.append(row)
    second = workbook.create_sheet("Second")
    second.append(["x", 1])
    if not write_only:
        second.sheet_state = "hidden"
    workbook.save(path)
    return path


@pytest.mark.parametrize("write_only", [False, True], ids=["shared-strings", "inline-strings"])
@pytest.mark.usefixtures("reading_mode")
def test_openpyxl_workbooks_read_exactly_like_calamine(tmp_path, write_only):
    path = write_openpyxl(tmp_path / "book.xlsx", write_only)
    assert_same_as_calamine(path)
    rows = streamed_rows(path, "订单")
    assert rows[1][1][:2] == ["\t6917926768823643751", "【买一送一】机械键盘 青轴"]
    assert rows[1][1][4] == datetime(2023, 11, 11, 0, 5, 1)


@pytest.mark.usefixtures("reading_mode")
def test_keep_only_gives_the_same_values_in_the_kept_columns(tmp_path):
    rows = [["单号", "A", "B", "C", "D"]] + [
        [
            f"\t69{index:017d}",
            f"商品{index % 7}",
            index * 1.5,
            datetime(2023, 11, 1, 0, 0, 7) + timedelta(minutes=index),
            "x&y",
        ]
        for index in range(3000)
    ]
    path = write_openpyxl(tmp_path / "book.xlsx", write_only=True, rows=rows)
    expected = dict(calamine_rows(path, "订单"))
    sheet = xlsx.open_workbook(path).sheet("订单")
    found = sheet.rows()
    number, header = next(found)
    assert (number, header) == (1, expected[1])
    sheet.keep_only([0, 3, 4])
    count = 0
    for number, values in found:
        count += 1
        assert len(values) == 5
        assert [values[0], values[3], values[4]] == [expected[number][0], expected[number][3], expected[number][4]]
        assert values[1] == values[2] == ""
        assert type(values[3]) is type(expected[number][3]) is datetime
    assert count == 3000


@pytest.mark.usefixtures("reading_mode")
def test_keep_only_columns_beyond_z(tmp_path):
    header = [f"列{index}" for index in range(30)]
    body = [[f"{row}-{column}" for column in range(30)] for row in range(50)]
    path = write_openpyxl(tmp_path / "wide.xlsx", write_only=False, rows=[header, *body])
    sheet = xlsx.open_workbook(path).sheet("订单")
    found = sheet.rows()
    next(found)
    sheet.keep_only([1, 26, 27, 29])
    for offset, (number, values) in enumerate(found):
        assert number == offset + 2
        assert [values[column] for column in (1, 26, 27, 29)] == [f"{offset}-{column}" for column in (1, 26, 27, 29)]
        assert values[0] == values[25] == values[28] == ""


@pytest.mark.usefixtures("reading_mode")
def test_keep_only_with_attributes_in_another_order(tmp_path):
    rows = "".join(
        f'<row r="{row}"><c t="inlineStr" r="A{row}"><is><t>a{row}</t></is></c><c s="0" r="B{row}"><v>{row}</v></c>'
        f'<c t="s" s="0" r="C{row}"><v>{row % 2}</v></c></row>'
        for row in range(1, 400)
    )
    path = write_parts(tmp_path / "order.xlsx", [("S", rows)], shared_strings=["<t>even</t>", "<t>odd</t>"])
    assert_same_as_calamine(path)
    sheet = xlsx.open_workbook(path).sheet("S")
    found = sheet.rows()
    assert next(found) == (1, ["a1", 1.0, "odd"])
    sheet.keep_only([0, 2])
    assert list(found) == [(row, [f"a{row}", "", ("even", "odd")[row % 2]]) for row in range(2, 400)]


def test_cells_written_differently_after_the_first_block_are_not_lost(tmp_path, monkeypatch):
    monkeypatch.setattr(zipstream, "BLOCK_SIZE", 2000)  # the first block holds only the first rows

    def row(number: int) -> str:
        if number < 300:
            return f'<row r="{number}">{inline(f"A{number}", f"a{number}")}<c r="B{number}"><v>{number}</v></c></row>'
        # Later rows put r after another attribute: a pattern chosen from the first block alone misses them.
        return (
            f'<row r="{number}"><c t="inlineStr" r="A{number}"><is><t>a{number}</t></is></c>'
            f'<c s="0" r="B{number}"><v>{number}</v></c></row>'
        )

    path = write_parts(tmp_path / "mixed.xlsx", [("S", "".join(row(number) for number in range(1, 600)))])
    assert_same_as_calamine(path)
    sheet = xlsx.open_workbook(path).sheet("S")
    found = sheet.rows()
    assert next(found) == (1, ["a1", 1.0])
    sheet.keep_only([1])
    assert list(found) == [(number, ["", float(number)]) for number in range(2, 600)]


# --- hand-written XML: what openpyxl never writes ------------------------------------------------------------


@pytest.mark.usefixtures("reading_mode")
def test_text_escapes_whitespace_and_rich_text(tmp_path):
    shared = [
        "<t>plain</t>",
        "<t>  trimmed  </t>",
        '<t xml:space="preserve">  kept  </t>',
        '<r><t>ri</t></r><r><rPr><b/><color rgb="FFFF0000"/></rPr><t xml:space="preserve"> ch </t></r>',
        '<t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/>',
        "<t>a_x000D__x000A_b _x0041_ _x0100_ _x005F_x0041_ _xD83D_</t>",
        "<t>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600; &amp;amp;</t>",
        "<t>&#32;entity-space&#9;</t>",
        "<t/>",
        "<t>line\r\nend\rcr</t>",
    ]
    cells = "".join(f'<c r="{chr(65 + index)}1" t="s"><v>{index}</v></c>' for index in range(len(shared)))
    inline_cells = "".join(
        [
            inline("A2", "  trimmed  "),
            inline("B2", "  kept  ", preserve=True),
            '<c r="C2" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve"> line</t></r></is></c>',
            '<c r="D2" t="inlineStr"><is><t>漢</t><rPh sb="0" eb="1"><t>カン</t></rPh></is></c>',
            inline("E2", "x_x000D_y &lt;z&gt; _x00e9_"),
            inline("F2", "&#13;"),
            '<c r="G2" t="inlineStr"><is><t/></is></c>',
            inline("H2", "tab\tinside"),
        ]
    )
    sheet = f'<row r="1">{cells}</row><row r="2">{inline_cells}</row>'
    path = write_parts(tmp_path / "text.xlsx", [("S", sheet)], shared_strings=shared)
    assert_same_as_calamine(path)
    rows = dict(streamed_rows(path, "S"))
    assert rows[1][3] == "ri ch "
    assert rows[1][4] == "漢字"
    assert rows[1][5] == "a\r\nb A _x0100_ _x0041_ _xD83D_"  # calamine decodes _x00HH_ only


@pytest.mark.usefixtures("reading_mode")
def test_cell_types_and_attribute_order(tmp_path):
    sheet = (
        '<row r="1" spans="1:9" ht="20" customHeight="1" x14ac:dyDescent="0.25">'
        '<c s="0" r="A1" t="s"><v>0</v></c>'  # attributes in another order
        '<c t="b" r="B1"><v>1</v></c><c r="C1" t="b"><v>0</v></c>'
        '<c r="D1" t="str"><f>A1&amp;"!"</f><v>formula  text </v></c>'
        '<c r="E1"><f>1+1</f><v>2</v></c>'
        '<c r="F1"><f>NOW()</f></c>'  # no cached value
        '<c r="G1" t="d"><v>2023-11-12T10:00:00</v></c><c r="H1" t="d"><v>2023-11-12</v></c>'
        '<c r="I1" t="d"><v>10:30:00</v></c><c r="J1" t="d"><v>2023-11-12T10:00:00Z</v></c>'
        "</row>"
        '<row r="2"><c r="A2"><v>1e3</v></c><c r="B2"><v>-0</v></c><c r="C2"><v>123456789012345678</v></c>'
        '<c r="D2"><v>1_000</v></c><c r="E2"><v>inf</v></c><c r="F2" s="0"/><c r="G2"><v>.5</v></c></row>'
        '<row r="3">\n  <c r="A3" t="s">\n    <v>1</v>\n  </c>\n  <c r="C3">\n    <v>7</v>\n  </c>\n</row>'
    )
    sheet = sheet.replace('<row r="1" ', f'<row xmlns:x14ac="{MAIN_NS}/x14ac" r="1" ')
    path = write_parts(tmp_path / "types.xlsx", [("S", sheet)], shared_strings=["<t>s0</t>", "<t>s1</t>"])
    assert_same_as_calamine(path)
    rows = dict(streamed_rows(path, "S"))
    assert rows[1][:4] == ["s0", True, False, "formula  text "]
    assert rows[1][6:9] == [datetime(2023, 11, 12, 10), date(2023, 11, 12), time(10, 30)]
    assert rows[2][3] == "1_000"  # not a number in Rust's syntax


def test_error_cells_give_their_text_where_calamine_gives_empty(tmp_path):
    sheet = (
        '<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="C1"><v>1</v></c></row>'
    )
    path = write_parts(tmp_path / "errors.xlsx", [("S", sheet)])
    assert streamed_rows(path, "S") == [(1, ["#N/A", "#DIV/0!", 1.0])]
    assert calamine_rows(path, "S") == [(1, ["", "", 1.0])]


@pytest.mark.usefixtures("reading_mode")
def test_sparse_rows_gaps_and_rows_without_numbers(tmp_path):
    sheet = (
        '<row r="3"><c r="C3" t="inlineStr"><is><t>first</t></is></c><c r="F3"><v>2</v></c></row>'
        '<row r="4"/>'
        '<row r="5" spans="2:4"><c r="B5" s="0"/><c r="D5"><v>4</v></c></row>'
        '<row><c r="A8"><v>8</v></c></row>'  # a row without r: the cells say where they are
        '<row r="20"><c r="AB20"><v>28</v></c></row>'
    )
    path = write_parts(tmp_path / "sparse.xlsx", [("S", sheet)])
    assert_same_as_calamine(path)
    assert [number for number, _ in streamed_rows(path, "S")] == [3, 5, 8, 20]
    assert streamed_rows(path, "S")[0][1] == ["", "", "first", "", "", 2.0]


@pytest.mark.usefixtures("reading_mode")
def test_sheet_order_comes_from_the_workbook_not_the_part_names(tmp_path):
    sheets = [("Zeta", inline("A1", "z")), ("Alpha", inline("A1", "a")), ("Mid", "")]
    for absolute in (False, True):
        path = write_parts(
            tmp_path / f"order-{absolute}.xlsx", sheets, part_numbers=[3, 1, 2], absolute_targets=absolute
        )
        assert xlsx.open_workbook(path).sheet_names == ["Zeta", "Alpha", "Mid"]
        assert_same_as_calamine(path)
        assert streamed_rows(path, "Zeta") == [(1, ["z"])]


NUMBER_FORMATS = {
    164: "yyyy-mm-dd",
    165: "hh:mm:ss",
    166: "[h]:mm:ss",
    167: "[Red]0.00",
    168: '"d"0',
    169: "\\d0",
    170: "[$-F800]dddd",
    171: "0;yyyy",
    172: "#,##0*y",
    173: "am/pm",
    174: "General",
    175: "[mm]:ss",
    176: 'yyyy"年"m"月"d"日"',
    177: "[>=100][Magenta][s].00",
    178: "ad",
    14: "0.00",  # a custom code overrides the built-in date format 14
}
STYLE_FORMATS = [0, *NUMBER_FORMATS, 15, 22, 27, 31, 36, 45, 46, 47, 50, 58, 59, 49, 200]


@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
@pytest.mark.usefixtures("reading_mode")
def test_number_formats_and_serial_dates(tmp_path, date1904):
    serials = "45242 45242.5 0.5 0 -1.25 1 59 60 61 1.25 45242.999999999 45242.0000001 2958465.5 2958466".split()
    serials += ["0.99999999", "12.3456789"]
    columns = range(len(STYLE_FORMATS))
    rows = "".join(
        f'<row r="{row}">'
        + "".join(f'<c r="{column_letters(column)}{row}" s="{column}"><v>{serial}</v></c>' for column in columns)
        + "</row>"
        for row, serial in enumerate(serials, start=1)
    )
    formats = {"number_formats": NUMBER_FORMATS, "cell_formats": STYLE_FORMATS, "date1904": date1904}
    path = write_parts(tmp_path / "formats.xlsx", [("S", rows)], **formats)
    assert_same_as_calamine(path)


def test_random_serials_convert_exactly_like_calamine(tmp_path):
    generator = random.Random(20231111)
    serials = [generator.uniform(1, 80000) for _ in range(600)]
    serials += [round(value, generator.randint(0, 6)) for value in serials[:300]]
    serials += [generator.uniform(-5, 1) for _ in range(100)] + [generator.uniform(0, 62) for _ in range(100)]
    # Exact half milliseconds: calamine rounds them away from zero, Python's round() would go to even.
    serials += [45242.000000005784, 45242.00009166088, 0.5 / 86_400_000, -0.5 / 86_400_000]
    rows = "".join(
        f'<row r="{row}"><c r="A{row}" s="1"><v>{value!r}</v></c><c r="B{row}" s="2"><v>{value!r}</v></c>'
        f'<c r="C{row}" s="3"><v>{value!r}</v></c><c r="D{row}"><v>{value!r}</v></c></row>'
        for row, value in enumerate(serials, start=1)
    )
    for date1904 in (False, True):
        formats = {"cell_formats": [0, 22, 46, 21], "date1904": date1904}  # general, date-time, [h]:mm:ss, h:mm:ss
        path = write_parts(tmp_path / f"serials-{date1904}.xlsx", [("S", rows)], **formats)
        assert_same_as_calamine(path)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("yyyy-mm-dd", MOMENT),
        ("[h]:mm", DURATION),
        ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm", DURATION),
        ("[hm]", PLAIN),
        ("\\[h]", MOMENT),
        ('"[h]"', PLAIN),
        ('#,##0.00\\ _M"H"_);[Red]#,##0.00\\ _M"S"_)', PLAIN),
        ("*-yyyy-mm-dd", MOMENT),
        ("a/p", MOMENT),
        ("aa", PLAIN),
    ],
)
def test_format_kind(code, kind):
    assert format_kind(code) == kind


# --- falling back to calamine ----------------------------------------------------------------------------

PREFIXED_SHEET = (
    f'<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData>'
    '<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>header</x:t></x:is></x:c></x:row>'
    '<x:row r="5"><x:c r="B5"><x:v>7</x:v></x:c><x:c r="C5" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row>'
    "</x:sheetData></x:worksheet>"
)


def read_all(path: Path) -> dict[str | None, list[tuple[int, list]]]:
    return {
        sheet.name: [(number, _trimmed(values)) for number, values in sheet.rows if _trimmed(values)]
        for sheet in reader.sheets(path)
    }


@pytest.mark.usefixtures("reading_mode")
def test_a_namespace_prefixed_sheet_is_read_by_calamine(tmp_path):
    path = write_parts(tmp_path / "prefixed.xlsx", [("Plain", inline("A1", "plain")), ("Prefixed", PREFIXED_SHEET)])
    with pytest.raises(xlsx.NotStreamable):
        next(xlsx.open_workbook(path).sheet("Prefixed").rows())
    # calamine puts B at position 0 (it starts at the first used column): what the importer gets from it.
    assert read_all(path) == {"Plain": [(1, ["plain"])], "Prefixed": [(3, ["header"]), (5, [7.0, "x"])]}


def test_namespace_prefixed_shared_strings_leave_the_file_to_calamine(tmp_path):
    shared = f'<x:sst xmlns:x="{MAIN_NS}"><x:si><x:t>prefixed</x:t></x:si></x:sst>'
    sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    path = write_parts(tmp_path / "prefixed.xlsx", [("S", sheet)], shared_strings=shared)
    with pytest.raises(xlsx.NotStreamable):
        xlsx.open_workbook(path)
    assert read_all(path) == {"S": [(1, ["prefixed"])]}


def test_cells_without_r_are_read_by_calamine(tmp_path):
    sheet = '<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>'
    path = write_parts(tmp_path / "no-refs.xlsx", [("S", sheet)])
    with pytest.raises(xlsx.NotStreamable):
        next(xlsx.open_workbook(path).sheet("S").rows())
    assert read_all(path) == {"S": [(1, ["a", 2.0])]}


def test_calamine_rows_are_numbered_from_the_top_of_the_sheet(tmp_path):
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("S")
    sheet.write(2, 0, "header")
    sheet.write(4, 0, "data")
    workbook.save(str(tmp_path / "low.xls"))
    assert read_all(tmp_path / "low.xls") == {"S": [(3, ["header"]), (5, ["data"])]}


def test_keep_only_is_harmless_for_csv_and_calamine_sheets(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("h1,h2,h3\n1,2,3\n", encoding="utf-8")
    xls_path = tmp_path / "a.xls"
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("S")
    for column, value in enumerate(["h1", "h2", "h3"]):
        sheet.write(0, column, value)
        sheet.write(1, column, column + 1)
    workbook.save(str(xls_path))
    for path, expected in ((csv_path, ["1", "2", "3"]), (xls_path, [1.0, 2.0, 3.0])):
        (sheet,) = reader.sheets(path)
        next(sheet.rows)
        sheet.keep_only([1])
        assert next(sheet.rows) == (2, expected)


@pytest.mark.usefixtures("reading_mode")
def test_damage_after_the_first_rows_is_an_unreadable_file(tmp_path):
    body = "".join(f'<row r="{row}">{inline(f"A{row}", f"value {row}")}</row>' for row in range(1, 2001))
    path = write_parts(tmp_path / "damaged.xlsx", [("S", body)], compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    position = data.index(b"value 1999")
    data[position : position + 5] = b"VALUE"  # the stored bytes no longer match the CRC-32
    path.write_bytes(bytes(data))
    (sheet,) = reader.sheets(path)
    seen = []
    with pytest.raises(UnreadableFile, match="工作表「S」无法读取"):
        for number, _ in sheet.rows:
            seen.append(number)
    assert len(seen) == 2000  # every row came out before the checksum was found wrong


def test_damage_before_the_first_row_leaves_it_to_calamine(tmp_path):
    path = write_parts(tmp_path / "truncated.xlsx", [("S", inline("A1", "x") * 10)])
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename)
    path.write_bytes(data[:start] + b"\xff" * info.compress_size + data[start + info.compress_size :])
    with pytest.raises(xlsx.DamagedWorkbook):
        next(xlsx.open_workbook(path).sheet("S").rows())
    with pytest.raises(UnreadableFile, match="^工作表「S」无法读取：文件已损坏或不完整"):  # calamine's verdict
        read_all(path)


def test_chart_sheets_have_no_rows(tmp_path):
    from openpyxl.chart import BarChart, Reference

    workbook = Workbook()
    data = workbook.active
    data.append([1, 2, 3])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, max_col=3, min_row=1))
    workbook.create_chartsheet("Chart").add_chart(chart)
    workbook.save(tmp_path / "chart.xlsx")
    assert_same_as_calamine(tmp_path / "chart.xlsx")
    assert read_all(tmp_path / "chart.xlsx") == {"Sheet": [(1, [1.0, 2.0, 3.0])], "Chart": []}


def test_an_abandoned_sheet_stops_its_inflating_thread(tmp_path, monkeypatch):
    monkeypatch.setattr(zipstream, "BACKGROUND_DECOMPRESSION", True)
    monkeypatch.setattr(zipstream, "CHUNK_SIZE", 4096)
    body = "".join(f'<row r="{row}">{inline(f"A{row}", "x" * 50)}</row>' for row in range(1, 5000))
    path = write_parts(tmp_path / "long.xlsx", [("S", body)])

    def inflating() -> int:
        return sum(thread.name == "xlsx-inflate" for thread in threading.enumerate())

    rows = xlsx.open_workbook(path).sheet("S").rows()
    next(rows)
    assert inflating() == 1
    del rows  # what happens when the importer drops a sheet whose header it did not recognise
    assert inflating() == 0


# --- streaming -------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("reading_mode")
def test_a_big_sheet_is_streamed_not_loaded(tmp_path, monkeypatch):
    rows = [["单号", "商品", "金额", "状态", "备注"]] + [
        [f"\t69{index:017d}", f"商品名称 {index % 97}", f"{index * 1.5:.2f}", "已发货", "-"] for index in range(20000)
    ]
    path = write_openpyxl(tmp_path / "big.xlsx", write_only=True, rows=rows)
    with zipfile.ZipFile(path) as archive:
        xml_size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    chunk = 64 << 10
    monkeypatch.setattr(zipstream, "CHUNK_SIZE", chunk)
    monkeypatch.setattr(zipstream, "BLOCK_SIZE", chunk)
    inflated = [0]
    real_inflated = zipstream._inflated

    def counting_inflated(handle, info):
        for piece in real_inflated(handle, info):
            if info.filename.endswith("sheet1.xml"):
                inflated[0] += len(piece)
            yield piece

    monkeypatch.setattr(zipstream, "_inflated", counting_inflated)
    sheet = xlsx.open_workbook(path).sheet("订单")
    found = sheet.rows()
    tracemalloc.start()
    try:
        assert next(found)[0] == 1
        # The inflating thread may be a few chunks ahead, never more than its queue allows.
        assert inflated[0] <= (zipstream.QUEUE_DEPTH + 3) * chunk < xml_size / 4
        sheet.keep_only([0, 3])
        count = sum(1 for number, values in found if values[3] == "已发货")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20000
    assert inflated[0] == xml_size
    assert peak < xml_size / 4
