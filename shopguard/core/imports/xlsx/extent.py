"""How many cell positions python-calamine would allocate for a worksheet, found without loading it.

calamine keeps a sheet as one dense grid from its first to its last cell, 32 bytes a position: a 1 KB .xlsx with
one cell in A1 and one in XFD100000 asks for 52 GB, and the process aborts (there is no Python exception to
catch). The streaming reader never builds such a grid; the reader checks this bound before it hands a sheet to
calamine (imports.limits.CALAMINE_CELLS).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from shopguard.core.imports.xlsx.columns import column_index

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"  # calamine reads namespace-prefixed sheets (x:row, x:c) too
_CELL = re.compile(rb"<" + _PREFIX + rb"c[\s/>]")
_CELL_REF = re.compile(rb"<" + _PREFIX + rb'c\s[^>]*?\br="([A-Z]{1,3})(\d{1,9})"')
_ROW = re.compile(rb"<" + _PREFIX + rb"row[\s/>]")
_ROW_REF = re.compile(rb"<" + _PREFIX + rb'row\s[^>]*?\br="(\d{1,9})"')


def cell_positions(chunks: Iterator[bytes]) -> int:
    """An upper bound of (rows × columns) in the grid calamine builds for this worksheet XML.

    Exact when every cell has its r="B7" reference (every writer we know of); a row or cell without one comes
    after the one before it, so each such row adds a row and the most such cells in one row add columns.
    """
    last_row = last_column = rows_without_number = widest_unnumbered = 0
    unnumbered_in_open_row = 0  # cells without r in the row still open at the end of the last text
    for text in _whole_tags(chunks):
        refs = _CELL_REF.findall(text)
        if refs:
            last_row = max(last_row, max(map(int, (row for _, row in refs))))
            last_column = max(last_column, 1 + max(map(column_index, {letters for letters, _ in refs})))
        row_numbers = _ROW_REF.findall(text)
        if row_numbers:
            last_row = max(last_row, max(map(int, row_numbers)))
        row_starts = [match.start() for match in _ROW.finditer(text)]
        rows_without_number += len(row_starts) - len(row_numbers)
        if len(_CELL.findall(text)) == len(refs):
            if row_starts:
                unnumbered_in_open_row = 0
            continue
        # Some cells have no reference: count them row by row (the first piece continues the row left open).
        for index, (start, end) in enumerate(zip([0, *row_starts], [*row_starts, len(text)], strict=True)):
            if index:
                unnumbered_in_open_row = 0
            unnumbered_in_open_row += len(_CELL.findall(text, start, end)) - len(_CELL_REF.findall(text, start, end))
            widest_unnumbered = max(widest_unnumbered, unnumbered_in_open_row)
    return (last_row + rows_without_number) * (last_column + widest_unnumbered)


def _whole_tags(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The XML in pieces that each end just after a '>', so that no tag is cut in two."""
    rest = b""
    for chunk in chunks:
        text = rest + chunk
        cut = text.rfind(b">") + 1
        rest = text[cut:]
        if cut:
            yield text[:cut]
    if rest:
        yield rest
