"""Long tables written into an xlsxwriter worksheet a whole row at a time.

xlsxwriter's write_string()/write_number() cost about 20 µs a cell (argument checks, a tuple per cell, the XML
written attribute by attribute): 86,000 open clocks × 12 columns took longer than the whole triage many times
over. In constant-memory mode xlsxwriter streams each finished row's XML to a temporary file and copies that
file into the sheet at close(); `RowWriter` appends rows of the same XML to that file itself, with the cell
formats' style numbers looked up once, and tells the worksheet where the table ends, so everything else
(formats, widths, filters, conditional formats, printing, charts, the zip) stays xlsxwriter's.

Cells are text, numbers or dates, never formulas: text is always an inline string (t="inlineStr"), so a
product called "=HYPERLINK(…)" is shown as those characters. This depends on xlsxwriter's constant-memory
internals (fh, previous_row, _write_single_row, _check_dimensions): the version is pinned in pyproject.toml
and tests/core/report read every kind of cell back with openpyxl and convert the workbook with LibreOffice.
"""

from __future__ import annotations

import re
from datetime import datetime

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from shopguard.core.xlsx_text import storable

_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 for dates after 1900-03-01 (its 1900 leap-year bug included)
_ESCAPE = re.compile(r"[&<>]")
_NEEDS_CARE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|^\s|\s$")


def _value(value) -> str:
    """The rest of a number or date cell."""
    if value.__class__ is datetime:
        delta = value.replace(tzinfo=None) - _EPOCH
        value = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return f"><v>{value:.16G}</v></c>"


class RowWriter:
    """Appends rows below what is already written; call `close()` before writing anything else to the sheet."""

    def __init__(self, sheet: Worksheet, first_row: int, styles: list[Format | None]) -> None:
        if not sheet.constant_memory:
            raise ValueError("RowWriter needs a worksheet in constant_memory mode")
        sheet._write_single_row(first_row)  # flushes the rows written before (the header) to the row file
        self.sheet = sheet
        self.row = first_row
        self.columns = len(styles)
        # One template per row: '<c r="A{0}" s="7"{2}' for each column, {0} the row number, {1} the row's height
        # attributes, {2}... the rest of each cell (see _value); an empty cell is '<c r="A5" s="7"/>' (its border).
        cells = "".join(
            f'<c r="{xl_col_to_name(col)}{{0}}"' + (f' s="{style._get_xf_index()}"' if style is not None else "")
            + f"{{{col + 2}}}"
            for col, style in enumerate(styles)
        )  # fmt: skip
        self._template = '<row r="{0}"{1}>' + cells + "</row>"
        self._parts: list[str] = []
        self._text_cache: dict[str, str] = {}

    def _text(self, value: str) -> str:
        """The rest of an inline string cell, escaped; repeated texts (labels, actions) are made once."""
        cached = self._text_cache.get(value)
        if cached is not None:
            return cached
        if value.isascii() and value.isalnum():  # order ids, parcel numbers: nothing to escape, never repeated
            return f' t="inlineStr"><is><t>{value}</t></is></c>'
        text = value
        preserve = ""
        if _NEEDS_CARE.search(text):
            text = storable(text)
            if text != text.strip():
                preserve = ' xml:space="preserve"'
        if _ESCAPE.search(text):
            text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        part = f' t="inlineStr"><is><t{preserve}>{text}</t></is></c>'
        if len(self._text_cache) < 50_000:
            self._text_cache[value] = part
        return part

    def add(self, values: list, height: float | None = None) -> None:
        """One row: str (text), int/float (a number), datetime (Beijing wall time as an Excel date), None (empty,
        but keeps the column's format, e.g. its border). `height` in points, for wrapped text: LibreOffice does
        not fit a row's height to its text when it opens a file."""
        known, text = self._text_cache.get, self._text
        parts = [
            (known(value) or text(value)) if value.__class__ is str else "/>" if value is None else _value(value)
            for value in values
        ]
        self._parts.append(
            self._template.format(self.row + 1, f' ht="{height:g}" customHeight="1"' if height else "", *parts)
        )
        self.row += 1
        if len(self._parts) >= 2000:
            self._flush()

    def _flush(self) -> None:
        self.sheet.fh.write("".join(self._parts))
        self._parts.clear()

    def close(self) -> int:
        """Tells the worksheet where the table ends; returns the next free row."""
        self._flush()
        if self.row > 0:
            self.sheet._check_dimensions(self.row - 1, self.columns - 1)
        self.sheet.previous_row = self.row
        return self.row
