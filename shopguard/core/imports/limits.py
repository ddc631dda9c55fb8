"""How large a file, a part of a workbook, a row or a cell may be before the reader refuses it, and why.

A damaged or hostile file must never exhaust memory or keep the program busy for minutes: a 60 KB .xlsx can
unpack to gigabytes (a zip bomb), and one crafted cell can make python-calamine allocate a cell for every
position between A1 and XFD1048576. Every limit below is far above what a real export needs, measured on a
200,000-row 抖店 order export (34 columns, bench/make_order_export.py): a 56 MB .xlsx whose worksheet unpacks to
577 MB (about 2.9 KB a row), or a 106 MB CSV whose longest cell has 149 characters; written with shared
strings it would hold about 1.1 million distinct strings (37 MB of text, about 56 MB of XML).
"""

from __future__ import annotations

MB = 1 << 20
GB = 1 << 30

# --- .xlsx parts, checked against the size the zip declares before anything is unpacked -------------------------
# (unpacking also stops as soon as a part turns out larger than declared)

# Streamed in chunks, so memory does not grow with it: only the time to read it does (about 6 s for the export's
# 577 MB). Excel's last row (1,048,576) at the export's 2.9 KB a row is 3 GB: no sheet Excel or WPS can hold is
# refused.
WORKSHEET_BYTES = 4 * GB
# Held in memory whole (each string costs about 60 bytes besides its text): 4.5 times the XML, and 3.6 times the
# count, of a 200,000-row export's strings; at most about 500 MB of memory.
SHARED_STRINGS_BYTES = 256 * MB
SHARED_STRINGS_COUNT = 4_000_000
# workbook.xml, styles.xml and the .rels files are parsed whole. Excel stores at most 64,000 cell formats,
# about 6 MB of styles.xml; the others are a few KB.
METADATA_PART_BYTES = 16 * MB
# One row element (or one shared string) is buffered whole. An export's row is about 3 KB; 34 cells each holding
# Excel's longest text (32,767 characters) are about 3 MB.
ROW_BYTES = 16 * MB

# --- every spreadsheet -----------------------------------------------------------------------------------------

# Excel's and WPS's last row: no workbook they write has a row beyond it.
SHEET_ROWS = 1_048_576
# A sheet is taken to end after this many empty rows in a row. An export has no empty rows at all; a sheet the
# merchant edited may have a few hundred, but formatting whole rows in Excel leaves up to a million empty
# (styled) rows below the data. Half of a 200,000-row export is still far beyond any gap between real rows,
# and reading on through a million empty rows would only cost time.
EMPTY_RUN_ROWS = 100_000

# --- python-calamine (.xls, .xlsb, .ods, and any .xlsx the streaming reader declines) ----------------------------

# calamine holds a whole sheet in memory: 1.5 to 2 times its unpacked XML (measured with python-calamine 0.9.1).
# The limit applies to the unpacked .xml/.bin parts of a zip-based workbook, or to the size of an .xls file
# (whose format ends at 65,536 rows: that many rows of the export above are 35 MB as CSV).
CALAMINE_BYTES = 256 * MB
# calamine also allocates 32 bytes for every position between a sheet's first and last cell, filled or not;
# a 200,000-row export has 6.8 million positions (218 MB).
CALAMINE_CELLS = 10_000_000

# --- CSV -----------------------------------------------------------------------------------------------------

# The csv module's own default field limit: a longer cell is a problem for that cell, the rest of the file
# imports.
CSV_CELL_CHARS = 128 * 1024
# A physical line (or one quoted cell spanning lines) with more characters than this is never buffered: the file
# is refused. It is 20,000 times an export's longest line (803 bytes).
CSV_LINE_CHARS = 16 * MB


def megabytes(size: int) -> str:
    """A size for a message: 「577 MB」, 「4 GB」, 「2.5 MB」, 「12 KB」."""
    if size >= GB and size % GB == 0:
        return f"{size // GB} GB"
    if size < MB:
        return f"{max(size // 1024, 1)} KB"
    value = size / MB
    return f"{value:.1f} MB" if value < 10 else f"{value:,.0f} MB"
