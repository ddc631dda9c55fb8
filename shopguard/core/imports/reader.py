"""Read the rows of a spreadsheet file: .xlsx/.xlsm streamed by imports.xlsx, .xls/.xlsb/.ods (and any
.xlsx the streaming reader declines) via python-calamine, .csv via the csv module.

Only cell values come out of here; what they mean is the importer's business. Whatever the file, memory stays
bounded and reading ends (imports.limits): a sheet ends after a long run of empty rows, parts too large for a
real export are refused before they are unpacked, calamine is not asked to hold more than it can, and a CSV cell
too long to be real comes out as an OversizedCell, a problem for that cell alone. A CSV is decoded line by line
(csv_text): a row in another encoding than the rest of the file comes out as a NotedRow, and a cell with bytes
no encoding reads as a GarbledCell, never as text with U+FFFD in it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.parsers.expat import ExpatError

import python_calamine

from shopguard.core.imports import csv_text, limits, ods_extent, xlsx
from shopguard.core.imports.cells import CellError
from shopguard.core.imports.xlsx.zipstream import ZIP_ERRORS

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
STREAMED_SUFFIXES = {".xlsx", ".xlsm"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # encrypted .xlsx files are OLE containers, not zip archives


class UnreadableFile(Exception):
    """The file cannot be read at all; the message is for the merchant."""


class UnreadableCellError(CellError, UnreadableFile):
    """Raised by an OversizedCell or a GarbledCell used as a value: a CellError in a data row (a problem for that
    cell), an UnreadableFile where the importer looks for the header row."""


class _CellNotRead:
    """A CSV cell kept out of the row's values. The importer's cell parsers turn a value into text (str()) or
    name it in their message (format()); both raise UnreadableCellError here, so the cell becomes a problem with
    its file, row and column (for an ID, the row's), and the rest of the row and of the file still imports."""

    __slots__ = ()

    def error(self) -> UnreadableCellError:
        raise NotImplementedError

    def __str__(self) -> str:
        raise self.error()

    def __format__(self, spec: str) -> str:
        raise self.error()


class OversizedCell(_CellNotRead):
    """A CSV cell longer than limits.CSV_CELL_CHARS, kept out of memory: only its length comes out."""

    __slots__ = ("length",)

    def __init__(self, length: int):
        self.length = length

    def error(self) -> UnreadableCellError:
        return UnreadableCellError(
            f"单元格内容有 {self.length:,} 个字符，超过 {limits.CSV_CELL_CHARS:,} 个字符的上限，没有读取；"
            "请在 Excel/WPS 中检查这个单元格（正常的导出不会有这么长的内容）"
        )

    def __repr__(self) -> str:
        return f"OversizedCell({self.length})"


class GarbledCell(_CellNotRead):
    """A CSV cell holding U+FFFD: bytes no encoding could read (or a file damaged that way before). Never text
    with a replacement character in it: the store keeps what it holds for the cell."""

    __slots__ = ()

    def error(self) -> UnreadableCellError:
        return UnreadableCellError(
            "有无法识别的乱码字符（这一行的编码既不是 UTF-8 也不是 GBK），没有读取；"
            "请从抖店重新下载这个文件，或在 Excel/WPS 中核对这一格后另存为 CSV 再导入"
        )

    def __repr__(self) -> str:
        return "GarbledCell()"


def _decoding_told(cells: list, record: csv_text.RecordState) -> list:
    """A CSV row's cells after its lines were read in another encoding than the file's (a NotedRow the importer
    reports) or some of its text holds U+FFFD (those cells become GarbledCell)."""
    if record.garbled:
        cells = [GarbledCell() if cell.__class__ is str and csv_text.GARBLED in cell else cell for cell in cells]
    if record.note is not None:
        cells = csv_text.NotedRow(cells)
        cells.note = record.note
    return cells


@dataclass(slots=True)
class Sheet:
    name: str | None
    rows: Iterator[tuple[int, list]]  # (1-based spreadsheet row number, cell values)
    column_filter: Callable[[Collection[int]], None] | None = None  # see keep_only
    # Set once the rows have ended after limits.EMPTY_RUN_ROWS empty rows: a sentence for the merchant.
    ended_early: str | None = None

    def keep_only(self, columns: Collection[int]) -> None:
        """Only these 0-based column positions will be looked at from the next row on.

        A streamed .xlsx then skips the other cells (they come out as ""), which halves the time to read a
        wide export; for other files this changes nothing.
        """
        if self.column_filter is not None:
            self.column_filter(columns)


def sheets(path: Path) -> Iterator[Sheet]:
    """Every sheet of the file, lazily; a CSV has exactly one."""
    if not path.exists():
        raise UnreadableFile("找不到文件")
    if path.is_dir():
        raise UnreadableFile("这是一个文件夹，不是表格文件")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        record = csv_text.RecordState()  # what the lines of the CSV record being read have shown
        yield _bounded(Sheet(None, enumerate(csv_text.csv_records(path, record, UnreadableFile), start=1)), None,
                       record=record)  # fmt: skip
    elif suffix in WORKBOOK_SUFFIXES:
        yield from _workbook_sheets(path)
    else:
        raise UnreadableFile(f"不支持的文件类型「{path.suffix or '无扩展名'}」，请使用 .xlsx、.xls 或 .csv")


def _bounded(
    sheet: Sheet,
    last_row: int | None,
    streamed: xlsx.StreamedSheet | None = None,
    record: csv_text.RecordState | None = None,
) -> Sheet:
    sheet.rows = _bounded_rows(sheet, sheet.rows, last_row, streamed, record)
    return sheet


def _bounded_rows(
    sheet: Sheet,
    rows: Iterator[tuple[int, list]],
    last_row: int | None,
    streamed: xlsx.StreamedSheet | None,
    record: csv_text.RecordState | None,
) -> Iterator[tuple[int, list]]:
    """The rows, up to the last one before limits.EMPTY_RUN_ROWS empty rows in a row.

    Rows without any cell never come out of a streamed sheet: it counts those itself (`streamed`). A
    workbook row beyond `last_row` (Excel's last) means the file is damaged or crafted: without this check a
    zip bomb of numbered rows could keep the importer busy for minutes. For a CSV, `record` (filled in by
    csv_text as it decodes the lines) tells when a cell of the row may be longer than limits.CSV_CELL_CHARS, or
    holds U+FFFD, or when the row was read in another encoding than the file's: it is done here, in the one loop
    every row goes through anyway, because each generator a row passes costs time on a big export.
    """
    empty_run = 0
    last_filled = 0
    try:
        for number, cells in rows:
            if record is not None:
                if record.chars > limits.CSV_CELL_CHARS:
                    cells = [OversizedCell(len(cell)) if len(cell) > limits.CSV_CELL_CHARS else cell for cell in cells]
                if record.note is not None or record.garbled:
                    cells = _decoding_told(cells, record)
                record.reset()
            if last_row is not None and number > last_row:
                raise UnreadableFile(
                    f"工作表「{sheet.name}」有第 {number:,} 行，超过 Excel 最多 {last_row:,} 行的上限："
                    "文件已损坏或不是 Excel/WPS 保存的，没有读取。请重新从抖店下载原文件"
                )
            for cell in cells:  # on every row: usually its first cell is filled, and that ends the search
                if cell is not None and cell != "":
                    empty_run = 0
                    last_filled = number
                    break
            else:
                empty_run += 1
                if empty_run >= limits.EMPTY_RUN_ROWS:
                    sheet.ended_early = _ended_early(last_filled)
                    return
            yield number, cells
        if streamed is not None and streamed.ended_at_empty_run:
            sheet.ended_early = _ended_early(last_filled)
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()  # a streamed sheet's inflating thread stops now, not when the generator is collected


def _ended_early(last_filled: int) -> str:
    return (
        f"第 {last_filled:,} 行之后连续 {limits.EMPTY_RUN_ROWS:,} 行都是空的，后面的内容没有读取"
        "（正常的导出中间不会有空行）"
    )


def _workbook_sheets(path: Path) -> Iterator[Sheet]:
    if path.suffix.lower() in STREAMED_SUFFIXES:
        try:
            workbook = xlsx.open_workbook(path)
        except (xlsx.NotStreamable, xlsx.DamagedWorkbook):
            pass  # calamine reads it, or says what is wrong with it in the merchant's words
        except xlsx.TooLarge as error:
            raise UnreadableFile(str(error)) from None
        else:
            yield from _streamed_sheets(path, workbook)
            return
    workbook = _open_with_calamine(path)
    for name in workbook.sheet_names:
        yield _bounded(Sheet(name, _calamine_rows(workbook, name)), limits.SHEET_ROWS)


def _streamed_sheets(path: Path, workbook: xlsx.StreamingWorkbook) -> Iterator[Sheet]:
    fallback = _CalamineFallback(path)
    for name in workbook.sheet_names:
        sheet = workbook.sheet(name)
        yield _bounded(Sheet(name, _streamed_rows(sheet, fallback), sheet.keep_only), limits.SHEET_ROWS, sheet)


class _CalamineFallback:
    """calamine's rows of a sheet the streaming reader declines; the workbook is opened on first need."""

    def __init__(self, path: Path):
        self.path = path
        self.workbook = None

    def rows(self, name: str) -> Iterator[tuple[int, list]]:
        if self.workbook is None:
            self.workbook = _open_with_calamine(self.path)
        return _calamine_rows(self.workbook, name)


def _streamed_rows(sheet: xlsx.StreamedSheet, fallback: _CalamineFallback) -> Iterator[tuple[int, list]]:
    rows = sheet.rows()
    try:
        first = next(rows, None)
    except (xlsx.NotStreamable, xlsx.DamagedWorkbook):
        # Nothing has come out of this sheet yet, so calamine can read it whole instead (or explain).
        yield from fallback.rows(sheet.name)
        return
    except xlsx.TooLarge as error:
        raise UnreadableFile(str(error)) from None
    if first is None:
        return
    yield first
    try:
        yield from rows
    except (xlsx.NotStreamable, xlsx.DamagedWorkbook):
        raise UnreadableFile(f"工作表「{sheet.name}」无法读取：{_DAMAGED}") from None
    except xlsx.TooLarge as error:
        raise UnreadableFile(str(error)) from None
    finally:
        rows.close()


_DAMAGED = "文件已损坏或不完整（也许没有下载完），请重新从抖店下载，或在 Excel/WPS 中打开后另存为 .xlsx 再导入"


def _open_with_calamine(path: Path) -> python_calamine.CalamineWorkbook:
    _check_calamine_can_hold(path)
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise UnreadableFile("文件有密码保护，请在 Excel/WPS 中取消密码后另存再导入") from None
    except Exception:  # calamine reports damage through several exception types
        if path.suffix.lower() == ".xlsx" and _starts_with(path, _OLE_MAGIC):
            raise UnreadableFile("文件有密码保护（已加密），请在 Excel/WPS 中取消密码后另存再导入") from None
        raise UnreadableFile(f"文件已损坏或不是有效的表格文件，无法读取：{_DAMAGED}") from None


_REFUSED_BY_CALAMINE_LIMITS = "请在 Excel 或 WPS 中打开它，另存为 .xlsx 或 .csv 后再导入（另存后的文件可以边读边处理）"
_WORKSHEET_PART = re.compile(r"(?:^|/)worksheets/[^/]+\.xml$", re.IGNORECASE)


def _check_calamine_can_hold(path: Path) -> None:
    """Refuse, before calamine reads it, a file whose sheets calamine would need gigabytes to hold.

    calamine unpacks a whole sheet into memory (and aborts the process when an allocation fails), so its
    inputs are bounded here: the unpacked XML/.bin parts (or the .xls file) by limits.CALAMINE_BYTES, and for
    .xlsx/.xlsm the cell positions of every worksheet, for .ods those of all its sheets (imports.ods_extent), by
    limits.CALAMINE_CELLS.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (ValueError, *ZIP_ERRORS):  # .xls is not a zip; damage is calamine's to name
        size, archive = path.stat().st_size, None
    else:
        with archive:
            parts = [info for info in archive.infolist() if info.filename.lower().endswith((".xml", ".bin"))]
        size = sum(info.file_size for info in parts)
    if size > limits.CALAMINE_BYTES:
        raise UnreadableFile(
            f"这个文件要整个读进内存才能读取，解压后有 {limits.megabytes(size)}，"
            f"超过 {limits.megabytes(limits.CALAMINE_BYTES)} 的上限，没有读取。{_REFUSED_BY_CALAMINE_LIMITS}"
        )
    suffix = path.suffix.lower()
    if archive is None or suffix not in (*STREAMED_SUFFIXES, ".ods"):
        return
    for info in parts:
        if suffix == ".ods":
            too_many = info.filename == "content.xml" and _ods_cell_positions(path, info) > limits.CALAMINE_CELLS
        else:
            too_many = _WORKSHEET_PART.search(info.filename) and _cell_positions(path, info) > limits.CALAMINE_CELLS
        if too_many:
            raise UnreadableFile(
                f"工作表的数据范围超过 {limits.CALAMINE_CELLS:,} 个单元格（行数×列数），要占用的内存太多，"
                f"没有读取：文件可能已损坏。{_REFUSED_BY_CALAMINE_LIMITS}"
            )


def _cell_positions(path: Path, info: zipfile.ZipInfo) -> int:
    try:
        with zipfile.ZipFile(path) as archive, archive.open(info) as part:
            return xlsx.cell_positions(iter(partial(part.read, 1 << 20), b""))
    except ZIP_ERRORS:
        return 0  # damaged or encrypted: calamine refuses it and says why


def _ods_cell_positions(path: Path, info: zipfile.ZipInfo) -> int:
    try:
        with zipfile.ZipFile(path) as archive, archive.open(info) as part:
            return ods_extent.cell_positions(iter(partial(part.read, 1 << 20), b""))
    except (*ZIP_ERRORS, ExpatError):
        return 0  # damaged: calamine refuses it and says why


def _calamine_rows(workbook: python_calamine.CalamineWorkbook, name: str) -> Iterator[tuple[int, list]]:
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception:  # calamine reports damage through several exception types
        raise UnreadableFile(f"工作表「{name}」无法读取：{_DAMAGED}") from None
    # iter_rows() starts at the sheet's first row even when the data starts lower down (though at its
    # first non-empty column): python-calamine issue #177.
    return enumerate(sheet.iter_rows(), start=1)


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(magic)) == magic
