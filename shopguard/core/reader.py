"""Read the rows of a spreadsheet file (.xlsx/.xlsm/.xls/.ods via python-calamine, .csv via the csv module).

Only cell values come out of here; what they mean is the importer's business.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import python_calamine

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # encrypted .xlsx files are OLE containers, not zip archives


class UnreadableFile(Exception):
    """The file cannot be read at all; the message is for the merchant."""


@dataclass(slots=True)
class Sheet:
    name: str | None
    rows: Iterator[tuple[int, list]]  # (1-based spreadsheet row number, cell values)


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
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise UnreadableFile("文件有密码保护，请在 Excel/WPS 中取消密码后另存再导入") from None
    except Exception as error:  # calamine reports damage through several exception types
        if path.suffix.lower() == ".xlsx" and _starts_with(path, _OLE_MAGIC):
            raise UnreadableFile("文件有密码保护（已加密），请在 Excel/WPS 中取消密码后另存再导入") from None
        raise UnreadableFile(f"文件已损坏或不是有效的表格文件（{type(error).__name__}）") from None
    for name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(name)
        except Exception as error:
            raise UnreadableFile(f"工作表「{name}」无法读取（{type(error).__name__}）") from None
        yield Sheet(name, _numbered(sheet.iter_rows(), first_row=sheet.start[0] + 1 if sheet.start else 1))


def _numbered(rows: Iterator[list], first_row: int) -> Iterator[tuple[int, list]]:
    return enumerate(rows, start=first_row)


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
