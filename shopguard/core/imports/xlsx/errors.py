"""The ways the streaming reader gives up on a workbook: NotStreamable (read it with calamine instead),
DamagedWorkbook, and TooLarge (read it with nothing: see imports.limits)."""


class NotStreamable(Exception):
    """The workbook uses XML this reader does not parse; read it with calamine instead."""


class DamagedWorkbook(Exception):
    """The zip archive or the XML in it is damaged; the message names the underlying error."""


class TooLarge(Exception):
    """A part, a row or the shared strings are far larger than any real export; the message is for the merchant.

    Not a reason to try calamine, which would need even more memory for the same file.
    """
