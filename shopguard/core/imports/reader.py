"""Read the rows of a spreadsheet file: .xlsx/.xlsm streamed by imports.xlsx, .xls/.xlsb/.ods (and any
.xlsx the streaming reader declines) via python-calamine, .csv via the csv module.

Only cell values come out of here; what they mean is the importer's business.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import python_calamine

from shopguard.core.imports import xlsx

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
STREAMED_SUFFIXES = {".xlsx", ".xlsm"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # encrypted .xlsx files are OLE containers, not zip archives


class UnreadableFile(Exception):
    """The file cannot be read at all; the message is for the merchant."""


@dataclass(slots=True)
class Sheet:
    name: str | None
    rows: Iterator[tuple[int, list]]  # (1-based spreadsheet row number, cell values)
    column_filter: Callable[[Collection[int]], None] | None = None  # see keep_only

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
        yield Sheet(None, _csv_rows(path))
    elif suffix in WORKBOOK_SUFFIXES:
        yield from _workbook_sheets(path)
    else:
        raise UnreadableFile(f"不支持的文件类型「{path.suffix or '无扩展名'}」，请使用 .xlsx、.xls 或 .csv")


def _workbook_sheets(path: Path) -> Iterator[Sheet]:
    if path.suffix.lower() in STREAMED_SUFFIXES:
        try:
            workbook = xlsx.open_workbook(path)
        except (xlsx.NotStreamable, xlsx.DamagedWorkbook):
            pass  # calamine reads it, or says what is wrong with it in the merchant's words
        else:
            yield from _streamed_sheets(path, workbook)
            return
    workbook = _open_with_calamine(path)
    for name in workbook.sheet_names:
        yield Sheet(name, _calamine_rows(workbook, name))


def _streamed_sheets(path: Path, workbook: xlsx.StreamingWorkbook) -> Iterator[Sheet]:
    fallback = _CalamineFallback(path)
    for name in workbook.sheet_names:
        sheet = workbook.sheet(name)
        yield Sheet(name, _streamed_rows(sheet, fallback), sheet.keep_only)


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
    if first is None:
        return
    yield first
    try:
        yield from rows
    except (xlsx.NotStreamable, xlsx.DamagedWorkbook) as error:
        raise UnreadableFile(f"工作表「{sheet.name}」无法读取（{error}）") from None


def _open_with_calamine(path: Path) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise UnreadableFile("文件有密码保护，请在 Excel/WPS 中取消密码后另存再导入") from None
    except Exception as error:  # calamine reports damage through several exception types
        if path.suffix.lower() == ".xlsx" and _starts_with(path, _OLE_MAGIC):
            raise UnreadableFile("文件有密码保护（已加密），请在 Excel/WPS 中取消密码后另存再导入") from None
        raise UnreadableFile(f"文件已损坏或不是有效的表格文件（{type(error).__name__}）") from None


def _calamine_rows(workbook: python_calamine.CalamineWorkbook, name: str) -> Iterator[tuple[int, list]]:
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception as error:
        raise UnreadableFile(f"工作表「{name}」无法读取（{type(error).__name__}）") from None
    # iter_rows() starts at the sheet's first row even when the data starts lower down (though at its
    # first non-empty column): python-calamine issue #177.
    return enumerate(sheet.iter_rows(), start=1)


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(magic)) == magic


def detect_encoding(path: Path) -> str:
    """utf-8-sig or utf-16 by BOM; else UTF-8 if the whole file decodes as UTF-8; else GB18030 (Excel/WPS)."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _csv_rows(path: Path) -> Iterator[tuple[int, list]]:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        first_line = handle.readline()
        handle.seek(0)
        # Exports pad cells with TABs, so only a header without any comma means tab-separated.
        delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
        try:
            yield from enumerate(csv.reader(handle, delimiter=delimiter), start=1)
        except csv.Error as error:
            raise UnreadableFile(f"CSV 格式错误（{error}）") from None
