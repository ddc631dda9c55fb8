"""Text written into the .xlsx files we make (the morning report, a filing's 受影响订单.xlsx).

Text from imported files and from the merchant is data, never a formula: openpyxl writes any string starting
with "=" as a live formula (an order id `=HYPERLINK("http://…")` would become a link in Excel), and "#N/A" as an
error. And an .xlsx
cannot hold most ASCII control characters: openpyxl raises IllegalCharacterError on a \\x00, \\x0b or \\x1b, so
one odd product name would stop the whole report. Both are handled here, for every writer.
"""

from __future__ import annotations

import re

from openpyxl.cell import WriteOnlyCell

# What openpyxl refuses (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE): C0 controls other than TAB, LF and CR.
_NOT_STORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def storable(value: str) -> str:
    """The text with each control character an .xlsx cannot hold replaced by a space."""
    return _NOT_STORABLE.sub(" ", value)


def text_cell(sheet, value: str | None, number_format: str | None = None):
    """A cell of a write-only sheet showing `value` as text, whatever it starts with; None stays empty.

    `number_format="@"` marks the cell as text in Excel too (IDs), so that retyping it keeps its digits.
    """
    if value is None:
        return None
    if _NOT_STORABLE.search(value):
        value = storable(value)
    if value[:1] not in ("=", "#") and number_format is None:
        return value  # a plain string: openpyxl writes it as a string cell (#N/A and the like as an error cell)
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if number_format is not None:
        cell.number_format = number_format
    return cell
