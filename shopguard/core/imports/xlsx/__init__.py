"""Stream the rows of .xlsx/.xlsm worksheets straight out of the zip, without loading a sheet into memory.

python-calamine parses a whole worksheet before it returns the first row: on a 200,000-row order export that
is 700 MB and 5 seconds. Here the worksheet XML is inflated in chunks (by a background thread: zlib releases
the GIL) and the cells are picked out of the raw bytes with regular expressions. Once the caller knows which
columns it needs (`StreamedSheet.keep_only`), the cell pattern names only those column letters, so the C
regex engine steps over every other cell without creating a Python object for it.

A row comes out as (its number in the sheet, its values by column position, A = 0), with "" for the cells
between and up to the last one read; rows without any cell (read) do not come out at all. The values are
those python-calamine 0.9.1 gives (tests/core/imports/test_xlsx_stream.py compares the two), except that an error
cell gives its text ('#N/A') where calamine gives '', and that a value calamine refuses outright (a
non-numeric t="n" cell, an unknown error code, an unknown entity) comes out as its text instead of making
the whole sheet unreadable. Positions are absolute even when column A is empty, where calamine's rows start
at the first used column.

What this reader does not parse with confidence (namespace-prefixed elements, cells without an r attribute,
non-UTF-8 parts, CDATA or comments inside a cell) raises NotStreamable, before the first row of the sheet
when it shows there, so that the caller can read the sheet with calamine instead. A part, a row or shared
strings larger than any real export (imports.limits) raise TooLarge, before the part is unpacked; a sheet ends
after limits.EMPTY_RUN_ROWS rows without a cell.

errors     NotStreamable, DamagedWorkbook and TooLarge
columns    column letters <-> positions
text       XML text nodes: entities, line ends, _xHHHH_ escapes, rich text; the UTF-8 check
formats    number format kinds, Excel serials -> dates/times/durations, the cell value converters
zipstream  a zip member inflated in chunks (CRC-checked, optionally by a thread), cut into blocks of rows;
           the tunables CHUNK_SIZE, QUEUE_DEPTH, BLOCK_SIZE and BACKGROUND_DECOMPRESSION live here
workbook   StreamingWorkbook: sheet list, relationships, styles, shared strings; open_workbook
sheet      StreamedSheet: the cell patterns, the per-block checks, assembling rows
extent     how many cell positions calamine would allocate for a sheet (checked before it reads one)
"""

from shopguard.core.imports.xlsx.errors import DamagedWorkbook, NotStreamable, TooLarge
from shopguard.core.imports.xlsx.extent import cell_positions
from shopguard.core.imports.xlsx.sheet import StreamedSheet
from shopguard.core.imports.xlsx.workbook import StreamingWorkbook, open_workbook

__all__ = [
    "DamagedWorkbook",
    "NotStreamable",
    "StreamedSheet",
    "StreamingWorkbook",
    "TooLarge",
    "cell_positions",
    "open_workbook",
]
