"""How many cell positions python-calamine would build for an .ods file, read from its content.xml in chunks.

An OpenDocument sheet can say "this cell, 1,000 times across" (table:number-columns-repeated) and "this row,
a million times down" (table:number-rows-repeated): an 828-byte .ods holding one text cell repeated that way
made calamine allocate past 1 GiB and abort the process. calamine keeps a dense grid per sheet up to the last
cell with content, so the bound here is, summed over the sheets (calamine reads them all when it opens the
file), the rows up to the last row with content times the columns up to the last cell with content. Empty
repeated cells and rows (LibreOffice writes those for formatting down to the sheet's end) cost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.parsers import expat

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_SHEET = f"{_TABLE_NS} table"
_ROW = f"{_TABLE_NS} table-row"
_CELLS = {f"{_TABLE_NS} table-cell", f"{_TABLE_NS} covered-table-cell"}
_ROWS_REPEATED = f"{_TABLE_NS} number-rows-repeated"
_COLUMNS_REPEATED = f"{_TABLE_NS} number-columns-repeated"
_VALUE_TYPE = f"{_OFFICE_NS} value-type"


class _Extent:
    def __init__(self):
        self.total = 0  # positions of the sheets already ended
        self.rows = self.last_row = self.last_column = 0  # of the sheet being read
        self.row_repeat = self.column = 0
        self.row_has_content = False
        self.cell: tuple[int, int] | None = None  # (first column, repeat) of the cell being read
        self.cell_has_content = False

    def start(self, name: str, attributes: dict) -> None:
        if self.cell is not None:  # any element inside a cell (text:p, a note) is content
            self.cell_has_content = True
        elif name in _CELLS:
            self.cell = (self.column, _count(attributes.get(_COLUMNS_REPEATED)))
            self.cell_has_content = _VALUE_TYPE in attributes
        elif name == _ROW:
            self.row_repeat = _count(attributes.get(_ROWS_REPEATED))
            self.column = 0
            self.row_has_content = False
        elif name == _SHEET:
            self.rows = self.last_row = self.last_column = 0

    def end(self, name: str) -> None:
        if name in _CELLS and self.cell is not None:
            first, repeat = self.cell
            self.cell = None
            self.column = first + repeat
            if self.cell_has_content:
                self.row_has_content = True
                self.last_column = max(self.last_column, self.column)
        elif name == _ROW:
            self.rows += self.row_repeat
            if self.row_has_content:
                self.last_row = self.rows
        elif name == _SHEET:
            self.total += self.last_row * self.last_column


def _count(value: str | None) -> int:
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1


def cell_positions(chunks: Iterable[bytes]) -> int:
    """An upper bound of the cell positions calamine holds for the content.xml given in chunks. Raises
    expat.ExpatError for XML that is not well formed (calamine would refuse it too)."""
    extent = _Extent()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = extent.start
    parser.EndElementHandler = extent.end
    for chunk in chunks:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return extent.total
